import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AUDIT_PROTECTED_ACTIONS } from '../audit/audit-trail-props';
import { globalServiceActions } from '../residency/global-services';
import { PermissionBoundaryProps } from './permission-boundary-props';

const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const IAM_PATH = /^\/([\w+=,.@-]+\/)*$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;

/** Ways to get long-term credentials or administer the organization: outside every boundary. */
export const BOUNDARY_EXCLUDED_ACTIONS: readonly string[] = [
  'iam:CreateUser',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:CreateServiceSpecificCredential',
  'organizations:*',
  'account:*',
];

/** Changes that would stop or blind the audit trail. */
export const TRAIL_TAMPERING_ACTIONS: readonly string[] = [
  'cloudtrail:DeleteEventDataStore',
  'cloudtrail:DeleteTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:PutInsightSelectors',
  'cloudtrail:StopEventDataStoreIngestion',
  'cloudtrail:StopLogging',
  'cloudtrail:UpdateEventDataStore',
  'cloudtrail:UpdateTrail',
];

/** Key actions that destroy data or take the key away from its owners. */
export const KEY_DESTRUCTION_ACTIONS: readonly string[] = [
  'kms:DeleteImportedKeyMaterial',
  'kms:DisableKey',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
];

/**
 * Replication whose destination no IAM condition key can constrain. Deployments set
 * replication up (the residency guard checks them at synth); people and workloads never do.
 */
export const UNCONSTRAINED_REPLICATION_ACTIONS: readonly string[] = [
  'dynamodb:CreateTableReplica',
  'ecr:PutReplicationConfiguration',
  'kafka:CreateReplicator',
  'kafka:UpdateReplicationInfo',
  's3:PutReplicationConfiguration',
  'secretsmanager:ReplicateSecretToRegions',
];

/** Creating or changing principals: allowed only when the principal carries the platform boundary. */
export const BOUNDARY_CONDITIONED_ACTIONS: readonly string[] = [
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:CreateRole',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:PutUserPermissionsBoundary',
  'iam:PutUserPolicy',
];

/** Changes to the persona roles and policies themselves (self-escalation, ABAC tag changes). */
export const PROTECTED_IAM_ACTIONS: readonly string[] = [
  'iam:AttachRolePolicy',
  'iam:CreatePolicyVersion',
  'iam:DeletePolicy',
  'iam:DeletePolicyVersion',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:SetDefaultPolicyVersion',
  'iam:TagPolicy',
  'iam:TagRole',
  'iam:UntagPolicy',
  'iam:UntagRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
];

/**
 * The permission boundary of every persona role: a managed policy that caps what
 * any grant can give. It allows everything but long-term credentials and
 * organization administration, then denies:
 *
 * - requests outside the residency zone's regions (global services excepted,
 *   `GLOBAL_SERVICE_EXCEPTIONS`);
 * - stopping, deleting or narrowing the audit trail; deleting audit evidence or log
 *   groups; changing Object Lock; scheduling key deletion (unless `protectAuditTrail`
 *   is false: the break-glass boundary);
 * - replication out of the zone (multi-Region keys, key replicas elsewhere, and
 *   replication whose destination no condition key constrains);
 * - privilege escalation through IAM: principals created or changed without the
 *   platform boundary, removing a boundary, changing the persona roles and policies,
 *   passing roles outside the platform's role path.
 */
export class PermissionBoundary extends Construct {
  /** The boundary policy. */
  public readonly policy: iam.ManagedPolicy;
  /** Its ARN, known before deployment (built from its name and path). */
  public readonly policyArn: string;

