export { compliantIf } from './rule';
export type { PlatformRule } from './rule';
export { CUSTOMER_MANAGED_KEY } from './common/customer-managed-key';
export { REQUIRED_TAGS } from './common/required-tags';
export { KMS_KEY_ROTATION } from './kms/key-rotation';
export { S3_AUDIT_OBJECT_LOCK } from './s3/audit-object-lock';
export { S3_LAKE_LIFECYCLE_TIERS } from './s3/lake-lifecycle-tiers';
export { S3_TLS_REQUIRED } from './s3/tls-required';
export { MSK_KAFKA_DURABILITY } from './msk/kafka-durability';
