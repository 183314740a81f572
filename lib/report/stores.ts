/**
 * The data-bearing resource types the report inventories, and where each keeps its
 * encryption key. A type missing here is not a store (roles, policies, aliases...).
 * New domains add one line per store type: the report then lists them automatically.
 */
export interface StoreType {
  /** Human name used in the report. */
  readonly kind: string;
  /** Property path(s) of the KMS key; the first one present wins. */
  readonly keyPaths: readonly (readonly (string | number)[])[];
  /** What the store uses when no key property is present. */
  readonly withoutKey: 'aws-owned' | 'none';
  /** Whether the store is encrypted at all without a key (e.g. SSE-S3). */
  readonly defaultEncryption?: (props: Record<string, unknown>) => string | undefined;
}

const s3Default = (props: Record<string, unknown>): string | undefined => {
  const rules = (props.BucketEncryption as { ServerSideEncryptionConfiguration?: { ServerSideEncryptionByDefault?: { SSEAlgorithm?: string } }[] })
    ?.ServerSideEncryptionConfiguration;
  const algo = rules?.[0]?.ServerSideEncryptionByDefault?.SSEAlgorithm;
  return algo === 'AES256' ? 'SSE-S3 (AES256, AWS owned key)' : undefined;
};

export const STORE_TYPES: Readonly<Record<string, StoreType>> = {
  'AWS::S3::Bucket': {
    kind: 'S3 bucket',
    keyPaths: [['BucketEncryption', 'ServerSideEncryptionConfiguration', 0, 'ServerSideEncryptionByDefault', 'KMSMasterKeyID']],
    withoutKey: 'aws-owned',
    defaultEncryption: s3Default,
  },
  'AWS::Logs::LogGroup': { kind: 'log group', keyPaths: [['KmsKeyId']], withoutKey: 'aws-owned' },
  'AWS::CloudTrail::Trail': { kind: 'CloudTrail trail', keyPaths: [['KMSKeyId']], withoutKey: 'aws-owned' },
  'AWS::MSK::Cluster': {
    kind: 'MSK cluster',
    keyPaths: [['EncryptionInfo', 'EncryptionAtRest', 'DataVolumeKMSKeyId']],
    withoutKey: 'aws-owned',
  },
  'AWS::MSK::ServerlessCluster': { kind: 'MSK serverless cluster', keyPaths: [], withoutKey: 'aws-owned' },
  'AWS::Kinesis::Stream': { kind: 'Kinesis stream', keyPaths: [['StreamEncryption', 'KeyId']], withoutKey: 'none' },
  'AWS::KinesisFirehose::DeliveryStream': {
    kind: 'Firehose stream',
    keyPaths: [['DeliveryStreamEncryptionConfigurationInput', 'KeyARN']],
    withoutKey: 'none',
  },
  'AWS::SQS::Queue': { kind: 'SQS queue', keyPaths: [['KmsMasterKeyId']], withoutKey: 'aws-owned' },
  'AWS::SNS::Topic': { kind: 'SNS topic', keyPaths: [['KmsMasterKeyId']], withoutKey: 'none' },
  'AWS::DynamoDB::Table': { kind: 'DynamoDB table', keyPaths: [['SSESpecification', 'KMSMasterKeyId']], withoutKey: 'aws-owned' },
  'AWS::DynamoDB::GlobalTable': { kind: 'DynamoDB global table', keyPaths: [['SSESpecification', 'KMSMasterKeyId']], withoutKey: 'aws-owned' },
  'AWS::SecretsManager::Secret': { kind: 'secret', keyPaths: [['KmsKeyId']], withoutKey: 'aws-owned' },
  'AWS::Glue::Database': { kind: 'Glue database', keyPaths: [], withoutKey: 'aws-owned' },
  'AWS::Glue::Table': { kind: 'Glue table', keyPaths: [], withoutKey: 'aws-owned' },
  'AWS::Glue::SecurityConfiguration': {
    kind: 'Glue security configuration',
    keyPaths: [['EncryptionConfiguration', 'S3Encryptions', 0, 'KmsKeyArn']],
    withoutKey: 'none',
  },
  'AWS::EMR::SecurityConfiguration': { kind: 'EMR security configuration', keyPaths: [], withoutKey: 'none' },
  'AWS::EMRServerless::Application': { kind: 'EMR Serverless application', keyPaths: [], withoutKey: 'aws-owned' },
  'AWS::RDS::DBInstance': { kind: 'RDS instance', keyPaths: [['KmsKeyId']], withoutKey: 'none' },
  'AWS::RDS::DBCluster': { kind: 'RDS cluster', keyPaths: [['KmsKeyId']], withoutKey: 'none' },
  'AWS::EFS::FileSystem': { kind: 'EFS file system', keyPaths: [['KmsKeyId']], withoutKey: 'aws-owned' },
  'AWS::Backup::BackupVault': { kind: 'backup vault', keyPaths: [['EncryptionKeyArn']], withoutKey: 'aws-owned' },
  'AWS::SageMaker::FeatureGroup': {
    kind: 'feature group',
    keyPaths: [['OfflineStoreConfig', 'S3StorageConfig', 'KmsKeyId'], ['OnlineStoreConfig', 'SecurityConfig', 'KmsKeyId']],
    withoutKey: 'aws-owned',
  },
  'AWS::SageMaker::ModelPackageGroup': { kind: 'model registry', keyPaths: [], withoutKey: 'aws-owned' },
  'AWS::ElastiCache::ReplicationGroup': { kind: 'cache', keyPaths: [['KmsKeyId']], withoutKey: 'aws-owned' },
  'AWS::ElastiCache::ServerlessCache': { kind: 'serverless cache', keyPaths: [['KmsKeyId']], withoutKey: 'aws-owned' },
  'AWS::OpenSearchService::Domain': { kind: 'OpenSearch domain', keyPaths: [['EncryptionAtRestOptions', 'KmsKeyId']], withoutKey: 'none' },
  'AWS::Redshift::Cluster': { kind: 'Redshift cluster', keyPaths: [['KmsKeyId']], withoutKey: 'none' },
  'AWS::Athena::WorkGroup': {
    kind: 'Athena workgroup (results)',
    keyPaths: [['WorkGroupConfiguration', 'ResultConfiguration', 'EncryptionConfiguration', 'KmsKey']],
    withoutKey: 'none',
  },
  'AWS::StepFunctions::StateMachine': { kind: 'state machine', keyPaths: [['EncryptionConfiguration', 'KmsKeyId']], withoutKey: 'aws-owned' },
};

/** The store description of a resource type, if it is a store. */
export function storeType(type: string): StoreType | undefined {
  return STORE_TYPES[type];
}
