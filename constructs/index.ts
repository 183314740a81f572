export * from './encryption';
export * from './governance';
export * from './network';
export * from './observability';
export * from './security';
export * from './storage';
