import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { refersTo, resolve, resourcesInStack } from '../private/stack';
import { field, fieldAt, isPositive, isTrue } from '../private/values';
import { compliantIf, PlatformRule } from '../rule';

/**
 * An S3 bucket that receives a CloudTrail trail's log files (an AWS::CloudTrail::Trail
 * of its stack whose `S3BucketName` is a `Ref` to it, or its literal name) has Object
 * Lock enabled with a default retention in COMPLIANCE mode of some days or years.
 * Other buckets, trails writing to a bucket the stack cannot resolve (e.g. an
 * `Fn::ImportValue`), and other resources: not applicable.
 */
export const S3_AUDIT_OBJECT_LOCK: PlatformRule = {
  id: 'S3AuditObjectLock',
  info: 'The CloudTrail log bucket lacks Object Lock with a COMPLIANCE-mode default retention (Days or Years).',
  explanation:
    'Audit evidence must be immutable: in COMPLIANCE mode no one, the root user included, can delete or overwrite a ' +
    'log file or shorten its retention before it expires. GOVERNANCE mode can be bypassed with a permission.',
  level: NagMessageLevel.ERROR,
  controls: ['Curriculum 7 (Security & privacy): audit logging of data access and changes with immutable storage'],
  check: (node) => {
    if (!(node instanceof s3.CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const bucketName = resolve(node, node.bucketName);
    const receivesTrail = resourcesInStack(node).some((r) => r instanceof cloudtrail.CfnTrail && refersTo(node, r.s3BucketName, bucketName));
    if (!receivesTrail) return NagRuleCompliance.NOT_APPLICABLE;
    const config = resolve(node, node.objectLockConfiguration);
    const retention = fieldAt(config, 'rule', 'defaultRetention');
    return compliantIf(
      isTrue(resolve(node, node.objectLockEnabled)) &&
        field(config, 'objectLockEnabled') === 'Enabled' &&
        field(retention, 'mode') === 'COMPLIANCE' &&
        (isPositive(field(retention, 'days')) || isPositive(field(retention, 'years'))),
    );
  },
};
