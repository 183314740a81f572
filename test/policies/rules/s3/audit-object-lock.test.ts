import { Duration, Fn, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3_AUDIT_OBJECT_LOCK } from '../../../../policies/rules/s3/audit-object-lock';
import { findingsFor } from '../../utils';

const findings = (build: (stack: Stack) => void) => findingsFor(S3_AUDIT_OBJECT_LOCK.id, build);
const FOUND = [{ rule: 'DataPlatform-S3AuditObjectLock', path: 'Test/Bucket' }];

const LOCKED: s3.CfnBucketProps = {
  objectLockEnabled: true,
  objectLockConfiguration: { objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'COMPLIANCE', days: 365 } } },
};

/** An L1 bucket with `props` and a trail writing to it by `Ref` (or by its literal name if `byName`). */
function trailBucket(props: s3.CfnBucketProps, byName = false) {
  return (stack: Stack) => {
    const bucket = new s3.CfnBucket(stack, 'Bucket', { ...props, bucketName: byName ? 'audit-logs' : undefined });
    new cloudtrail.CfnTrail(stack, 'Trail', { isLogging: true, s3BucketName: byName ? 'audit-logs' : bucket.ref });
  };
}

describe('a bucket receiving a trail', () => {
  test('with Object Lock in COMPLIANCE mode for 365 days is compliant', () => {
    expect(findings(trailBucket(LOCKED))).toEqual([]);
  });

  test('with Object Lock in COMPLIANCE mode for 7 years, named literally by the trail, is compliant', () => {
    const props: s3.CfnBucketProps = {
      objectLockEnabled: true,
      objectLockConfiguration: { objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'COMPLIANCE', years: 7 } } },
    };
    expect(findings(trailBucket(props, true))).toEqual([]);
  });

  test('without Object Lock, named literally by the trail, is non-compliant', () => {
    expect(findings(trailBucket({}, true))).toEqual(FOUND);
  });

  test('an L2 trail writing to an L2 bucket with COMPLIANCE retention is compliant', () => {
    const build = (stack: Stack) => {
      const bucket = new s3.Bucket(stack, 'Bucket', { objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(400)) });
      new cloudtrail.Trail(stack, 'Trail', { bucket });
    };
    expect(findings(build)).toEqual([]);
  });

  test('an L2 trail writing to an L2 bucket with GOVERNANCE retention is non-compliant', () => {
    const build = (stack: Stack) => {
      const bucket = new s3.Bucket(stack, 'Bucket', { objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(400)) });
      new cloudtrail.Trail(stack, 'Trail', { bucket });
    };
    expect(findings(build)).toEqual([{ rule: 'DataPlatform-S3AuditObjectLock', path: 'Test/Bucket/Resource' }]);
  });

  test.each<[string, s3.CfnBucketProps]>([
    ['without Object Lock', {}],
    ['with Object Lock but no default retention', { objectLockEnabled: true, objectLockConfiguration: { objectLockEnabled: 'Enabled' } }],
    [
      'with a GOVERNANCE-mode retention',
      {
        objectLockEnabled: true,
        objectLockConfiguration: { objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'GOVERNANCE', days: 365 } } },
      },
    ],
    [
      'with a COMPLIANCE mode but no Days or Years',
      { objectLockEnabled: true, objectLockConfiguration: { objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'COMPLIANCE' } } } },
    ],
    ['with the configuration but ObjectLockEnabled false', { ...LOCKED, objectLockEnabled: false }],
  ])('%s is non-compliant', (_, props) => {
    expect(findings(trailBucket(props))).toEqual(FOUND);
  });
});

describe('not applicable', () => {
  test('a bucket no trail writes to', () => {
    expect(findings((stack) => new s3.CfnBucket(stack, 'Bucket'))).toEqual([]);
  });

  test('a bucket while the trail writes to an imported bucket name', () => {
    const build = (stack: Stack) => {
      new s3.CfnBucket(stack, 'Bucket');
      new cloudtrail.CfnTrail(stack, 'Trail', { isLogging: true, s3BucketName: Fn.importValue('Audit:BucketName') });
    };
    expect(findings(build)).toEqual([]);
  });
});
