import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';

export interface PermissionBoundaryProps {
  /**
   * Name of the managed policy. Required: the boundary refers to its own ARN (roles a
   * principal creates must carry it), which must be known before deployment.
   */
  readonly managedPolicyName: string;
  /**
   * IAM path of the boundary, the persona roles and their policies. The boundary denies
   * every change to roles and policies under it.
   * @default '/data-platform/personas/'
   */
  readonly protectedPath?: string;
  /**
   * IAM path of the roles a principal may pass to a service (`iam:PassRole`): the
   * platform's workload roles.
   * @default '/data-platform/'
   */
  readonly passableRolePath?: string;
  /** The residency zone's regions: requests to any other region are denied (global services excepted). */
  readonly allowedRegions: readonly string[];
  /**
   * Deny tampering with the audit trail, audit evidence, Object Lock and key deletion.
   * Only the break-glass boundary turns this off.
   * @default true
   */
  readonly protectAuditTrail?: boolean;
  /**
   * Audit evidence buckets: deletion, lock, policy and lifecycle changes are denied.
   * @default - none (Object Lock changes are still denied on every bucket)
   */
  readonly auditBuckets?: readonly s3.IBucket[];
  /**
   * Audit log groups: deletion and retention changes are denied.
   * @default - none
   */
  readonly auditLogGroups?: readonly logs.ILogGroup[];
  /**
   * ARN of the boundary every role or user a principal creates or changes must carry.
   * @default - this boundary's own ARN
   */
  readonly requiredBoundaryArn?: string;
}
