import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { moveDefaultPolicyToManaged, PolicyAttachment } from '../private/managed-policy';
import { lifecycleRulesFor } from './lifecycle-tiers';
import { SecureBucketProps } from './secure-bucket-props';

/** TLS versions S3 accepts in an `s3:TlsVersion` condition that are at least 1.2. */
const ALLOWED_TLS = [1.2, 1.3];

/**
 * An S3 bucket whose security cannot be configured away: all public access blocked,
 * default encryption with a customer-managed key and an S3 Bucket Key, requests
 * without TLS or below the minimum TLS version denied, ACLs disabled, versioning on,
 * server access logs delivered to a dedicated log bucket, incomplete multipart
 * uploads aborted, and the bucket retained unless the caller opts in to deletion.
 */
export class SecureBucket extends s3.Bucket {
  /** The role S3 replicates with, when `replication` is set. */
  public replicationRole?: iam.Role;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    const tls = props.minimumTlsVersion ?? 1.2;
    if (!ALLOWED_TLS.includes(tls)) {
      throw new Error(`SecureBucket '${id}': minimumTlsVersion received ${tls}; allowed: ${ALLOWED_TLS.join(' or ')}`);
    }
    super(scope, id, {
      bucketName: props.bucketName,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: tls,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      serverAccessLogsPrefix: props.serverAccessLogsPrefix ?? `${id}/`,
      lifecycleRules: lifecycleRulesFor(props.lifecycle ?? {}),
      objectLockEnabled: props.objectLockRetention ? true : undefined,
      objectLockDefaultRetention: props.objectLockRetention,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    const cfn = this.node.defaultChild as s3.CfnBucket;
    if (props.eventBridgeEnabled ?? true) {
      cfn.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
    }
    if (props.replication) this.replicateTo(cfn, props);
  }

  /**
   * Replication through a role whose permissions sit in a managed policy: read this
   * bucket's versions (decrypting with its key), write replicas (encrypting with the
   * destination's key). Only SSE-KMS objects exist here, so only those are replicated.
   */
  private replicateTo(cfn: s3.CfnBucket, props: SecureBucketProps): void {
    const replication = props.replication!;
    this.replicationRole = new iam.Role(this, 'ReplicationRole', {
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'),
      description: `S3 replicates ${this.node.path} to its replica`,
    });
    this.grantReplicationPermission(this.replicationRole, {
      sourceDecryptionKey: props.encryptionKey,
      destinations: [{ bucket: replication.destination, encryptionKey: replication.destinationKey }],
    });
    // No DependsOn from the bucket on the policy: the policy names the bucket (a cycle); S3 retries until it is attached.
    moveDefaultPolicyToManaged(this.replicationRole, this, 'ReplicationPolicy', `S3 replication of ${this.node.path}`, PolicyAttachment.FROM_POLICY);
    cfn.replicationConfiguration = {
      role: this.replicationRole.roleArn,
      rules: [
        {
          id: 'replicate-all-objects',
          status: 'Enabled',
          priority: 0,
          filter: { prefix: '' },
          deleteMarkerReplication: { status: 'Disabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: {
            bucket: replication.destination.bucketArn,
            storageClass: replication.storageClass?.value,
            encryptionConfiguration: { replicaKmsKeyId: replication.destinationKey.keyArn },
          },
        },
      ],
    };
  }
}
