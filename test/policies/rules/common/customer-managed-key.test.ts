import { Fn, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { CUSTOMER_MANAGED_KEY } from '../../../../policies/rules/common/customer-managed-key';
import { findingsFor } from '../../utils';

/** Key references a store may be given: a key in the stack, an imported one, AWS-managed aliases. */
type KeyRef = (stack: Stack) => string;
const cmk: KeyRef = (stack) => new kms.CfnKey(stack, 'Key', { enableKeyRotation: true }).attrArn;
const imported: KeyRef = () => Fn.importValue('Foundation:DataKeyArn');
const managed = (service: string): KeyRef => () => `alias/aws/${service}`;

/** The findings of the rule for one resource `Store` built by `build`. */
function findings(build: (stack: Stack) => void): string[] {
  return findingsFor(CUSTOMER_MANAGED_KEY.id, build).map((f) => `${f.rule} ${f.path}`);
}
const FOUND = ['DataPlatform-CustomerManagedKey Test/Store'];

function bucket(algorithm: string | undefined, key?: KeyRef) {
  return (stack: Stack) =>
    new s3.CfnBucket(stack, 'Store', {
      bucketEncryption: algorithm
        ? { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: algorithm, kmsMasterKeyId: key?.(stack) } }] }
        : undefined,
    });
}

const storeWithKey: Record<string, (key?: KeyRef) => (stack: Stack) => void> = {
  'log group': (key) => (stack) => new logs.CfnLogGroup(stack, 'Store', { kmsKeyId: key?.(stack) }),
  'SNS topic': (key) => (stack) => new sns.CfnTopic(stack, 'Store', { kmsMasterKeyId: key?.(stack) }),
  'SQS queue': (key) => (stack) => new sqs.CfnQueue(stack, 'Store', { kmsMasterKeyId: key?.(stack) }),
  'Secrets Manager secret': (key) => (stack) => new secretsmanager.CfnSecret(stack, 'Store', { kmsKeyId: key?.(stack) }),
  'CloudTrail trail': (key) => (stack) =>
    new cloudtrail.CfnTrail(stack, 'Store', { isLogging: true, s3BucketName: 'audit-logs', kmsKeyId: key?.(stack) }),
  'DynamoDB table': (key) => (stack) =>
    new dynamodb.CfnTable(stack, 'Store', {
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
      sseSpecification: { sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: key?.(stack) },
    }),
  'DynamoDB global table': (key) => (stack) =>
    new dynamodb.CfnGlobalTable(stack, 'Store', {
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
      sseSpecification: { sseEnabled: true, sseType: 'KMS' },
      replicas: [{ region: 'eu-west-1', sseSpecification: key ? { kmsMasterKeyId: key(stack) } : undefined }],
    }),
  'MSK cluster': (key) => (stack) =>
    new msk.CfnCluster(stack, 'Store', {
      clusterName: 'events',
      kafkaVersion: '3.6.0',
      numberOfBrokerNodes: 3,
      brokerNodeGroupInfo: { clientSubnets: ['subnet-1', 'subnet-2', 'subnet-3'], instanceType: 'kafka.m7g.large' },
      encryptionInfo: key ? { encryptionAtRest: { dataVolumeKmsKeyId: key(stack) } } : undefined,
    }),
  'Kinesis stream': (key) => (stack) =>
    new kinesis.CfnStream(stack, 'Store', { shardCount: 1, streamEncryption: key ? { encryptionType: 'KMS', keyId: key(stack) } : undefined }),
  'Glue security configuration': (key) => (stack) =>
    new glue.CfnSecurityConfiguration(stack, 'Store', {
      name: 'jobs',
      encryptionConfiguration: { s3Encryptions: [key ? { s3EncryptionMode: 'SSE-KMS', kmsKeyArn: key(stack) } : { s3EncryptionMode: 'SSE-S3' }] },
    }),
};

describe('S3 bucket', () => {
  test.each([
    ['SSE-KMS with a key of the stack', bucket('aws:kms', cmk)],
    ['DSSE-KMS with a key of the stack', bucket('aws:kms:dsse', cmk)],
    ['SSE-KMS with an imported key', bucket('aws:kms', imported)],
  ])('%s is compliant', (_, build) => {
    expect(findings(build)).toEqual([]);
  });

  test.each([
    ['no default encryption', bucket(undefined)],
    ['SSE-S3 (AES256)', bucket('AES256')],
    ['SSE-KMS with the AWS-managed key (no key id)', bucket('aws:kms')],
    ['SSE-KMS with the alias/aws/s3 alias', bucket('aws:kms', managed('s3'))],
    ['SSE-KMS with an AWS-managed alias ARN', bucket('aws:kms', () => 'arn:aws:kms:eu-west-1:111111111111:alias/aws/s3')],
  ])('%s is non-compliant', (_, build) => {
    expect(findings(build)).toEqual(FOUND);
  });

  test('an L2 bucket with a customer-managed key is compliant', () => {
    expect(findings((stack) => new s3.Bucket(stack, 'Store', { encryption: s3.BucketEncryption.KMS }))).toEqual([]);
  });

  test('an L2 bucket with S3-managed encryption is non-compliant at its CfnBucket', () => {
    expect(findings((stack) => new s3.Bucket(stack, 'Store', { encryption: s3.BucketEncryption.S3_MANAGED }))).toEqual([
      'DataPlatform-CustomerManagedKey Test/Store/Resource',
    ]);
  });
});

describe.each(Object.entries(storeWithKey))('%s', (_, store) => {
  test('with a key of the stack is compliant', () => {
    expect(findings(store(cmk))).toEqual([]);
  });

  test('with an imported key is compliant', () => {
    expect(findings(store(imported))).toEqual([]);
  });

  test('without a key is non-compliant', () => {
    expect(findings(store())).toEqual(FOUND);
  });
});

test.each([
  ['SNS topic', storeWithKey['SNS topic'](managed('sns'))],
  ['SQS queue', storeWithKey['SQS queue'](managed('sqs'))],
  ['Kinesis stream', storeWithKey['Kinesis stream'](managed('kinesis'))],
  ['Secrets Manager secret', storeWithKey['Secrets Manager secret'](managed('secretsmanager'))],
])('%s with its AWS-managed alias is non-compliant', (_, build) => {
  expect(findings(build)).toEqual(FOUND);
});

test('an SQS queue with SQS-managed SSE is non-compliant', () => {
  expect(findings((stack) => new sqs.CfnQueue(stack, 'Store', { sqsManagedSseEnabled: true }))).toEqual(FOUND);
});

test('a DynamoDB table with SSE disabled is non-compliant even with a key id', () => {
  const build = (stack: Stack) =>
    new dynamodb.CfnTable(stack, 'Store', {
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      sseSpecification: { sseEnabled: false, kmsMasterKeyId: cmk(stack) },
    });
  expect(findings(build)).toEqual(FOUND);
});

test('a Kinesis stream with encryption type NONE is non-compliant even with a key id', () => {
  const build = (stack: Stack) => new kinesis.CfnStream(stack, 'Store', { streamEncryption: { encryptionType: 'NONE', keyId: cmk(stack) } });
  expect(findings(build)).toEqual(FOUND);
});

test('resources that store no data are not applicable', () => {
  expect(
    findings((stack) => {
      new iam.CfnRole(stack, 'Role', { assumeRolePolicyDocument: {} });
      new kms.CfnKey(stack, 'Key', { enableKeyRotation: true });
    }),
  ).toEqual([]);
});
