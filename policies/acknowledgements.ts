/**
 * The only place findings are acknowledged. Each entry names one rule and one
 * construct path (relative to an environment's stage, so it holds for every
 * environment), and gives the reason a reviewer would accept. No wildcards: a rule
 * id must be a full id, and a path must exist in at least one environment
 * (`applyAcknowledgements` fails on a stale entry).
 */
export interface Acknowledgement {
  /** Qualified rule id: `<Pack>::<RuleId>` as the validation report prints it. */
  readonly rule: string;
  /** Construct path below the stage, e.g. `Lake/DataLake/AccessLogs`. */
  readonly path: string;
  /** Why the finding is accepted. */
  readonly reason: string;
  /**
   * For rules that report one finding per offending value (AwsSolutions-IAM5 reports each
   * wildcard action or resource as `<rule>[<finding>]`, and a finding is acknowledged only
   * by its exact id): the findings accepted, each acknowledged as `<rule>[<finding>]`.
   * `{stage}` stands for the stage (environment) name, which prefixes cross-stack import
   * names. Each finding must occur in some environment (a stale one fails the tests).
   * @default - the rule itself is acknowledged
   */
  readonly findings?: readonly string[];
}

/** The ids an entry acknowledges in a stage: the rule, or one `<rule>[<finding>]` per finding. */
export function acknowledgedIds(entry: Acknowledgement, stageName: string): string[] {
  return entry.findings ? entry.findings.map((f) => `${entry.rule}[${f.split('{stage}').join(stageName)}]`) : [entry.rule];
}

const ACCESS_LOGS_SSE_S3 =
  'S3 delivers server access logs only to buckets whose default encryption is SSE-S3 (SSE-KMS targets are not supported); ' +
  'the log bucket holds request metadata, not data, blocks public access, requires TLS 1.2+ and expires logs.';
// Access (RBAC personas). AwsSolutions-IAM5 reports each wildcard of the persona policies;
// they come from the constructs' grant methods (DataLake, IKey, AuditTrail): CDK's action
// families and object ARNs `<zone bucket>/<prefix>*`, each bounded to one bucket or key.
const GRANTS_FROM_CONSTRUCTS =
  "Statements come from the lake, key and audit trail constructs' grant methods: CDK's action families " +
  '(s3:GetObject*, s3:List*, kms:GenerateDataKey*, ...) on named zone buckets, their keys and object prefixes ' +
  '(<bucket>/*, tenant=${aws:PrincipalTag/tenant}/*, sandbox/*); no wildcard reaches beyond one bucket or key.';
const READ_ACTIONS = ['Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*'];
const WRITE_ACTIONS = ['Action::s3:Abort*', 'Action::s3:DeleteObject*', 'Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*'];
const zoneObjects = (zone: string, prefix = '') => `Resource::{stage}-Lake:ExportsOutputFnGetAttDataLake${zone}/${prefix}*`;
const RAW = 'Raw1F82835BArnC4F9DCE7';
const CURATED = 'CuratedD6D7CE2DArn1EDC9C6A';
const ANALYTICS = 'Analytics04D99F20Arn994C5082';
const TENANT = 'tenant=<aws:PrincipalTag/tenant>/';
const iam5 = (path: string, findings: string[], reason = GRANTS_FROM_CONSTRUCTS): Acknowledgement => ({
  rule: 'AwsSolutions::AwsSolutions-IAM5',
  path,
  findings,
  reason,
});
const ACCESS_ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
  iam5('Access/Personas/DataEngineer/Policy', [...READ_ACTIONS, ...WRITE_ACTIONS, zoneObjects(RAW), zoneObjects(CURATED), zoneObjects(ANALYTICS)]),
  iam5('Access/Personas/DataAnalyst/Policy', [...READ_ACTIONS, zoneObjects(ANALYTICS), zoneObjects(ANALYTICS, TENANT)]),
  iam5('Access/Personas/DataScientist/Policy', [...READ_ACTIONS, ...WRITE_ACTIONS, zoneObjects(CURATED), zoneObjects(ANALYTICS), zoneObjects(ANALYTICS, 'sandbox/')]),
  iam5('Access/Personas/ProducerApplication/Policy', ['Action::s3:Abort*', 'Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*', zoneObjects(RAW)]),
  iam5('Access/Personas/ConsumerApplication/Policy', [...READ_ACTIONS, zoneObjects(ANALYTICS), zoneObjects(ANALYTICS, TENANT)]),
  iam5(
    'Access/Personas/Auditor/Policy',
    [...READ_ACTIONS, 'Resource::{stage}-Audit:ExportsOutputFnGetAttAuditTrailBucketA91FD435ArnD9874FAE/*', 'Resource::*'],
    `${GRANTS_FROM_CONSTRUCTS} Resource * is cloudtrail:LookupEvents only, which supports no resource-level permission ` +
      '(it reads the 90-day management event history, nothing else).',
  ),
  iam5(
    'Access/Personas/PlatformAdministrator/Policy',
    ['Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-hnb659fds-*'],
    'The platform administrator deploys through the CDK bootstrap roles (cdk-<qualifier>-deploy/lookup/file-publishing roles ' +
      'of the account and region); their names end in account and region, so the pattern names the qualifier and no more.',
  ),
  iam5(
    'Access/LakeFormation/Policy',
    [...READ_ACTIONS, ...WRITE_ACTIONS, zoneObjects(RAW), zoneObjects(CURATED), zoneObjects(ANALYTICS)],
    "Lake Formation's data location role reads and writes the registered zone buckets on behalf of granted principals: " +
      "the statements are the buckets' grantReadWrite (object families on <zone bucket>/* and the zone keys).",
  ),
  ...['Boundary', 'BreakGlassBoundary'].map((boundary) =>
    iam5(
      `Access/Personas/${boundary}/Policy`,
      ['Action::*', 'Resource::*'],
      "A permission boundary grants nothing: it caps what the role's own policies grant. Its Allow * is the ceiling and its " +
        'explicit denies (residency regions, audit tampering, replication, IAM escalation) are the control.',
    ),
  ),
  {
    rule: 'AwsSolutions::AwsSolutions-IAM4',
    path: 'Access/Personas/BreakGlass/Role',
    findings: ['Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess'],
    reason:
      'Break-glass is emergency administration (AdministratorAccess), assumable only with MFA, for one hour, and still capped ' +
      'by its permission boundary (residency, replication and IAM escalation denies); every use is in the audit trail.',
  },
];

export const ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
  { rule: 'DataPlatform::DataPlatform-CustomerManagedKey', path: 'Lake/DataLake/AccessLogs', reason: ACCESS_LOGS_SSE_S3 },
  { rule: 'DataPlatform::DataPlatform-CustomerManagedKey', path: 'Audit/AuditTrail/AccessLogs', reason: ACCESS_LOGS_SSE_S3 },
  { rule: 'DataPlatform::DataPlatform-CustomerManagedKey', path: 'Streaming/ArtifactAccessLogs', reason: ACCESS_LOGS_SSE_S3 },
  ...ACCESS_ACKNOWLEDGEMENTS,
];
