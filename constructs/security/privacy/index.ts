export * from './erasure-workflow';
export * from './erasure-workflow-props';
export * from './privacy-key';
export * from './privacy-key-props';
export * from './masking-job';
export * from './masking-job-props';
export * from './clean-rooms-sharing';
export * from './clean-rooms-sharing-props';