  constructor(scope: Construct, id: string, props: PermissionBoundaryProps) {
    super(scope, id);
    const protectedPath = props.protectedPath ?? '/data-platform/personas/';
    const passablePath = props.passableRolePath ?? '/data-platform/';
    const problems: string[] = [];
    if (!POLICY_NAME.test(props.managedPolicyName)) {
      problems.push(`managedPolicyName: received '${props.managedPolicyName}'; allowed: 1-128 letters, digits and + = , . @ _ -`);
    }
    for (const [field, path] of [['protectedPath', protectedPath], ['passableRolePath', passablePath]] as const) {
      if (!IAM_PATH.test(path) || path === '/') {
        problems.push(`${field}: received '${path}'; allowed: an IAM path other than '/', starting and ending with '/'`);
      }
    }
    if (props.allowedRegions.length === 0) problems.push('allowedRegions: received none; allowed: at least one region');
    props.allowedRegions.forEach((r, i) => {
      if (!AWS_REGION.test(r)) problems.push(`allowedRegions[${i}]: received '${r}'; allowed: a region name such as eu-west-1`);
    });
    if (problems.length > 0) throw new Error(`Invalid PermissionBoundary '${this.node.path}':\n  - ${problems.join('\n  - ')}`);

    const stack = Stack.of(this);
    const iamArn = (resource: string, resourceName: string) => stack.formatArn({ service: 'iam', region: '', resource, resourceName });
    this.policyArn = iamArn('policy', `${protectedPath.slice(1)}${props.managedPolicyName}`);
    const requiredBoundary = props.requiredBoundaryArn ?? this.policyArn;
    const regions = [...props.allowedRegions];

    const statements: iam.PolicyStatement[] = [
      // A boundary only caps: it grants nothing by itself (the persona's own policy does).
      new iam.PolicyStatement({
        sid: 'AllowWithinBoundary',
        actions: ['*'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'DenyLongTermCredentialsAndOrganizationAdministration',
        effect: iam.Effect.DENY,
        actions: [...BOUNDARY_EXCLUDED_ACTIONS],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'DenyOutsideResidencyZone',
        effect: iam.Effect.DENY,
        notActions: globalServiceActions(),
        resources: ['*'],
        conditions: { StringNotEquals: { 'aws:RequestedRegion': regions } },
      }),
      new iam.PolicyStatement({
        sid: 'DenyMultiRegionKeys',
        effect: iam.Effect.DENY,
        actions: ['kms:CreateKey'],
        resources: ['*'],
        conditions: { Bool: { 'kms:MultiRegion': 'true' } },
      }),
      new iam.PolicyStatement({
        sid: 'DenyKeyReplicasOutsideZone',
        effect: iam.Effect.DENY,
        actions: ['kms:ReplicateKey'],
        resources: ['*'],
        conditions: { StringNotEquals: { 'kms:ReplicaRegion': regions } },
      }),
      new iam.PolicyStatement({
        sid: 'DenyUnconstrainedReplication',
        effect: iam.Effect.DENY,
        actions: [...UNCONSTRAINED_REPLICATION_ACTIONS],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'DenyPrincipalsWithoutPlatformBoundary',
        effect: iam.Effect.DENY,
        actions: [...BOUNDARY_CONDITIONED_ACTIONS],
        resources: ['*'],
        conditions: { StringNotEquals: { 'iam:PermissionsBoundary': requiredBoundary } },
      }),
      new iam.PolicyStatement({
        sid: 'DenyBoundaryRemoval',
        effect: iam.Effect.DENY,
        actions: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'DenyPersonaRoleAndPolicyChanges',
        effect: iam.Effect.DENY,
        actions: [...PROTECTED_IAM_ACTIONS],
        resources: [iamArn('role', `${protectedPath.slice(1)}*`), iamArn('policy', `${protectedPath.slice(1)}*`)],
      }),
      new iam.PolicyStatement({
        sid: 'DenyPassRoleOutsidePlatform',
        effect: iam.Effect.DENY,
        actions: ['iam:PassRole'],
        notResources: [iamArn('role', `${passablePath.slice(1)}*`)],
      }),
    ];

    if (props.protectAuditTrail ?? true) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'DenyAuditTrailTampering',
          effect: iam.Effect.DENY,
          actions: [...TRAIL_TAMPERING_ACTIONS],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'DenyObjectLockChanges',
          effect: iam.Effect.DENY,
          actions: ['s3:BypassGovernanceRetention', 's3:PutBucketObjectLockConfiguration'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'DenyKeyDestruction',
          effect: iam.Effect.DENY,
          actions: [...KEY_DESTRUCTION_ACTIONS],
          resources: ['*'],
        }),
      );
      const buckets = props.auditBuckets ?? [];
      if (buckets.length > 0) {
        statements.push(
          new iam.PolicyStatement({
            sid: 'DenyAuditEvidenceChanges',
            effect: iam.Effect.DENY,
            actions: [...AUDIT_PROTECTED_ACTIONS, 's3:DeleteBucketPolicy', 's3:PutBucketPolicy', 's3:PutLifecycleConfiguration'],
            resources: buckets.flatMap((b) => [b.bucketArn, b.arnForObjects('*')]),
          }),
        );
      }
      const logGroups = props.auditLogGroups ?? [];
      if (logGroups.length > 0) {
        statements.push(
          new iam.PolicyStatement({
            sid: 'DenyAuditLogChanges',
            effect: iam.Effect.DENY,
            actions: ['logs:DeleteLogGroup', 'logs:DeleteLogStream', 'logs:DeleteRetentionPolicy', 'logs:DisassociateKmsKey', 'logs:PutRetentionPolicy'],
            resources: logGroups.map((g) => g.logGroupArn),
          }),
        );
      }
    }

    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      managedPolicyName: props.managedPolicyName,
      path: protectedPath,
      description: `Permission boundary of the data platform personas${props.protectAuditTrail === false ? ' (break-glass: audit protections lifted)' : ''}`,
      statements,
    });
  }
}
