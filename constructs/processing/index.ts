export * from './emr-instance-types';
export * from './emr-release';
export * from './emr-security-configuration';
export * from './emr-security-configuration-props';
export * from './spark-cluster';
export * from './spark-cluster-props';
export * from './spark-sizing';
export * from './tls-certificate-provider';
