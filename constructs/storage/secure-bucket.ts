import { RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
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
  }
}
