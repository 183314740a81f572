import { Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PlatformTagKeys, REQUIRED_TAG_KEYS } from '../../../../constructs/governance/tags';
import { REQUIRED_TAGS } from '../../../../policies/rules/common/required-tags';
import { findingsFor } from '../../utils';

const findings = (build: (stack: Stack) => void) => findingsFor(REQUIRED_TAGS.id, build);

const ALL_TAGS: Record<string, string> = {
  [PlatformTagKeys.OWNER]: 'data-platform-team',
  [PlatformTagKeys.DATA_CLASSIFICATION]: 'internal',
  [PlatformTagKeys.ENVIRONMENT]: 'dev-eu',
};

/** Adds `tags` to everything in the stack, the way PlatformStage tags an environment. */
function tagStack(stack: Stack, tags: Record<string, string>): void {
  for (const [key, value] of Object.entries(tags)) Tags.of(stack).add(key, value);
}

test('requires owner, data-classification and environment', () => {
  expect(REQUIRED_TAG_KEYS).toEqual(['owner', 'data-classification', 'environment']);
  expect(REQUIRED_TAGS.info).toContain('owner, data-classification, environment');
});

test('taggable resources tagged through Tags.of are compliant', () => {
  const build = (stack: Stack) => {
    new s3.Bucket(stack, 'Bucket');
    new kms.CfnKey(stack, 'Key', { enableKeyRotation: true });
    tagStack(stack, ALL_TAGS);
  };
  expect(findings(build)).toEqual([]);
});

test('tags given as L1 properties count', () => {
  const tags = Object.entries(ALL_TAGS).map(([key, value]) => ({ key, value }));
  expect(findings((stack) => new s3.CfnBucket(stack, 'Bucket', { tags }))).toEqual([]);
});

test('an untagged taggable resource is non-compliant', () => {
  expect(findings((stack) => new kms.CfnKey(stack, 'Key', { enableKeyRotation: true }))).toEqual([
    { rule: 'DataPlatform-RequiredTags', path: 'Test/Key' },
  ]);
});

test.each(REQUIRED_TAG_KEYS)('a resource missing the %s tag is non-compliant', (missing) => {
  const build = (stack: Stack) => {
    new s3.CfnBucket(stack, 'Bucket');
    tagStack(stack, Object.fromEntries(Object.entries(ALL_TAGS).filter(([key]) => key !== missing)));
  };
  expect(findings(build)).toEqual([{ rule: 'DataPlatform-RequiredTags', path: 'Test/Bucket' }]);
});

test('a blank tag value is non-compliant', () => {
  const build = (stack: Stack) => {
    new s3.CfnBucket(stack, 'Bucket', { tags: [{ key: PlatformTagKeys.OWNER, value: ' ' }] });
    tagStack(stack, { [PlatformTagKeys.DATA_CLASSIFICATION]: 'internal', [PlatformTagKeys.ENVIRONMENT]: 'dev-eu' });
  };
  expect(findings(build)).toEqual([{ rule: 'DataPlatform-RequiredTags', path: 'Test/Bucket' }]);
});

test('resources that cannot be tagged are not applicable', () => {
  const build = (stack: Stack) => {
    const bucket = new s3.CfnBucket(stack, 'Bucket');
    new s3.CfnBucketPolicy(stack, 'Policy', { bucket: bucket.ref, policyDocument: { Statement: [] } });
    new iam.CfnPolicy(stack, 'IamPolicy', { policyName: 'p', policyDocument: { Statement: [] } });
    tagStack(stack, ALL_TAGS);
  };
  expect(findings(build)).toEqual([]);
});
