export * from './types';
export * from './key-policy';
export * from './checks';
export * from './client';
export * from './sdk-errors';
export * from './run';
export * from './format';
export * from './cli';
