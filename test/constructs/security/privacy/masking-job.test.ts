import { Match, Template } from 'aws-cdk-lib/assertions';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fs from 'node:fs';
import { MASKING_SCRIPT_PATH, MaskingJob, MaskingJobProps, PrivacyKey } from '../../../../constructs/security/privacy';
import { testStack } from '../../../support/app';
import { actionsOf, logicalIdOf, resourceOf, allRolePolicyStatements } from '../../template-helpers';

function build(overrides: Partial<MaskingJobProps> = {}) {
  const stack = testStack();
  const key = new PrivacyKey(stack, 'Key', { alias: 'test/privacy' }).key;
  const zoneKey = new kms.Key(stack, 'ZoneKey', { enableKeyRotation: true });
  const bucket = new s3.Bucket(stack, 'Curated', { encryption: s3.BucketEncryption.KMS, encryptionKey: zoneKey });
  const job = new MaskingJob(stack, 'Masking', {
    database: 'prod_eu_curated',
    table: 'customers',
    piiColumns: ['email', 'full_name'],
    partitionKeys: ['tenant', 'region'],
    sourceBucket: bucket,
    targetBucket: bucket,
    targetKey: zoneKey,
    encryptionKey: key,
    schedule: 'cron(0 2 * * ? *)',
    ...overrides,
  });
  return { stack, key, zoneKey, bucket, job, template: Template.fromStack(stack) };
}

describe('MaskingJob', () => {
  let built: ReturnType<typeof build>;
  beforeAll(() => {
    built = build();
  });

  test('runs the repository PySpark script on Glue 5 with the tokenising arguments', () => {
    built.template.hasResourceProperties('AWS::Glue::Job', {
      GlueVersion: '5.0',
      Command: { Name: 'glueetl', PythonVersion: '3' },
      WorkerType: 'G.1X',
      NumberOfWorkers: 2,
      DefaultArguments: Match.objectLike({
        '--datalake-formats': 'iceberg',
        '--job-bookmark-option': 'job-bookmark-disable',
        '--source_database': 'prod_eu_curated',
        '--source_table': 'customers',
        '--pii_columns': 'email,full_name',
        '--partition_keys': 'tenant,region',
        '--target_path': { 'Fn::Join': ['', ['s3://', { Ref: logicalIdOf(built.bucket) }, '/masked/customers/']] },
        '--secret_id': { Ref: logicalIdOf(built.job.hmacSecret) },
      }),
    });
    const script = fs.readFileSync(MASKING_SCRIPT_PATH, 'utf8');
    expect(script).toContain('hmac.new(key, str(value).encode("utf-8"), hashlib.sha256)');
  });

  test('encrypts output, logs and bookmarks with customer-managed keys', () => {
    built.template.hasResourceProperties('AWS::Glue::SecurityConfiguration', {
      EncryptionConfiguration: {
        S3Encryptions: [{ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: { 'Fn::GetAtt': [logicalIdOf(built.zoneKey), 'Arn'] } }],
        CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: { 'Fn::GetAtt': [logicalIdOf(built.key), 'Arn'] } },
        JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: { 'Fn::GetAtt': [logicalIdOf(built.key), 'Arn'] } },
      },
    });
    built.template.hasResourceProperties('AWS::Glue::Job', { SecurityConfiguration: Match.anyValue() });
  });

  test('keeps the HMAC key in Secrets Manager under the privacy key, retained', () => {
    const secret = resourceOf(built.template, built.job.hmacSecret);
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(secret.Properties).toMatchObject({ KmsKeyId: { 'Fn::GetAtt': [logicalIdOf(built.key), 'Arn'] }, GenerateSecretString: { PasswordLength: 64 } });
  });

  test('reads only the dataset prefix and writes only the masked prefix', () => {
    const statements = allRolePolicyStatements(built.template, built.job.role);
    const objectResources = statements
      .filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')))
      .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]))
      .map((r) => JSON.stringify(r))
      .filter((r) => r.includes(logicalIdOf(built.bucket)) && r.includes('/'));
    expect(objectResources.length).toBeGreaterThan(0);
    for (const r of objectResources) expect(r).toMatch(/\/(masked\/)?customers\/\*/);
    const writes = statements.filter((s) => actionsOf(s).includes('s3:PutObject'));
    expect(JSON.stringify(writes.map((s) => s.Resource))).toContain('/masked/customers/*');
    expect(JSON.stringify(writes.map((s) => s.Resource))).not.toMatch(/"\/customers\/\*/);
  });

  test('refreshes on the schedule', () => {
    built.template.hasResourceProperties('AWS::Glue::Trigger', {
      Type: 'SCHEDULED',
      Schedule: 'cron(0 2 * * ? *)',
      StartOnCreation: true,
      Actions: [{ JobName: { Ref: logicalIdOf(built.job.job) } }],
    });
  });
});

test('a job in a VPC may create network interfaces and tag only them, with Glue\'s tag key', () => {
  const stack = testStack();
  const key = new PrivacyKey(stack, 'Key', { alias: 'test/privacy' }).key;
  const bucket = new s3.Bucket(stack, 'B');
  const connection = glue.Connection.fromConnectionName(stack, 'Net', 'masking-network');
  const job = new MaskingJob(stack, 'M', { database: 'd', table: 't', piiColumns: ['email'], sourceBucket: bucket, targetBucket: bucket, targetKey: key, encryptionKey: key, connections: [connection] });
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::Glue::Job', { Connections: { Connections: ['masking-network'] } });
  const tagging = allRolePolicyStatements(template, job.role).find((s) => s.Sid === 'TagGlueNetworkInterfaces')!;
  expect(tagging.Condition).toEqual({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['aws-glue-service-resource'] } });
  expect(JSON.stringify(tagging.Resource)).toContain(':network-interface/*');
});

describe('MaskingJob fails if', () => {
  test.each<[string, Partial<MaskingJobProps>, RegExp]>([
    ['no pii column is given', { piiColumns: [] }, /piiColumns: received none; allowed: at least one column to tokenise/],
    ['a pii column is a partition key', { partitionKeys: ['email'] }, /partitionKeys: received pii column\(s\) email; allowed: columns that are not tokenised/],
    ['the schedule is not a cron expression', { schedule: 'daily' }, /schedule: received 'daily'; allowed: a cron expression/],
    ['the masked copy would land inside the source', { targetPrefix: 'customers/masked/' }, /targetPrefix: received 'customers\/masked\/'; allowed: a prefix ending in '\/' outside the source prefix 'customers\/'/],
    ['the worker count is out of range', { workers: 1 }, /workers: received 1; allowed: a whole number from 2 to 100/],
    ['the table is not an identifier', { table: 'Customers' }, /table: received 'Customers'; allowed: lowercase letters/],
  ])('%s', (_name, overrides, expected) => {
    expect(() => build(overrides)).toThrow(expected);
  });
});
