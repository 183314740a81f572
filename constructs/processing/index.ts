export * from './emr-instance-types';
export * from './emr-release';
export * from './spark-sizing';
