import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLogsBucket } from '../../../constructs/storage/access-logs-bucket';
import { StorageTier } from '../../../constructs/storage/lifecycle-tiers';
import { SecureBucket } from '../../../constructs/storage/secure-bucket';
import { SecureBucketProps } from '../../../constructs/storage/secure-bucket-props';
import { testStack } from '../../support/app';
import { logicalIdOf, resourceOf } from '../template-helpers';

interface Built {
  readonly stack: Stack;
  readonly key: kms.Key;
  readonly logs: AccessLogsBucket;
  readonly bucket: SecureBucket;
  readonly template: Template;
}

/** A stack with a key, a log bucket and one SecureBucket 'Data'. */
function build(props: Partial<SecureBucketProps> = {}): Built {
  const stack = testStack();
  const key = new kms.Key(stack, 'Key');
  const logs = new AccessLogsBucket(stack, 'Logs');
  const bucket = new SecureBucket(stack, 'Data', { encryptionKey: key, serverAccessLogsBucket: logs, ...props });
  return { stack, key, logs, bucket, template: Template.fromStack(stack) };
}

/** The two resources every bucket-wide statement covers: the bucket and its objects. */
function bucketAndObjects(stack: Stack, bucket: s3.IBucket): unknown[] {
  return [stack.resolve(bucket.bucketArn), stack.resolve(bucket.arnForObjects('*'))];
}

/** Matches the policy of `bucket` having `statements` among its statements. */
function bucketPolicyWith(bucket: s3.IBucket, statements: object[]): object {
  return { Bucket: { Ref: logicalIdOf(bucket) }, PolicyDocument: { Statement: Match.arrayWith(statements.map((s) => Match.objectLike(s))) } };
}

describe('SecureBucket with defaults', () => {
  let b: Built;
  beforeAll(() => {
    b = build();
  });

  test('blocks all four kinds of public access', () => {
    expect(resourceOf(b.template, b.bucket).Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  test("encrypts with SSE-KMS under the given key's ARN and an S3 Bucket Key", () => {
    expect(resourceOf(b.template, b.bucket).Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: b.stack.resolve(b.key.keyArn) },
        },
      ],
    });
  });

  test('denies requests without TLS (aws:SecureTransport false) to everyone', () => {
    b.template.hasResourceProperties(
      'AWS::S3::BucketPolicy',
      bucketPolicyWith(b.bucket, [
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          Resource: bucketAndObjects(b.stack, b.bucket),
        },
      ]),
    );
  });

  test('denies requests below TLS 1.2 (s3:TlsVersion) to everyone', () => {
    b.template.hasResourceProperties(
      'AWS::S3::BucketPolicy',
      bucketPolicyWith(b.bucket, [
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 's3:*',
          Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
          Resource: bucketAndObjects(b.stack, b.bucket),
        },
      ]),
    );
  });

  test('has no Allow statement in its own policy', () => {
    const policies = b.template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: logicalIdOf(b.bucket) } } });
    const statements = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as { Effect: string }[]);
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.filter((s) => s.Effect !== 'Deny')).toEqual([]);
  });

  test('is versioned and disables ACLs (BucketOwnerEnforced)', () => {
    const props = resourceOf(b.template, b.bucket).Properties;
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(props.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
  });

  test("delivers server access logs to the log bucket under '<id>/'", () => {
    expect(resourceOf(b.template, b.bucket).Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logicalIdOf(b.logs) },
      LogFilePrefix: 'Data/',
    });
  });

  test("lets the S3 logging service write only this bucket's logs into the log bucket (bucket policy, not ACLs)", () => {
    b.template.hasResourceProperties(
      'AWS::S3::BucketPolicy',
      bucketPolicyWith(b.logs, [
        {
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: { 'Fn::Join': ['', [b.stack.resolve(b.logs.bucketArn), '/Data/*']] },
          Condition: { ArnLike: { 'aws:SourceArn': b.stack.resolve(b.bucket.bucketArn) }, StringEquals: { 'aws:SourceAccount': '111111111111' } },
        },
      ]),
    );
  });

  test('aborts incomplete multipart uploads after 7 days and has no other lifecycle rule', () => {
    expect(resourceOf(b.template, b.bucket).Properties.LifecycleConfiguration).toEqual({
      Rules: [{ Id: 'abort-incomplete-multipart-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }],
    });
  });

  test('is retained on deletion and on replacement', () => {
    expect(resourceOf(b.template, b.bucket)).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('has no Object Lock', () => {
    const props = resourceOf(b.template, b.bucket).Properties;
    expect(props.ObjectLockEnabled).toBeUndefined();
    expect(props.ObjectLockConfiguration).toBeUndefined();
  });

  test('leaves the physical name to CloudFormation', () => {
    expect(resourceOf(b.template, b.bucket).Properties.BucketName).toBeUndefined();
  });
});

describe('SecureBucket options', () => {
  test('denies requests below TLS 1.3 when minimumTlsVersion is 1.3', () => {
    const b = build({ minimumTlsVersion: 1.3 });
    b.template.hasResourceProperties(
      'AWS::S3::BucketPolicy',
      bucketPolicyWith(b.bucket, [{ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.3 } } }]),
    );
  });

  test('is deleted (once empty) when removalPolicy is DESTROY', () => {
    const b = build({ removalPolicy: RemovalPolicy.DESTROY });
    expect(resourceOf(b.template, b.bucket)).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    // Objects are never deleted by the platform: no auto-delete custom resource.
    b.template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });

  test('turns Object Lock on in COMPLIANCE mode when objectLockRetention is given', () => {
    const b = build({ objectLockRetention: s3.ObjectLockRetention.compliance(Duration.days(400)) });
    const props = resourceOf(b.template, b.bucket).Properties;
    expect(props.ObjectLockEnabled).toBe(true);
    expect(props.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 400 } },
    });
  });

  test('uses the given access log prefix and bucket name', () => {
    const b = build({ serverAccessLogsPrefix: 'lake/raw/', bucketName: 'dp-raw-111111111111' });
    const props = resourceOf(b.template, b.bucket).Properties;
    expect(props.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logicalIdOf(b.logs) }, LogFilePrefix: 'lake/raw/' });
    expect(props.BucketName).toBe('dp-raw-111111111111');
  });

  test('renders the given lifecycle tiers alongside the abort rule', () => {
    const b = build({
      lifecycle: {
        transitions: [{ tier: StorageTier.GLACIER, after: Duration.days(90) }],
        expiration: Duration.days(365),
        abortIncompleteMultipartUploadAfter: Duration.days(2),
      },
    });
    expect(resourceOf(b.template, b.bucket).Properties.LifecycleConfiguration).toEqual({
      Rules: [
        { Id: 'abort-incomplete-multipart-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } },
        { Id: 'storage-tiers', Status: 'Enabled', ExpirationInDays: 365, Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }] },
      ],
    });
  });
});

