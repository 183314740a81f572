export * from './access-logs-bucket';
export * from './access-logs-bucket-props';
export * from './data-lake';
export * from './data-lake-props';
export * from './lifecycle-tiers';
export * from './secure-bucket';
export * from './secure-bucket-props';
