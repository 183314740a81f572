import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { lifecycleRulesFor } from './lifecycle-tiers';
import { AccessLogsBucketProps } from './access-logs-bucket-props';

/**
 * The target of S3 server access logs. S3 delivers access logs only to buckets with
 * SSE-S3 default encryption, so this is the one store without a customer-managed
 * key; everything else is as locked down as a SecureBucket (no public access, TLS
 * 1.2+, ACLs disabled, versioned, retained), and logs expire after `retention`.
 * It does not log its own access (that would loop).
 */
export class AccessLogsBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: AccessLogsBucketProps = {}) {
    const retention = props.retention ?? Duration.days(365);
    super(scope, id, {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: lifecycleRulesFor({ expiration: retention, noncurrentVersionExpiration: Duration.days(1) }),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    // Object events go to EventBridge (native setting, no custom resource), like every platform bucket.
    (this.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
  }
}
