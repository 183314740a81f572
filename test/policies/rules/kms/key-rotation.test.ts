import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { KMS_KEY_ROTATION } from '../../../../policies/rules/kms/key-rotation';
import { findingsFor } from '../../utils';

const findings = (build: (stack: Stack) => void) => findingsFor(KMS_KEY_ROTATION.id, build);
const FOUND = [{ rule: 'DataPlatform-KmsKeyRotation', path: 'Test/Key' }];

test.each<[string, kms.CfnKeyProps]>([
  ['a symmetric key with rotation', { enableKeyRotation: true }],
  ['a SYMMETRIC_DEFAULT key with rotation every 90 days', { keySpec: 'SYMMETRIC_DEFAULT', enableKeyRotation: true, rotationPeriodInDays: 90 }],
])('%s is compliant', (_, props) => {
  expect(findings((stack) => new kms.CfnKey(stack, 'Key', props))).toEqual([]);
});

test('an L2 key with rotation is compliant', () => {
  expect(findings((stack) => new kms.Key(stack, 'Key', { enableKeyRotation: true }))).toEqual([]);
});

test.each<[string, kms.CfnKeyProps]>([
  ['a symmetric key without EnableKeyRotation', {}],
  ['a symmetric key with rotation disabled', { enableKeyRotation: false }],
  ['a SYMMETRIC_DEFAULT key with rotation disabled', { keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', enableKeyRotation: false }],
])('%s is non-compliant', (_, props) => {
  expect(findings((stack) => new kms.CfnKey(stack, 'Key', props))).toEqual(FOUND);
});

test('an L2 key with rotation disabled is non-compliant at its CfnKey', () => {
  expect(findings((stack) => new kms.Key(stack, 'Key', { enableKeyRotation: false }))).toEqual([
    { rule: 'DataPlatform-KmsKeyRotation', path: 'Test/Key/Resource' },
  ]);
});

test.each<[string, kms.CfnKeyProps]>([
  ['an asymmetric RSA key', { keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' }],
  ['an asymmetric ECC key', { keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY' }],
  ['an HMAC key', { keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC' }],
  ['a key with imported material', { origin: 'EXTERNAL' }],
])('%s is not applicable', (_, props) => {
  expect(findings((stack) => new kms.CfnKey(stack, 'Key', props))).toEqual([]);
});

test('resources other than keys are not applicable', () => {
  expect(findings((stack) => new s3.CfnBucket(stack, 'Bucket'))).toEqual([]);
});
