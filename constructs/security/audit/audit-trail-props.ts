import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';

export interface AuditTrailProps {
  /**
   * Key encrypting log files, the trail's log group and the audit bucket. When the
   * construct created the key, it adds the statements CloudTrail and CloudWatch Logs
   * need; an imported key's policy must already allow them.
   */
  readonly encryptionKey: kms.IKey;
  /** Object Lock (COMPLIANCE mode) retention of every log file: nobody can delete or shorten it. */
  readonly retention: Duration;
  /**
   * How long the CloudWatch Logs copy of the trail is kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logGroupRetention?: logs.RetentionDays;
  /**
   * Buckets whose object-level operations (S3 data events, reads and writes) are recorded.
   * @default - management events only
   */
  readonly dataEventBuckets?: readonly s3.IBucket[];
  /**
   * Bucket receiving the audit bucket's own server access logs. An Object Lock
   * bucket cannot be a log target, so these always go elsewhere.
   * @default - a dedicated AccessLogsBucket is created
   */
  readonly accessLogsBucket?: s3.IBucket;
  /**
   * Principals (role ARNs, wildcards allowed) exempt from the audit bucket's deny on
   * deletion and lock changes: the break-glass role. Object Lock still applies to them.
   * @default - nobody is exempt
   */
  readonly breakGlassPrincipalArns?: readonly string[];
  /**
   * Trail name.
   * @default - a generated name
   */
  readonly trailName?: string;
}

/** Actions the audit bucket denies to everyone but break-glass principals. */
export const AUDIT_PROTECTED_ACTIONS: readonly string[] = [
  's3:BypassGovernanceRetention',
  's3:DeleteBucket',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutBucketObjectLockConfiguration',
  's3:PutObjectLegalHold',
  's3:PutObjectRetention',
];

