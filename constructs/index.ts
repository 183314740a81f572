export * from './encryption';
export * from './governance';
export * from './security';
export * from './storage';
