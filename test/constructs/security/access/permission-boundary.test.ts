import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  BOUNDARY_CONDITIONED_ACTIONS,
  KEY_DESTRUCTION_ACTIONS,
  PermissionBoundary,
  PROTECTED_IAM_ACTIONS,
  TRAIL_TAMPERING_ACTIONS,
  UNCONSTRAINED_REPLICATION_ACTIONS,
} from '../../../../constructs/security/access';
import { AUDIT_PROTECTED_ACTIONS } from '../../../../constructs/security/audit';
import { globalServiceActions } from '../../../../constructs/security/residency';
import { testStack } from '../../../support/app';
import { resourceOf, TemplateStatement } from '../../template-helpers';
import { accessFixture } from './fixture';

const REGIONS = ['eu-west-1', 'eu-central-1'];
// The stack pins region and account, so the partition resolves (enablePartitionLiterals).
const BOUNDARY_ARN = 'arn:aws:iam::111111111111:policy/data-platform/personas/test-boundary';

function statementsOf(template: Template, boundary: PermissionBoundary): Record<string, TemplateStatement> {
  const doc = resourceOf(template, boundary.policy).Properties.PolicyDocument as { Statement: TemplateStatement[] };
  return Object.fromEntries(doc.Statement.map((s) => [s.Sid!, s]));
}

