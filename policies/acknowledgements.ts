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
const CDK_BUCKET_GRANTS =
  'Least-privilege grants from DataLake/SecureBucket/LakeCatalog (grantRead/grantReadWrite): the wildcards are CDK\'s action groups ' +
  '(s3:GetObject*, s3:List*, kms:GenerateDataKey*, ...) and object keys or Glue tables under ONE bucket, prefix or database the role needs; ' +
  'no account-wide resource. Which zones each role reaches is asserted by test/lib/stacks/processing-stack.test.ts.';
const EMR_NAG_SCHEMA =
  'cdk-nag 3.0.2 looks for EnableAtRestEncryption/EnableInTransitEncryption at the root of the security configuration, but EMR\'s schema ' +
  'nests them under EncryptionConfiguration; the referenced EmrSecurityConfiguration enables local disk + EBS encryption with KMS and ' +
  'in-transit TLS (asserted by test/constructs/processing/emr-security-configuration.test.ts).';
/** Action groups of CDK's bucket and key grants (s3:GetObject*, kms:GenerateDataKey*, ...). */
const CDK_GRANT_ACTIONS = ['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'].map(
  (a) => `Action::${a}`,
);
const LAKE_EXPORTS: Record<string, string> = {
  Raw: 'Raw1F82835BArnC4F9DCE7',
  Curated: 'CuratedD6D7CE2DArn1EDC9C6A',
  Analytics: 'Analytics04D99F20Arn994C5082',
};
/** Objects of lake zones, as findings name them: the Lake stack's export of each zone bucket's ARN. */
const lakeObjects = (...zones: string[]) => zones.map((z) => `Resource::{stage}-Lake:ExportsOutputFnGetAttDataLake${LAKE_EXPORTS[z]}/*`);
const CATALOG_DATABASES: Record<string, string> = { raw: 'rawB2D6B302', curated: 'curatedDA05417B', analytics: 'analytics2C36DE3E' };
/** Tables of a zone's Glue database. */
const catalogTables = (...zones: string[]) =>
  zones.map((z) => `Resource::arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:table/<CatalogDatabase${CATALOG_DATABASES[z]}>/*`);
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
  { rule: 'DataPlatform::DataPlatform-CustomerManagedKey', path: 'Processing/AccessLogs', reason: ACCESS_LOGS_SSE_S3 },
  { rule: 'AwsSolutions::AwsSolutions-EMR4', path: 'Processing/Cluster/Resource', reason: EMR_NAG_SCHEMA },
  { rule: 'AwsSolutions::AwsSolutions-EMR5', path: 'Processing/Cluster/Resource', reason: EMR_NAG_SCHEMA },
  {
    rule: 'AwsSolutions::AwsSolutions-IAM4',
    findings: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2'],
    path: 'Processing/Cluster/ServiceRole/Resource',
    reason:
      'AmazonEMRServicePolicy_v2 is the AWS-maintained EMR service policy that only acts on resources tagged ' +
      'for-use-with-amazon-emr-managed-policies=true (the cluster tags its subnets and security groups); a hand copy would drift as EMR changes.',
  },
  {
    rule: 'AwsSolutions::AwsSolutions-SMG4',
    path: 'Processing/Cluster/KdcAdminPassword/Resource',
    reason:
      'EMR reads the KDC admin password once, when the cluster is created; rotating the secret would not change the KDC and would lock ' +
      'administrators out. Clusters are transient (idle auto-termination): each new cluster takes the current secret. CMK-encrypted.',
  },
  iam5(
    'Processing/Cluster/InstanceRole/DefaultPolicy/Resource',
    [...CDK_GRANT_ACTIONS, 'Resource::<Logs6819BB44.Arn>/emr/*', ...lakeObjects('Raw', 'Curated', 'Analytics'), ...catalogTables('raw', 'curated', 'analytics')],
    CDK_BUCKET_GRANTS,
  ),
  iam5(
    'Processing/Serverless/JobRole/DefaultPolicy/Resource',
    [...CDK_GRANT_ACTIONS, 'Resource::<Logs6819BB44.Arn>/emr-serverless/*', ...lakeObjects('Curated'), ...catalogTables('curated')],
    CDK_BUCKET_GRANTS,
  ),
  iam5(
    'Processing/Quality/EvaluationRole/DefaultPolicy/Resource',
    [...CDK_GRANT_ACTIONS, 'Resource::<Results25575328.Arn>/data-quality/*', ...lakeObjects('Curated', 'Analytics'), ...catalogTables('curated', 'analytics')],
    CDK_BUCKET_GRANTS,
  ),
  iam5(
    'Processing/Compaction/StateMachine/Role/DefaultPolicy/Resource',
    ['Resource::*', 'Resource::<Serverless54B8191B.Arn>/jobruns/*'],
    'X-Ray PutTraceSegments and the CloudWatch Logs delivery APIs take no resource ARN (Step Functions tracing and logging); job runs are ' +
      'scoped to the one EMR Serverless application (its jobruns/*), which is how EMR Serverless names runs.',
  ),
  iam5(
    'Processing/Quality/EvaluationPolicy/Resource',
    ['Resource::*', 'Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws-glue/data-quality/*'],
    'cloudwatch:PutMetricData takes no resource ARN and is restricted to the Glue Data Quality namespace by condition; logs are limited ' +
      'to the /aws-glue/data-quality/ log groups Glue writes to.',
  ),
  // On the cluster (not its AutoScalingPolicy, which exists only with custom task scaling) so the entry holds in every environment.
  iam5(
    'Processing/Cluster',
    ['Resource::*', 'Resource::arn:<AWS::Partition>:elasticmapreduce:<AWS::Region>:<AWS::AccountId>:cluster/*'],
    'cloudwatch:DescribeAlarms takes no resource ARN; instance-group changes cannot name the cluster (its id exists only after the role ' +
      'it needs is created) and are limited to EMR clusters of this account.',
  ),
  {
    rule: 'CloudFormation-Validate::E1029',
    path: 'Processing/Cluster/Resource',
    reason:
      '${emr.clusterId} in the task group\'s scaling alarm dimensions is EMR\'s documented placeholder for the cluster id, substituted by ' +
      'EMR when it creates the alarms, not a CloudFormation parameter (E1029 flags any ${...} outside Fn::Sub).',
  },
  ...ACCESS_ACKNOWLEDGEMENTS,
];