describe('SecureBucket validation', () => {
  const base = (stack: Stack): SecureBucketProps => ({
    encryptionKey: new kms.Key(stack, 'Key'),
    serverAccessLogsBucket: s3.Bucket.fromBucketName(stack, 'Logs', 'logs'),
  });

  test.each([1.1, 1.0, 1.4])('fails if minimumTlsVersion is %p, naming the prop, the value and 1.2 or 1.3', (tls) => {
    const stack = testStack();
    expect(() => new SecureBucket(stack, 'Bad', { ...base(stack), minimumTlsVersion: tls })).toThrow(
      `SecureBucket 'Bad': minimumTlsVersion received ${tls}; allowed: 1.2 or 1.3`,
    );
  });

  test('fails with every lifecycle problem', () => {
    const stack = testStack();
    expect(
      () =>
        new SecureBucket(stack, 'Bad', {
          ...base(stack),
          lifecycle: {
            transitions: [{ tier: StorageTier.INFREQUENT_ACCESS, after: Duration.days(10) }],
            expiration: Duration.days(20),
          },
        }),
    ).toThrow(
      [
        'Invalid lifecycle tiers:',
        "  - transitions[0].after: received 10; allowed: 30 days or more (S3's minimum object age for INFREQUENT_ACCESS)",
        '  - expiration: received 20; allowed: 40 days or more: objects reach INFREQUENT_ACCESS at 10 days and it bills at least 30 days',
      ].join('\n'),
    );
  });
});

describe('SecureBucket events and replication', () => {
  test('publishes object events to EventBridge natively, without a custom resource (Control Tower CT.S3.PR.4)', () => {
    const b = build();
    expect(resourceOf(b.template, b.bucket).Properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    expect(resourceOf(b.template, b.logs).Properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    expect(Object.keys(b.template.findResources('Custom::S3BucketNotifications'))).toEqual([]);
  });

  test('leaves EventBridge off when asked', () => {
    const b = build({ eventBridgeEnabled: false });
    expect(resourceOf(b.template, b.bucket).Properties.NotificationConfiguration).toBeUndefined();
  });

  describe('with a replica', () => {
    let stack: Stack;
    let bucket: SecureBucket;
    let replica: SecureBucket;
    let template: Template;
    beforeAll(() => {
      stack = testStack();
      const key = new kms.Key(stack, 'Key');
      const logs = new AccessLogsBucket(stack, 'Logs');
      replica = new SecureBucket(stack, 'Replica', { encryptionKey: key, serverAccessLogsBucket: logs });
      bucket = new SecureBucket(stack, 'Data', {
        encryptionKey: key,
        serverAccessLogsBucket: logs,
        replication: { destination: replica, destinationKey: key },
      });
      template = Template.fromStack(stack);
    });

    test('replicates every KMS-encrypted object version, re-encrypted with the destination key, but not deletions', () => {
      expect(resourceOf(template, bucket).Properties.ReplicationConfiguration).toEqual({
        Role: stack.resolve(bucket.replicationRole!.roleArn),
        Rules: [
          {
            Id: 'replicate-all-objects',
            Status: 'Enabled',
            Priority: 0,
            Filter: { Prefix: '' },
            DeleteMarkerReplication: { Status: 'Disabled' },
            SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
            Destination: {
              Bucket: stack.resolve(replica.bucketArn),
              EncryptionConfiguration: { ReplicaKmsKeyID: stack.resolve(replica.encryptionKey!.keyArn) },
            },
          },
        ],
      });
    });

    test('the replication role is assumed by S3 only and its permissions sit in a managed policy naming it', () => {
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 's3.amazonaws.com' } })] },
      });
      template.resourceCountIs('AWS::IAM::Policy', 0);
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        Roles: [stack.resolve(bucket.replicationRole!.roleName)],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Action: Match.arrayWith(['s3:ReplicateObject']), Resource: stack.resolve(replica.arnForObjects('*')) }),
          ]),
        },
      });
    });
  });
});