describe('PermissionBoundary (standard)', () => {
  let statements: Record<string, TemplateStatement>;
  let template: Template;
  let boundary: PermissionBoundary;

  beforeAll(() => {
    const { stack, audit } = accessFixture();
    boundary = new PermissionBoundary(stack, 'Boundary', {
      managedPolicyName: 'test-boundary',
      allowedRegions: REGIONS,
      auditBuckets: [audit.bucket],
      auditLogGroups: [audit.logGroup],
    });
    template = Template.fromStack(stack);
    statements = statementsOf(template, boundary);
  });

  test('is a named managed policy under the persona path, whose ARN is known before deployment', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'test-boundary', Path: '/data-platform/personas/' });
    expect(Stack.of(boundary).resolve(boundary.policyArn)).toBe(BOUNDARY_ARN);
  });

  test('caps with Allow * and grants nothing else', () => {
    expect(statements.AllowWithinBoundary).toMatchObject({ Effect: 'Allow', Action: '*', Resource: '*' });
    expect(Object.values(statements).filter((s) => s.Effect === 'Allow')).toHaveLength(1);
  });

  test('denies requests outside the residency regions, except global services', () => {
    expect(statements.DenyOutsideResidencyZone).toEqual({
      Sid: 'DenyOutsideResidencyZone',
      Effect: 'Deny',
      NotAction: globalServiceActions(),
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': REGIONS } },
    });
    expect(globalServiceActions()).toEqual(expect.arrayContaining(['iam:*', 'sts:*', 'organizations:*', 'cloudfront:*', 'route53:*', 'support:*']));
    expect(globalServiceActions()).not.toContain('kms:*');
  });

  test('denies long-term credentials and organization administration', () => {
    expect(statements.DenyLongTermCredentialsAndOrganizationAdministration).toMatchObject({
      Effect: 'Deny',
      Action: expect.arrayContaining(['iam:CreateUser', 'iam:CreateAccessKey', 'organizations:*']),
      Resource: '*',
    });
  });

  test('denies disabling the audit trail', () => {
    expect(statements.DenyAuditTrailTampering).toMatchObject({ Effect: 'Deny', Action: [...TRAIL_TAMPERING_ACTIONS], Resource: '*' });
    expect(TRAIL_TAMPERING_ACTIONS).toEqual(expect.arrayContaining(['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors']));
  });

  test('denies deleting audit evidence and changing its bucket policy, lock and lifecycle', () => {
    const s = statements.DenyAuditEvidenceChanges;
    expect(s.Effect).toBe('Deny');
    expect(s.Action).toEqual(expect.arrayContaining([...AUDIT_PROTECTED_ACTIONS, 's3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:PutLifecycleConfiguration']));
    expect(JSON.stringify(s.Resource)).toContain('AuditBucket');
    expect(JSON.stringify(s.Resource)).toContain('/*');
  });

  test('denies Object Lock changes on every bucket and audit log deletion', () => {
    expect(statements.DenyObjectLockChanges).toMatchObject({ Effect: 'Deny', Action: ['s3:BypassGovernanceRetention', 's3:PutBucketObjectLockConfiguration'], Resource: '*' });
    expect(statements.DenyAuditLogChanges).toMatchObject({ Effect: 'Deny', Action: expect.arrayContaining(['logs:DeleteLogGroup', 'logs:PutRetentionPolicy']) });
    expect(JSON.stringify(statements.DenyAuditLogChanges.Resource)).toContain('AuditLogGroup');
  });

  test('denies scheduling key deletion and disabling keys', () => {
    expect(statements.DenyKeyDestruction).toMatchObject({ Effect: 'Deny', Action: [...KEY_DESTRUCTION_ACTIONS], Resource: '*' });
    expect(KEY_DESTRUCTION_ACTIONS).toContain('kms:ScheduleKeyDeletion');
  });

  test('denies replication out of the zone', () => {
    expect(statements.DenyMultiRegionKeys).toMatchObject({ Effect: 'Deny', Action: 'kms:CreateKey', Condition: { Bool: { 'kms:MultiRegion': 'true' } } });
    expect(statements.DenyKeyReplicasOutsideZone).toMatchObject({ Effect: 'Deny', Action: 'kms:ReplicateKey', Condition: { StringNotEquals: { 'kms:ReplicaRegion': REGIONS } } });
    expect(statements.DenyUnconstrainedReplication).toMatchObject({ Effect: 'Deny', Action: [...UNCONSTRAINED_REPLICATION_ACTIONS], Resource: '*' });
    expect(UNCONSTRAINED_REPLICATION_ACTIONS).toEqual(expect.arrayContaining(['s3:PutReplicationConfiguration', 'kafka:CreateReplicator']));
  });

  test('denies creating or changing principals without the platform boundary', () => {
    expect(statements.DenyPrincipalsWithoutPlatformBoundary).toEqual({
      Sid: 'DenyPrincipalsWithoutPlatformBoundary',
      Effect: 'Deny',
      Action: [...BOUNDARY_CONDITIONED_ACTIONS],
      Resource: '*',
      Condition: { StringNotEquals: { 'iam:PermissionsBoundary': BOUNDARY_ARN } },
    });
    expect(BOUNDARY_CONDITIONED_ACTIONS).toEqual(expect.arrayContaining(['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy']));
  });

  test('denies removing boundaries and changing the persona roles and policies', () => {
    expect(statements.DenyBoundaryRemoval).toMatchObject({ Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'] });
    const s = statements.DenyPersonaRoleAndPolicyChanges;
    expect(s.Action).toEqual([...PROTECTED_IAM_ACTIONS]);
    expect(PROTECTED_IAM_ACTIONS).toEqual(expect.arrayContaining(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:TagRole', 'iam:UpdateAssumeRolePolicy']));
    expect(JSON.stringify(s.Resource)).toContain(':role/data-platform/personas/*');
    expect(JSON.stringify(s.Resource)).toContain(':policy/data-platform/personas/*');
  });

  test('denies passing roles outside the platform role path', () => {
    const s = statements.DenyPassRoleOutsidePlatform as TemplateStatement & { NotResource: unknown };
    expect(s).toMatchObject({ Effect: 'Deny', Action: 'iam:PassRole' });
    expect(JSON.stringify(s.NotResource)).toContain(':role/data-platform/*');
  });
});

describe('PermissionBoundary with the audit protections lifted (break-glass)', () => {
  test('keeps residency, replication and escalation denies, drops the audit, lock and key denies', () => {
    const { stack, audit } = accessFixture();
    const boundary = new PermissionBoundary(stack, 'Boundary', {
      managedPolicyName: 'bg',
      allowedRegions: REGIONS,
      protectAuditTrail: false,
      auditBuckets: [audit.bucket],
      requiredBoundaryArn: 'arn:aws:iam::111111111111:policy/data-platform/personas/std',
    });
    const statements = statementsOf(Template.fromStack(stack), boundary);
    expect(Object.keys(statements)).toEqual(
      expect.arrayContaining(['DenyOutsideResidencyZone', 'DenyUnconstrainedReplication', 'DenyPrincipalsWithoutPlatformBoundary', 'DenyPersonaRoleAndPolicyChanges']),
    );
    for (const sid of ['DenyAuditTrailTampering', 'DenyAuditEvidenceChanges', 'DenyObjectLockChanges', 'DenyKeyDestruction']) expect(statements[sid]).toBeUndefined();
    expect(statements.DenyPrincipalsWithoutPlatformBoundary.Condition).toEqual({
      StringNotEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111111111111:policy/data-platform/personas/std' },
    });
  });
});

describe('PermissionBoundary fails if', () => {
  const build = (props: Partial<ConstructorParameters<typeof PermissionBoundary>[2]>) => () =>
    new PermissionBoundary(testStack(), 'B', { managedPolicyName: 'b', allowedRegions: REGIONS, ...props });
  test.each<[string, Partial<ConstructorParameters<typeof PermissionBoundary>[2]>, string]>([
    ['the policy name has invalid characters', { managedPolicyName: 'a b' }, "managedPolicyName: received 'a b'; allowed: 1-128 letters"],
    ['the protected path is not an IAM path', { protectedPath: 'personas' }, "protectedPath: received 'personas'; allowed: an IAM path other than '/'"],
    ['the passable path is the root', { passableRolePath: '/' }, "passableRolePath: received '/'; allowed: an IAM path other than '/'"],
    ['no region is allowed', { allowedRegions: [] }, 'allowedRegions: received none; allowed: at least one region'],
    ['a region is malformed', { allowedRegions: ['europe'] }, "allowedRegions[0]: received 'europe'; allowed: a region name"],
  ])('%s', (_name, props, message) => {
    expect(build(props)).toThrow(message);
  });

  test('several props are wrong: every problem at once', () => {
    expect(build({ managedPolicyName: 'a b', allowedRegions: [] })).toThrow(/managedPolicyName[\s\S]*allowedRegions/);
  });
});
