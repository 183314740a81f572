import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PlatformKeys } from '../../../../constructs/encryption/platform-keys';
import { AuditTrail } from '../../../../constructs/security/audit/audit-trail';
import { AUDIT_PROTECTED_ACTIONS, AuditTrailProps } from '../../../../constructs/security/audit/audit-trail-props';
import { testStack } from '../../../support/app';
import { actionsOf, keyPolicyStatements, logicalIdOf, resourceOf, TemplateStatement } from '../../template-helpers';

const ACCOUNT = '111111111111';
const IMPORTED_KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const IMPORTED_KEY_WARNING = /The audit key is imported: its key policy must allow cloudtrail\.amazonaws\.com/;

function bySid(statements: TemplateStatement[], sid: string): TemplateStatement | undefined {
  return statements.find((s) => s.Sid === sid);
}

/** Statements of the audit bucket's policy. */
function auditBucketPolicy(template: Template, trail: AuditTrail): TemplateStatement[] {
  const policies = template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: logicalIdOf(trail.bucket) } } });
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
}

/**
 * With the project's feature flags, synthesis prints annotations through the validation
 * report (console.error); keep the test output for real failures.
 */
function quietly<T>(fn: () => T): T {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    return fn();
  } finally {
    spy.mockRestore();
  }
}

