import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { allowCloudWatchLogs } from '../../encryption/service-key-access';
import { dependOn, moveDefaultPolicyToManaged } from '../../private/managed-policy';
import { AccessLogsBucket } from '../../storage/access-logs-bucket';
import { SecureBucket } from '../../storage/secure-bucket';
import { AUDIT_PROTECTED_ACTIONS, AuditTrailProps } from './audit-trail-props';

/**
 * An immutable audit trail: a multi-region CloudTrail trail with log file integrity
 * validation, encrypted with a customer-managed key, copied to an encrypted
 * CloudWatch Logs group, recording management events and S3 data events of the
 * given buckets, delivered to a bucket with Object Lock in COMPLIANCE mode whose
 * policy also denies deletion and lock changes.
 *
 * Audit evidence is always retained: no removal policy can destroy it.
 */
export class AuditTrail extends Construct {
  /** The Object Lock bucket holding log files. */
  public readonly bucket: SecureBucket;
  /** The trail. */
  public readonly trail: cloudtrail.Trail;
  /** The CloudWatch Logs copy of the trail. */
  public readonly logGroup: logs.LogGroup;
  /** Receives the audit bucket's server access logs. */
  public readonly accessLogsBucket: s3.IBucket;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const retentionDays = props.retention.toDays({ integral: false });
    if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 36500) {
      throw new Error(`AuditTrail '${this.node.path}': retention received ${retentionDays} days; allowed: a whole number of days from 1 to 36500`);
    }
    const stack = Stack.of(this);

    this.accessLogsBucket = props.accessLogsBucket ?? new AccessLogsBucket(this, 'AccessLogs');
    this.bucket = new SecureBucket(this, 'Bucket', {
      encryptionKey: props.encryptionKey,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'audit-trail/',
      objectLockRetention: s3.ObjectLockRetention.compliance(Duration.days(retentionDays)),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const exempt = props.breakGlassPrincipalArns ?? [];
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyAuditEvidenceDeletionAndLockChanges',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...AUDIT_PROTECTED_ACTIONS],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
        conditions: exempt.length > 0 ? { ArnNotLike: { 'aws:PrincipalArn': [...exempt] } } : undefined,
      }),
    );

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: props.encryptionKey,
      retention: props.logGroupRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.trail = new cloudtrail.Trail(this, 'Trail', {
      trailName: props.trailName,
      bucket: this.bucket,
      encryptionKey: props.encryptionKey,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: this.logGroup,
    });
    // The trail's CloudWatch Logs role gets its permissions from a managed policy, not an inline one.
    const logsRole = this.trail.node.tryFindChild('LogsRole');
    if (logsRole instanceof iam.Role) {
      dependOn(
        this.trail,
        moveDefaultPolicyToManaged(logsRole, this, 'TrailLogsPolicy', 'CloudTrail writes the audit trail to its CloudWatch Logs group'),
      );
    }
    const dataBuckets = props.dataEventBuckets ?? [];
    if (dataBuckets.length > 0) {
      this.trail.addS3EventSelector(
        dataBuckets.map((bucket) => ({ bucket })),
        { readWriteType: cloudtrail.ReadWriteType.ALL, includeManagementEvents: true },
      );
    }

    const keyPolicyAdded = this.allowServicesToUseKey(props, stack);
    if (!keyPolicyAdded) {
      Annotations.of(this).addWarningV2(
        'data-platform:audit-imported-key',
        'The audit key is imported: its key policy must allow cloudtrail.amazonaws.com (GenerateDataKey*, DescribeKey) ' +
          'and the regional CloudWatch Logs service principal to use it; run the BYOK preflight before deploying.',
      );
    }
  }

  /**
   * Read access to the audit evidence: the log files (and decryption through S3 with
   * the audit key), the CloudWatch Logs copy, and the trail's status and selectors.
   * Nothing here can change or delete evidence.
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    const files = this.bucket.grantRead(grantee);
    const logCopy = this.logGroup.grantRead(grantee);
    const trail = iam.Grant.addToPrincipal({
      grantee,
      actions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetEventSelectors', 'cloudtrail:GetInsightSelectors', 'cloudtrail:GetTrail', 'cloudtrail:GetTrailStatus', 'cloudtrail:ListTags'],
      resourceArns: [this.trail.trailArn],
    });
    // LookupEvents (the 90-day management event history) supports no resource-level permission.
    const history = iam.Grant.addToPrincipal({ grantee, actions: ['cloudtrail:LookupEvents'], resourceArns: ['*'] });
    return files.combine(logCopy).combine(trail).combine(history);
  }

  /** Key policy statements for CloudTrail and CloudWatch Logs, scoped to this account and region. */
  private allowServicesToUseKey(props: AuditTrailProps, stack: Stack): boolean {
    const key = props.encryptionKey;
    const trailArnPattern = stack.formatArn({ service: 'cloudtrail', region: '*', resource: 'trail', resourceName: '*' });
    const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const added = key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailEncryptsLogFiles',
        principals: [cloudTrail],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailArnPattern },
          StringEquals: { 'aws:SourceAccount': stack.account },
        },
      }),
    );
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailDescribesKey',
        principals: [cloudTrail],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    allowCloudWatchLogs(key);
    return added.statementAdded;
  }
}
