export * from './lab';
export * from './labs';
export * from './run';
