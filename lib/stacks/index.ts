export * from './access-stack';
export * from './audit-stack';
export * from './foundation-stack';
export * from './lake-stack';
export * from './network-stack';
export * from './processing-stack';
export * from './privacy-stack';
export * from './streaming-stack';
