import { Duration, Stack, Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PlatformTagKeys } from '../../../../constructs/governance/tags';
import { S3_LAKE_LIFECYCLE_TIERS } from '../../../../policies/rules/s3/lake-lifecycle-tiers';
import { findingsFor } from '../../utils';

const findings = (build: (stack: Stack) => void) => findingsFor(S3_LAKE_LIFECYCLE_TIERS.id, build);
const FOUND = [{ rule: 'DataPlatform-S3LakeLifecycleTiers', path: 'Test/Bucket' }];

const TIERS: s3.CfnBucket.RuleProperty = {
  id: 'tiers',
  status: 'Enabled',
  transitions: [{ storageClass: 'STANDARD_IA', transitionInDays: 30 }],
};
const ABORT: s3.CfnBucket.RuleProperty = { id: 'abort', status: 'Enabled', abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } };

/** An L1 bucket with lifecycle `rules`, tagged as the raw lake zone unless `zone` is false. */
function lakeBucket(rules: s3.CfnBucket.RuleProperty[] | undefined, zone = true) {
  return (stack: Stack) =>
    new s3.CfnBucket(stack, 'Bucket', {
      lifecycleConfiguration: rules ? { rules } : undefined,
      tags: zone ? [{ key: PlatformTagKeys.DATA_ZONE, value: 'raw' }] : undefined,
    });
}

describe('a lake bucket (tagged data-zone)', () => {
  test('with a tier transition rule and an abort rule is compliant', () => {
    expect(findings(lakeBucket([ABORT, TIERS]))).toEqual([]);
  });

  test('with one rule holding a single Transition and the abort is compliant', () => {
    const rule: s3.CfnBucket.RuleProperty = {
      status: 'Enabled',
      transition: { storageClass: 'GLACIER', transitionInDays: 90 },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 3 },
    };
    expect(findings(lakeBucket([rule]))).toEqual([]);
  });

  test('tagged with Tags.of on an L2 bucket with lifecycle rules is compliant', () => {
    const build = (stack: Stack) => {
      const bucket = new s3.Bucket(stack, 'Bucket', {
        lifecycleRules: [
          { abortIncompleteMultipartUploadAfter: Duration.days(7) },
          { transitions: [{ storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(0) }] },
        ],
      });
      Tags.of(bucket).add(PlatformTagKeys.DATA_ZONE, 'curated');
    };
    expect(findings(build)).toEqual([]);
  });

  test('tagged with Tags.of on an L2 bucket without lifecycle rules is non-compliant', () => {
    const build = (stack: Stack) => Tags.of(new s3.Bucket(stack, 'Bucket')).add(PlatformTagKeys.DATA_ZONE, 'curated');
    expect(findings(build)).toEqual([{ rule: 'DataPlatform-S3LakeLifecycleTiers', path: 'Test/Bucket/Resource' }]);
  });

  test.each<[string, s3.CfnBucket.RuleProperty[] | undefined]>([
    ['without a lifecycle', undefined],
    ['without transitions (abort rule only)', [ABORT]],
    ['without an abort rule (transitions only)', [TIERS]],
    ['with the transition rule disabled', [ABORT, { ...TIERS, status: 'Disabled' }]],
    ['with the abort rule disabled', [{ ...ABORT, status: 'Disabled' }, TIERS]],
    ['with an expiration rule instead of transitions', [ABORT, { status: 'Enabled', expirationInDays: 365 }]],
  ])('%s is non-compliant', (_, rules) => {
    expect(findings(lakeBucket(rules))).toEqual(FOUND);
  });
});

test('a bucket without the data-zone tag is not applicable', () => {
  expect(findings(lakeBucket(undefined, false))).toEqual([]);
});
