/**
 * Data-bearing resources and the changes that lose their data. A replacement creates
 * a new, empty resource (and deletes the old one unless its UpdateReplacePolicy retains
 * it); a deletion with DeletionPolicy Delete removes the data with the resource.
 */

/** Resource types that hold data, and what is lost with them. */
export const DATA_BEARING_TYPES: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket': 'the objects in the bucket',
  'AWS::MSK::Cluster': 'the brokers\' storage: every topic and message',
  'AWS::MSK::ServerlessCluster': 'every topic and message of the cluster',
  'AWS::MSK::Topic': 'the messages of the topic',
  'AWS::KMS::Key': 'the ability to decrypt everything encrypted with the key',
  'AWS::Logs::LogGroup': 'the log events',
  'AWS::Glue::Database': 'the catalog database and its table definitions',
  'AWS::Glue::Table': 'the table definition and its partitions',
  'AWS::DynamoDB::Table': 'the items of the table',
  'AWS::DynamoDB::GlobalTable': 'the items of the table in every replica',
  'AWS::Kinesis::Stream': 'the records in the stream',
  'AWS::SQS::Queue': 'the messages in the queue',
  'AWS::RDS::DBInstance': 'the database',
  'AWS::RDS::DBCluster': 'the database',
  'AWS::EFS::FileSystem': 'the files',
  'AWS::SecretsManager::Secret': 'the secret value',
};

/** Whether a resource type holds data. */
export function isDataBearing(resourceType: string | undefined): boolean {
  return resourceType !== undefined && resourceType in DATA_BEARING_TYPES;
}

/** How a change loses data. */
export type DataLossKind = 'replacement' | 'possible-replacement' | 'deletion' | 'storage-shrink';

/** A property of a data-bearing resource whose decrease loses data or fails the update, by type. */
export interface ShrinkRule {
  readonly resourceType: string;
  /** Dotted property path (array indexes as `[n]`). */
  readonly property: string;
  readonly why: string;
}

/** Decreases that cannot be applied in place. */
export const SHRINK_RULES: readonly ShrinkRule[] = [
  {
    resourceType: 'AWS::MSK::Cluster',
    property: 'BrokerNodeGroupInfo.StorageInfo.EBSStorageInfo.VolumeSize',
    why: 'MSK broker storage can only grow; a smaller volume means a new cluster',
  },
  {
    resourceType: 'AWS::MSK::Topic',
    property: 'PartitionCount',
    why: 'Kafka cannot remove partitions; fewer partitions means recreating the topic',
  },
];
