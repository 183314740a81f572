import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3_TLS_REQUIRED } from '../../../../policies/rules/s3/tls-required';
import { findingsFor } from '../../utils';

const findings = (build: (stack: Stack) => void) => findingsFor(S3_TLS_REQUIRED.id, build);
const FOUND = [{ rule: 'DataPlatform-S3TlsRequired', path: 'Test/Bucket' }];

/** A statement denying every S3 action to everyone under one condition. */
function deny(condition: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const resources = ['arn:aws:s3:::lake', 'arn:aws:s3:::lake/*'];
  return { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: resources, Condition: condition, ...overrides };
}
const NO_TLS = { Bool: { 'aws:SecureTransport': 'false' } };
const OLD_TLS = { NumericLessThan: { 's3:TlsVersion': 1.2 } };

/** An L1 bucket named `lake` and a policy with `statements`, attached by `Ref` (or by name if `byName`). */
function bucketWithPolicy(statements: Record<string, unknown>[], byName = false) {
  return (stack: Stack) => {
    const bucket = new s3.CfnBucket(stack, 'Bucket', { bucketName: 'lake' });
    new s3.CfnBucketPolicy(stack, 'Policy', {
      bucket: byName ? 'lake' : bucket.ref,
      policyDocument: { Version: '2012-10-17', Statement: statements },
    });
  };
}

describe('compliant', () => {
  test('an L2 bucket with enforceSSL and minimumTLSVersion 1.2', () => {
    expect(findings((stack) => new s3.Bucket(stack, 'Bucket', { enforceSSL: true, minimumTLSVersion: 1.2 }))).toEqual([]);
  });

  test('an L2 bucket requiring TLS 1.3', () => {
    const build = (stack: Stack) =>
      new s3.Bucket(stack, 'Bucket', { enforceSSL: true, minimumTLSVersion: 1.3, encryptionKey: new kms.Key(stack, 'Key') });
    expect(findings(build)).toEqual([]);
  });

  test('an L1 policy attached by Ref, with boolean and string condition values', () => {
    const statements = [deny({ Bool: { 'aws:SecureTransport': false } }), deny({ NumericLessThan: { 's3:TlsVersion': '1.2' } })];
    expect(findings(bucketWithPolicy(statements))).toEqual([]);
  });

  test('an L1 policy attached by the literal bucket name, denying with Action "*" and Principal "*"', () => {
    const statements = [deny(NO_TLS, { Action: ['*'], Principal: '*' }), deny(OLD_TLS)];
    expect(findings(bucketWithPolicy(statements, true))).toEqual([]);
  });

  test('the two denies split over two policies', () => {
    const build = (stack: Stack) => {
      const bucket = new s3.CfnBucket(stack, 'Bucket');
      new s3.CfnBucketPolicy(stack, 'Transport', { bucket: bucket.ref, policyDocument: { Statement: [deny(NO_TLS)] } });
      new s3.CfnBucketPolicy(stack, 'Version', { bucket: bucket.ref, policyDocument: { Statement: [deny(OLD_TLS)] } });
    };
    expect(findings(build)).toEqual([]);
  });
});

describe('non-compliant', () => {
  test('a bucket without a policy', () => {
    expect(findings((stack) => new s3.CfnBucket(stack, 'Bucket'))).toEqual(FOUND);
  });

  test('an L2 bucket with enforceSSL but no minimum TLS version', () => {
    expect(findings((stack) => new s3.Bucket(stack, 'Bucket', { enforceSSL: true }))).toEqual([
      { rule: 'DataPlatform-S3TlsRequired', path: 'Test/Bucket/Resource' },
    ]);
  });

  test.each([
    ['no TLS-version deny', [deny(NO_TLS)]],
    ['no SecureTransport deny', [deny(OLD_TLS)]],
    ['a TLS-version deny below 1.2 only', [deny(NO_TLS), deny({ NumericLessThan: { 's3:TlsVersion': 1.1 } })]],
    ['an Allow instead of a Deny', [deny(NO_TLS, { Effect: 'Allow' }), deny(OLD_TLS)]],
    ['a deny of one action only', [deny(NO_TLS, { Action: 's3:GetObject' }), deny(OLD_TLS)]],
    ['a deny for one principal only', [deny(NO_TLS, { Principal: { AWS: 'arn:aws:iam::111111111111:root' } }), deny(OLD_TLS)]],
    [
      'a SecureTransport deny narrowed by another condition',
      [deny({ ...NO_TLS, StringEquals: { 'aws:PrincipalAccount': '111111111111' } }), deny(OLD_TLS)],
    ],
    ['a SecureTransport condition that is true', [deny({ Bool: { 'aws:SecureTransport': 'true' } }), deny(OLD_TLS)]],
  ])('a policy with %s', (_, statements) => {
    expect(findings(bucketWithPolicy(statements))).toEqual(FOUND);
  });

  test("another bucket's compliant policy does not count", () => {
    const build = (stack: Stack) => {
      new s3.CfnBucket(stack, 'Bucket');
      const other = new s3.CfnBucket(stack, 'Other');
      new s3.CfnBucketPolicy(stack, 'Policy', { bucket: other.ref, policyDocument: { Statement: [deny(NO_TLS), deny(OLD_TLS)] } });
    };
    expect(findings(build)).toEqual(FOUND);
  });
});

test('resources other than buckets are not applicable', () => {
  expect(findings((stack) => new kms.CfnKey(stack, 'Key', { enableKeyRotation: true }))).toEqual([]);
});
