export * from './global-services';
export * from './organization-region-policy';
export * from './organization-region-policy-props';
export * from './residency-guard';
export * from './residency-guard-props';
