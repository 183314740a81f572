export * from './platform-network';
export * from './platform-network-props';
