export * from './key-service';
export * from './platform-keys';
export * from './platform-keys-props';
export * from './service-key-access';
