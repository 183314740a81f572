import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LifecycleTiers } from './lifecycle-tiers';

export interface SecureBucketProps {
  /** Customer-managed key for default encryption (SSE-KMS with an S3 Bucket Key). */
  readonly encryptionKey: kms.IKey;
  /** Bucket receiving this bucket's server access logs. */
  readonly serverAccessLogsBucket: s3.IBucket;
  /**
   * Key prefix of this bucket's access logs in the log bucket.
   * @default - the construct's id followed by '/'
   */
  readonly serverAccessLogsPrefix?: string;
  /**
   * Storage tiers and expiry. Multipart uploads left incomplete are always aborted
   * (after 7 days unless the tiers say otherwise).
   * @default - no transitions or expiry; incomplete uploads aborted after 7 days
   */
  readonly lifecycle?: LifecycleTiers;
  /**
   * Lowest TLS version a request may use (1.2 or 1.3).
   * @default 1.2
   */
  readonly minimumTlsVersion?: number;
  /**
   * Object Lock default retention. Object Lock can only be turned on when the
   * bucket is created; data zones that must honour erasure requests never use it.
   * @default - no Object Lock
   */
  readonly objectLockRetention?: s3.ObjectLockRetention;
  /**
   * Publish object events to Amazon EventBridge (native CloudFormation setting, no
   * custom resource), so pipelines subscribe with EventBridge rules rather than
   * bucket notifications.
   * @default true
   */
  readonly eventBridgeEnabled?: boolean;
  /**
   * Replicate every new object version to another bucket (S3 Replication, delete
   * markers not replicated so the replica survives a deletion in this bucket). The
   * destination must be versioned and in the residency zone of this bucket.
   * @default - no replication
   */
  readonly replication?: BucketReplication;
  /**
   * Physical name. Leave it to CloudFormation unless another system needs a fixed name.
   * @default - a generated name
   */
  readonly bucketName?: string;
  /**
   * What happens to the bucket when it leaves the stack. DESTROY deletes it only
   * once empty: objects are never deleted by the platform.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Where a SecureBucket replicates its objects. */
export interface BucketReplication {
  /** The versioned destination bucket. */
  readonly destination: s3.IBucket;
  /** Key the replicas are encrypted with (the destination bucket's key). */
  readonly destinationKey: kms.IKey;
  /**
   * Storage class of the replicas.
   * @default - the source object's storage class
   */
  readonly storageClass?: s3.StorageClass;
}