describe('AuditTrail with a PlatformKeys audit key', () => {
  let stack: Stack;
  let keys: PlatformKeys;
  let raw: s3.Bucket;
  let curated: s3.Bucket;
  let audit: AuditTrail;
  let template: Template;

  beforeAll(() => {
    stack = testStack();
    keys = new PlatformKeys(stack, 'Keys', { aliasPrefix: 'dp/test' });
    raw = new s3.Bucket(stack, 'Raw');
    curated = new s3.Bucket(stack, 'Curated');
    audit = new AuditTrail(stack, 'Audit', { encryptionKey: keys.auditKey, retention: Duration.days(400), dataEventBuckets: [raw, curated] });
    template = Template.fromStack(stack);
  });

  test('is a multi-region trail with log file validation and global service events', () => {
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      IncludeGlobalServiceEvents: true,
      IsLogging: true,
    });
  });

  test('encrypts log files with the given key and delivers them to the audit bucket', () => {
    expect(resourceOf(template, audit.trail).Properties).toMatchObject({
      KMSKeyId: stack.resolve(keys.auditKey.keyArn),
      S3BucketName: { Ref: logicalIdOf(audit.bucket) },
    });
  });

  test('copies events to its CloudWatch Logs group through a role that may only write there', () => {
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      CloudWatchLogsLogGroupArn: stack.resolve(audit.logGroup.logGroupArn),
      CloudWatchLogsRoleArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: stack.resolve(audit.logGroup.logGroupArn) },
        ],
      },
    });
  });

  test('gives the logs role its permissions through a managed policy, no inline policy (NIST/HIPAA/PCI IAMNoInlinePolicy)', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const policy = template.findResources('AWS::IAM::ManagedPolicy');
    const [policyId] = Object.keys(policy);
    template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: [{ Ref: policyId }] });
    expect(resourceOf(template, audit.trail).DependsOn).toEqual(expect.arrayContaining([policyId]));
  });

  test('encrypts the log group with the key, keeps it one year and retains it', () => {
    expect(resourceOf(template, audit.logGroup)).toMatchObject({
      Properties: { KmsKeyId: stack.resolve(keys.auditKey.keyArn), RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('records reads and writes of objects in every given bucket, plus management events', () => {
    expect(resourceOf(template, audit.trail).Properties.EventSelectors).toEqual([
      {
        DataResources: [
          {
            Type: 'AWS::S3::Object',
            Values: [
              { 'Fn::Join': ['', [stack.resolve(raw.bucketArn), '/']] },
              { 'Fn::Join': ['', [stack.resolve(curated.bucketArn), '/']] },
            ],
          },
        ],
        IncludeManagementEvents: true,
        ReadWriteType: 'All',
      },
    ]);
  });

  test('locks every log file in COMPLIANCE mode for the retention', () => {
    expect(resourceOf(template, audit.bucket).Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 400 } } },
    });
  });

  test('retains the audit bucket although nothing asked for it', () => {
    expect(resourceOf(template, audit.bucket)).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('the audit bucket is a SecureBucket: SSE-KMS with the key, public access blocked, TLS enforced', () => {
    const props = resourceOf(template, audit.bucket).Properties;
    expect(props.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: stack.resolve(keys.auditKey.keyArn) } },
      ],
    });
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(auditBucketPolicy(template, audit)).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  test("sends the audit bucket's access logs to a separate bucket, not to itself", () => {
    const logging = resourceOf(template, audit.bucket).Properties.LoggingConfiguration as { DestinationBucketName: { Ref: string } };
    expect(logging).toEqual({ DestinationBucketName: { Ref: logicalIdOf(audit.accessLogsBucket) }, LogFilePrefix: 'audit-trail/' });
    expect(logging.DestinationBucketName.Ref).not.toBe(logicalIdOf(audit.bucket));
    // The created log bucket holds no Object Lock (an Object Lock bucket cannot be a log target).
    expect(resourceOf(template, audit.accessLogsBucket).Properties.ObjectLockEnabled).toBeUndefined();
  });

  test('denies everyone deletion and Object Lock changes on the bucket and its objects', () => {
    const deny = bySid(auditBucketPolicy(template, audit), 'DenyAuditEvidenceDeletionAndLockChanges');
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Resource: [stack.resolve(audit.bucket.bucketArn), stack.resolve(audit.bucket.arnForObjects('*'))],
    });
    expect(actionsOf(deny!)).toEqual(
      expect.arrayContaining([
        's3:DeleteObject',
        's3:DeleteObjectVersion',
        's3:PutObjectRetention',
        's3:BypassGovernanceRetention',
        's3:PutBucketObjectLockConfiguration',
        's3:PutObjectLegalHold',
        's3:DeleteBucket',
      ]),
    );
    expect(actionsOf(deny!)).toEqual([...AUDIT_PROTECTED_ACTIONS]);
    expect(deny!.Condition).toBeUndefined();
  });

  test('lets CloudTrail encrypt with the key only for trails of this account (encryption context)', () => {
    const statement = bySid(keyPolicyStatements(template, keys.auditKey), 'CloudTrailEncryptsLogFiles');
    expect(statement).toEqual({
      Sid: 'CloudTrailEncryptsLogFiles',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
      },
    });
  });

  test('lets CloudTrail describe the key from this account only', () => {
    expect(bySid(keyPolicyStatements(template, keys.auditKey), 'CloudTrailDescribesKey')).toMatchObject({
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    });
  });

  test("lets the region's CloudWatch Logs use the key only for this account's log groups", () => {
    const statement = bySid(keyPolicyStatements(template, keys.auditKey), 'CloudWatchLogsEncryptsLogGroups');
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: { 'Fn::Join': ['', ['logs.eu-west-1.', { Ref: 'AWS::URLSuffix' }]] } },
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:*` } },
    });
    expect(actionsOf(statement!)).toEqual(expect.arrayContaining(['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey']));
  });

  test('adds no service statement to the other platform keys', () => {
    for (const purpose of ['internal', 'confidential', 'restricted'] as const) {
      const sids = keyPolicyStatements(template, keys.keyFor(purpose)).map((s) => s.Sid);
      expect(sids).not.toContain('CloudTrailEncryptsLogFiles');
      expect(sids).not.toContain('CloudWatchLogsEncryptsLogGroups');
    }
  });

  test('the audit key policy still grants no kms:*', () => {
    expect(keyPolicyStatements(template, keys.auditKey).flatMap(actionsOf)).not.toContain('kms:*');
  });

  test('warns about nothing when it could update the key policy', () => {
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('audit key is imported'));
  });
});

describe('AuditTrail options', () => {
  test('exempts break-glass principals from the deny (ArnNotLike aws:PrincipalArn) and uses the given log bucket', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    const accessLogs = new s3.Bucket(stack, 'SharedLogs');
    const breakGlass = [`arn:aws:iam::${ACCOUNT}:role/break-glass`, `arn:aws:iam::${ACCOUNT}:role/incident-*`];
    const audit = new AuditTrail(stack, 'Audit', {
      encryptionKey: key,
      retention: Duration.days(2555),
      accessLogsBucket: accessLogs,
      breakGlassPrincipalArns: breakGlass,
      logGroupRetention: logs.RetentionDays.TEN_YEARS,
      trailName: 'platform-audit',
    });
    const template = Template.fromStack(stack);

    expect(bySid(auditBucketPolicy(template, audit), 'DenyAuditEvidenceDeletionAndLockChanges')).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Condition: { ArnNotLike: { 'aws:PrincipalArn': breakGlass } },
    });
    // Object Lock COMPLIANCE still binds break-glass principals.
    expect(resourceOf(template, audit.bucket).Properties.ObjectLockConfiguration).toMatchObject({
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2555 } },
    });
    expect(audit.accessLogsBucket).toBe(accessLogs);
    template.resourceCountIs('AWS::S3::Bucket', 2);
    expect(resourceOf(template, audit.bucket).Properties.LoggingConfiguration).toMatchObject({
      DestinationBucketName: { Ref: logicalIdOf(accessLogs) },
    });
    expect(resourceOf(template, audit.logGroup).Properties.RetentionInDays).toBe(3653);
    expect(resourceOf(template, audit.trail).Properties.TrailName).toBe('platform-audit');
  });

  test('adds the CloudTrail and CloudWatch Logs statements to a plain kms.Key created alongside', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    new AuditTrail(stack, 'Audit', { encryptionKey: key, retention: Duration.days(30) });
    const sids = keyPolicyStatements(Template.fromStack(stack), key).map((s) => s.Sid);
    expect(sids).toEqual(expect.arrayContaining(['CloudTrailEncryptsLogFiles', 'CloudTrailDescribesKey', 'CloudWatchLogsEncryptsLogGroups']));
  });

  test('records management events only when no data-event bucket is given', () => {
    const stack = testStack();
    const audit = new AuditTrail(stack, 'Audit', { encryptionKey: new kms.Key(stack, 'Key'), retention: Duration.days(30) });
    expect(resourceOf(Template.fromStack(stack), audit.trail).Properties.EventSelectors ?? []).toEqual([]);
  });

  test('warns that an imported key must already allow CloudTrail and CloudWatch Logs', () => {
    const stack = testStack();
    new AuditTrail(stack, 'Audit', { encryptionKey: kms.Key.fromKeyArn(stack, 'Key', IMPORTED_KEY_ARN), retention: Duration.days(30) });
    const annotations = quietly(() => Annotations.fromStack(stack));
    annotations.hasWarning('/Test/Audit', Match.stringLikeRegexp(IMPORTED_KEY_WARNING.source));
    annotations.hasWarning('/Test/Audit', Match.stringLikeRegexp('run the BYOK preflight before deploying'));
    // The template still encrypts everything with the imported key.
    const template = quietly(() => Template.fromStack(stack));
    template.hasResourceProperties('AWS::CloudTrail::Trail', { KMSKeyId: IMPORTED_KEY_ARN });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: IMPORTED_KEY_ARN });
  });
});

describe('AuditTrail validation', () => {
  const create = (retention: Duration) => () => {
    const stack = testStack();
    const props: AuditTrailProps = { encryptionKey: new kms.Key(stack, 'Key'), retention };
    return new AuditTrail(stack, 'Audit', props);
  };

  test.each([
    ['0 days', Duration.days(0), 0],
    ['a fractional number of days', Duration.hours(36), 1.5],
    ['more than 36500 days', Duration.days(36501), 36501],
  ])('fails if retention is %s', (_label, retention, received) => {
    expect(create(retention)).toThrow(
      `AuditTrail 'Test/Audit': retention received ${received} days; allowed: a whole number of days from 1 to 36500`,
    );
  });

  test('accepts retention at both bounds', () => {
    expect(create(Duration.days(1))).not.toThrow();
    expect(create(Duration.days(36500))).not.toThrow();
  });
});
