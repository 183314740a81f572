import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AccessLogsBucket } from '../../../constructs/storage/access-logs-bucket';
import { testStack } from '../../support/app';
import { logicalIdOf, resourceOf } from '../template-helpers';

describe('AccessLogsBucket with defaults', () => {
  let stack: Stack;
  let bucket: AccessLogsBucket;
  let template: Template;
  beforeAll(() => {
    stack = testStack();
    bucket = new AccessLogsBucket(stack, 'Logs');
    template = Template.fromStack(stack);
  });

  // S3 server access logging delivers only to buckets whose default encryption is SSE-S3:
  // a customer-managed key (SSE-KMS) on the target bucket makes log delivery fail.
  test('uses SSE-S3 (AES256), the only default encryption S3 access log delivery supports', () => {
    expect(resourceOf(template, bucket).Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
  });

  test('blocks all public access', () => {
    expect(resourceOf(template, bucket).Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  test('denies requests without TLS and below TLS 1.2', () => {
    const resources = [stack.resolve(bucket.bucketArn), stack.resolve(bucket.arnForObjects('*'))];
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalIdOf(bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Resource: resources,
          }),
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
            Resource: resources,
          }),
        ]),
      },
    });
  });

  test('disables ACLs and is versioned', () => {
    const props = resourceOf(template, bucket).Properties;
    expect(props.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  test('expires logs after 365 days, old versions after 1 day, and aborts stale uploads', () => {
    expect(resourceOf(template, bucket).Properties.LifecycleConfiguration).toEqual({
      Rules: [
        { Id: 'abort-incomplete-multipart-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
        { Id: 'storage-tiers', Status: 'Enabled', ExpirationInDays: 365 },
        { Id: 'noncurrent-versions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 1 } },
      ],
    });
  });

  test('does not log its own access (that would loop)', () => {
    expect(resourceOf(template, bucket).Properties.LoggingConfiguration).toBeUndefined();
  });

  test('is retained by default', () => {
    expect(resourceOf(template, bucket)).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('AccessLogsBucket options', () => {
  test('expires logs after the given retention and is deleted (once empty) when removalPolicy is DESTROY', () => {
    const stack = testStack();
    const bucket = new AccessLogsBucket(stack, 'Logs', { retention: Duration.days(90), removalPolicy: RemovalPolicy.DESTROY });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'storage-tiers', ExpirationInDays: 90 })]) },
    });
    expect(resourceOf(template, bucket)).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });

  test('fails if retention is less than 1 day', () => {
    expect(() => new AccessLogsBucket(testStack(), 'Logs', { retention: Duration.days(0) })).toThrow(
      'Invalid lifecycle tiers:\n  - expiration: received 0; allowed: 1 day or more',
    );
  });

  test('fails if retention is not a whole number of days', () => {
    expect(() => new AccessLogsBucket(testStack(), 'Logs', { retention: Duration.hours(36) })).toThrow(
      'Invalid lifecycle tiers:\n  - expiration: received 1.5; allowed: a whole number of days, 0 or more',
    );
  });
});
