/**
 * The only place findings are acknowledged. Each entry names one rule and one
 * construct path (relative to an environment's stage, so it holds for every
 * environment), and gives the reason a reviewer would accept. No wildcards: a rule
 * id must be a full id (a finding-specific id such as
 * `AwsSolutions::AwsSolutions-IAM5[Resource::<Bucket.Arn>/*]` names the exact finding,
 * whose text may contain `*`), and a path must exist in at least one environment
 * (`applyAcknowledgements` fails on a stale entry; the compliance test and the report
 * fail on an entry no finding uses).
 *
 * Two kinds of rule ids:
 * - `<Pack>::<RuleId>` for cdk-nag packs (AwsSolutions, DataPlatform, NIST.800.53.R5,
 *   HIPAA.Security, PCI.DSS.321), as the validation report prints them;
 * - `ControlTower::<ControlId>` (e.g. `ControlTower::CT.S3.PR.1`) for the AWS Control
 *   Tower proactive controls the report runs with cfn-guard; the path covers the
 *   construct and everything below it.
 *
 * The report (`npm run report`) lists every entry with the line it is declared on.
 */
export interface Acknowledgement {
  /** Qualified rule id: `<Pack>::<RuleId>` as the validation report prints it, or `ControlTower::<ControlId>`. */
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
  /**
   * The construct exists only in production environments (a masking job, for instance):
   * synthesizing non-production environments alone does not make the entry stale.
   * @default false
   */
  readonly productionOnly?: boolean;
}

/** The ids an entry acknowledges in a stage: the rule, or one `<rule>[<finding>]` per finding. */
export function acknowledgedIds(entry: Acknowledgement, stageName: string): string[] {
  return entry.findings ? entry.findings.map((f) => `${entry.rule}[${f.split('{stage}').join(stageName)}]`) : [entry.rule];
}

/** Pack name of the AWS Control Tower proactive controls in acknowledgement ids (`ControlTower::CT.S3.PR.1`). */
export const CONTROL_TOWER_PACK = 'ControlTower';

/** One entry per rule for the same construct and reason (still one registry entry per rule and path). */
function each(rules: readonly string[], path: string, reason: string): Acknowledgement[] {
  return rules.map((rule) => ({ rule, path, reason }));
}

/** The three extra compliance packs' ids of one cdk-nag rule. */
const extraPacks = (rule: string): string[] => ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map((pack) => `${pack}::${pack}-${rule}`);

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
const ACCESS_LOGS_NOT_REPLICATED =
  'Access logs are request metadata that expire after the configured retention; object-level access is also recorded, ' +
  'immutably, by the audit trail\'s S3 data events. Replicating the log bucket would double a transient record without protecting data.';
const ACCESS_LOGS_NO_SELF_LOGGING = 'This bucket is the server access log target; logging its own access into itself would loop (S3 documents this).';
const ACCESS_LOGS_NO_OBJECT_LOCK =
  'S3 refuses server access log delivery to a bucket with an Object Lock default retention, and logs must expire after their retention; ' +
  'versioning and the TLS/public-access guards protect them.';
const LAKE_NO_OBJECT_LOCK =
  'Lake zones hold personal data that must be erasable on a GDPR/CCPA request; Object Lock retention would make erasure impossible ' +
  'and cannot be turned off once on. Integrity comes from versioning, the same-region replica and the audit trail\'s data events.';
const REPLICA_IS_DESTINATION =
  'This bucket is the replica (S3 Replication destination) of its zone, in the same region and residency zone; replicating the replica again ' +
  'would copy a copy. The zone bucket satisfies the replication control.';
const AUDIT_NOT_REPLICATED =
  'Audit evidence is protected in place: Object Lock in COMPLIANCE mode (nobody, root included, can delete or shorten it), a bucket policy ' +
  'denying deletion, log file integrity validation, and a second copy of every event in the encrypted CloudWatch Logs group.';
const CROSS_STACK_KEY =
  'The key is the audit CMK of the Foundation stack, referenced with Fn::ImportValue; the cfn-guard rule resolves keys only inside one template. ' +
  'The report\'s encryption inventory resolves the reference to Foundation/Keys/Audit (rotation enabled).';
const REPLICATION_POLICY_WILDCARDS =
  'S3 Replication must read every object version of the zone bucket and write every replica: the object wildcard is that bucket\'s own objects; ' +
  'the KMS action wildcards are those grantReplicationPermission gives for the zone key, usable only through S3 (kms:ViaService).';

const ZONES: readonly [string, string, string][] = [
  ['Raw', 'DataLakeRaw1F82835B', 'DataLakeRawReplicaBAB1083C'],
  ['Curated', 'DataLakeCuratedD6D7CE2D', 'DataLakeCuratedReplica3A585F92'],
  ['Analytics', 'DataLakeAnalytics04D99F20', 'DataLakeAnalyticsReplica6BBFDF77'],
];
const ACCESS_LOG_BUCKETS = ['Lake/DataLake/AccessLogs', 'Audit/AuditTrail/AccessLogs', 'Streaming/ArtifactAccessLogs', 'Processing/AccessLogs'];

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

const KDC_SECRET_NOT_ROTATED =
  'EMR reads the KDC admin password once, when the cluster is created; rotating the secret would not change the KDC and would lock ' +
  'administrators out. Clusters are transient (idle auto-termination): each new cluster takes the current secret. Encrypted with its own CMK.';
const NOT_REPLICATED = ' Nothing in it is lake data (the zones replicate); versioning, the CMK, TLS-only access and blocked public access protect it.';
const PROCESSING_BUCKETS: Record<'Logs' | 'Artifacts' | 'Results', string> = {
  Logs:
    'EMR and EMR Serverless logs are operational records that expire with the bucket lifecycle; Object Lock would stop them expiring and a replica ' +
    'would keep a second copy of transient logs.' + NOT_REPLICATED,
  Artifacts:
    'Platform artifacts (TLS certificate bundles, job scripts) are rebuilt from source control and the certificate authority; a replica or ' +
    'Object Lock retention would keep superseded certificates that must be replaced.' + NOT_REPLICATED,
  Results:
    'Athena query results and data-quality results are transient outputs that expire with the bucket lifecycle and can be recomputed from the ' +
    'lake; an erased subject must not survive in a locked or replicated copy of a query result.' + NOT_REPLICATED,
};
const ATHENA_KEY_CROSS_STACK =
  'Query results are encrypted with SSE_KMS and the Foundation stack\'s confidential CMK, referenced with Fn::ImportValue; the cfn-guard rule ' +
  'resolves keys only inside one template. The report\'s encryption inventory resolves the reference to Foundation/Keys (rotation enabled).';
const PROCESSING_LOG_KEY_CROSS_STACK =
  'The log group is encrypted with the Foundation stack\'s confidential CMK, referenced with Fn::ImportValue; the cfn-guard rule resolves keys ' +
  'only inside one template. The report\'s encryption inventory resolves the reference to Foundation/Keys (rotation enabled).';
const PROCESSING_LOG_RETENTION =
  'The log group keeps audit.logGroupRetentionDays: only non-production environments go under a year (dev-eu: 90 days, disposable); the schema ' +
  'refuses less than 365 days in production.';

// Processing (EMR cluster, Serverless compaction, catalog, data quality).
const PROCESSING_ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
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
    'Processing/Cluster/InstanceRolePolicy/Resource',
    [...CDK_GRANT_ACTIONS, 'Resource::<Logs6819BB44.Arn>/emr/*', ...lakeObjects('Raw', 'Curated', 'Analytics'), ...catalogTables('raw', 'curated', 'analytics')],
    CDK_BUCKET_GRANTS,
  ),
  iam5(
    'Processing/Serverless/JobRolePolicy/Resource',
    [...CDK_GRANT_ACTIONS, 'Resource::<Logs6819BB44.Arn>/emr-serverless/*', ...lakeObjects('Curated'), ...catalogTables('curated')],
    CDK_BUCKET_GRANTS,
  ),
  iam5(
    'Processing/Quality/EvaluationRolePolicy/Resource',
    [...CDK_GRANT_ACTIONS, 'Resource::<Results25575328.Arn>/data-quality/*', ...lakeObjects('Curated', 'Analytics'), ...catalogTables('curated', 'analytics')],
    CDK_BUCKET_GRANTS,
  ),
  iam5(
    'Processing/Compaction/StateMachine/RolePolicy/Resource',
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
  // Custom task scaling exists only in the production profiles (dev-eu uses EMR managed scaling).
  {
    ...iam5(
      'Processing/Cluster/AutoScalingPolicy',
      ['Resource::*', 'Resource::arn:<AWS::Partition>:elasticmapreduce:<AWS::Region>:<AWS::AccountId>:cluster/*'],
      'cloudwatch:DescribeAlarms takes no resource ARN; instance-group changes cannot name the cluster (its id exists only after the role ' +
        'it needs is created) and are limited to EMR clusters of this account.',
    ),
    productionOnly: true,
  },
  {
    rule: 'CloudFormation-Validate::E1029',
    path: 'Processing/Cluster/Resource',
    reason:
      '${emr.clusterId} in the task group\'s scaling alarm dimensions is EMR\'s documented placeholder for the cluster id, substituted by ' +
      'EMR when it creates the alarms, not a CloudFormation parameter (E1029 flags any ${...} outside Fn::Sub).',
  },
  ...each(
    ['NIST.800.53.R5::NIST.800.53.R5-SecretsManagerRotationEnabled', 'HIPAA.Security::HIPAA.Security-SecretsManagerRotationEnabled'],
    'Processing/Cluster/KdcAdminPassword/Resource',
    KDC_SECRET_NOT_ROTATED,
  ),
  // Processing buckets: EMR logs, platform artifacts, query and data-quality results (no lake data).
  ...(['Logs', 'Artifacts', 'Results'] as const).flatMap((bucket) =>
    each([...extraPacks('S3BucketReplicationEnabled'), 'ControlTower::CT.S3.PR.9'], `Processing/${bucket}`, PROCESSING_BUCKETS[bucket]),
  ),
  { rule: 'ControlTower::CT.ATHENA.PR.2', path: 'Processing/Catalog/WorkGroup', reason: ATHENA_KEY_CROSS_STACK },
  ...['Processing/Serverless/Logs', 'Processing/Compaction/Logs'].flatMap((path) => [
    { rule: 'ControlTower::CT.CLOUDWATCH.PR.3', path, reason: PROCESSING_LOG_KEY_CROSS_STACK },
    { rule: 'ControlTower::CT.CLOUDWATCH.PR.2', path, reason: PROCESSING_LOG_RETENTION },
  ]),
];

const BOUNDARY_IS_A_CEILING =
  "A permission boundary grants nothing: it caps what the role's own policies grant. Its Allow * is the ceiling (IAM intersects it " +
  'with the identity policies, which come from the constructs\' grants) and its explicit denies (residency regions, audit tampering, ' +
  'out-of-zone replication, IAM escalation) are the control. Listing services instead would silently break personas as grants evolve.';
const RESTRICT_DEFAULT_SG_PROVIDER =
  "aws-cdk-lib's provider that removes every rule of the VPC's default security group (so nothing can use it): it runs once per deployment, " +
  'calls only ec2:AuthorizeSecurityGroup*/RevokeSecurityGroup* on that group, and is not configurable into the VPC; the isolated subnets ' +
  'have no route to the EC2 API other than through endpoints, which the provider does not need.';
const FLOW_LOG_KEY_CROSS_STACK =
  'The flow-log group is encrypted with the audit CMK of the Foundation stack, referenced with Fn::ImportValue; the cfn-guard rule resolves keys ' +
  'only inside one template. The report\'s encryption inventory resolves the reference to Foundation/Keys/Audit (rotation enabled).';
const PLATFORM_ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
  ...['Access/Personas/Boundary/Policy', 'Access/Personas/BreakGlassBoundary/Policy'].flatMap((path) =>
    each(
      [
        ...extraPacks('IAMPolicyNoStatementsWithAdminAccess'),
        ...extraPacks('IAMPolicyNoStatementsWithFullAccess'),
        'ControlTower::CT.IAM.PR.2',
        'ControlTower::CT.IAM.PR.3',
      ],
      path,
      BOUNDARY_IS_A_CEILING,
    ),
  ),
  { rule: 'ControlTower::CT.LAMBDA.PR.3', path: 'Network/Custom::VpcRestrictDefaultSGCustomResourceProvider', reason: RESTRICT_DEFAULT_SG_PROVIDER },
  { rule: 'ControlTower::CT.CLOUDWATCH.PR.3', path: 'Network/Network/FlowLogs', reason: FLOW_LOG_KEY_CROSS_STACK },
];

// Privacy (erasure workflow, masking jobs). AwsSolutions-IAM5 reports each wildcard; they come
// from bucket and key grants (CDK's action families) and from object keys known only at run time.
const privacyLake = (zone: string, prefix = '') => `Resource::{stage}-Lake:ExportsOutputFnGetAttDataLake${zone}/${prefix}*`;
const PRIVACY_GRANT_ACTIONS = [
  'Action::s3:Abort*',
  'Action::s3:DeleteObject*',
  'Action::s3:GetBucket*',
  'Action::s3:GetObject*',
  'Action::s3:List*',
  'Action::kms:GenerateDataKey*',
  'Action::kms:ReEncrypt*',
];
const PRIVACY_ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
  {
    rule: 'AwsSolutions::AwsSolutions-IAM5',
    path: 'Privacy/Erasure/Policy',
    findings: [
      ...PRIVACY_GRANT_ACTIONS,
      privacyLake('Raw1F82835BArnC4F9DCE7'),
      privacyLake('CuratedD6D7CE2DArn1EDC9C6A'),
      privacyLake('Analytics04D99F20Arn994C5082'),
      privacyLake('CuratedD6D7CE2DArn1EDC9C6A', 'customers/'),
      'Resource::<ErasureQueryResults0C3B329B.Arn>/*',
      'Resource::*',
    ],
    reason:
      'Erasure lists and deletes versions of objects whose keys come from the subject index at run time (s3:ListBucketVersions, ' +
      's3:DeleteObjectVersion on <zone bucket>/*); Iceberg row deletes use the table prefix and query-results grants (CDK action ' +
      'families on one prefix and one bucket, with their keys); Resource * is X-Ray and CloudWatch Logs delivery, which accept nothing else.',
  },
  {
    rule: 'AwsSolutions::AwsSolutions-IAM5',
    path: 'Privacy/Masking-customers/Policy',
    productionOnly: true,
    findings: [
      ...PRIVACY_GRANT_ACTIONS,
      privacyLake('CuratedD6D7CE2DArn1EDC9C6A', 'customers/'),
      privacyLake('CuratedD6D7CE2DArn1EDC9C6A', 'masked/customers/'),
      'Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws-glue/*',
      'Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*',
      'Resource::*',
    ],
    reason:
      'The masking job reads the dataset prefix and rewrites the masked/ prefix (bucket grants: CDK action families on one ' +
      'prefix each, and the zone key); Glue names its encrypted log groups itself under /aws-glue/ and tags the network ' +
      'interfaces it creates in the VPC (only the aws-glue-service-resource tag key); Resource * is cloudwatch:PutMetricData ' +
      '(Glue namespace only) and the EC2 Describe/network-interface calls a VPC job needs, which support no resource scoping.',
  },
  {
    rule: 'AwsSolutions::AwsSolutions-SMG4',
    path: 'Privacy/MaskingHmacKey',
    productionOnly: true,
    reason:
      'The HMAC key of the masking jobs must stay stable: rotating it changes every token and breaks joins across masked ' +
      'copies. It is rotated by a planned re-keying that regenerates every masked copy at once (docs/privacy.md).',
  },
];


const SUBJECT_INDEX_BACKUP =
  'The subject index has point-in-time recovery (35 days of continuous backups), deletion protection and a retained CMK-encrypted table; ' +
  'it is derived data (rebuilt by re-indexing the lake), so a separate AWS Backup plan would copy personal-data pointers without adding recovery.';
const TOMBSTONE_DLQ = 'This queue is the dead-letter queue of the tombstone requests; a dead-letter queue of the dead-letter queue would only move the problem.';
const ERASURE_AUDIT_LOG_KEY =
  'The erasure audit log is encrypted with the audit CMK of the Foundation stack, referenced with Fn::ImportValue; the cfn-guard rule resolves keys ' +
  'only inside one template. The report\'s encryption inventory resolves the reference to Foundation/Keys/Audit (rotation enabled).';
const ERASURE_AUDIT_LOG_RETENTION =
  'Only non-production environments keep the erasure audit stream under a year (dev-eu: 90 days, disposable, masked data only); production keeps it ' +
  'for the audit log retention, at least 365 days (schema rule).';
const QUERY_RESULTS_TRANSIENT =
  'Athena results of erasure queries are transient (they expire with the bucket lifecycle) and hold no data beyond row counts; replicating them or ' +
  'locking them with Object Lock would keep erased-subject query output longer than the erasure itself.';
const QUERY_RESULTS_LOGGING_CROSS_STACK =
  'Server access logging is on, to the Lake stack\'s access-log bucket (prefix erasure-query-results/) referenced with Fn::ImportValue; the cfn-guard ' +
  'rule cannot resolve a log bucket in another template.';
const HMAC_KEY_NOT_ROTATED =
  'The HMAC key of the masking jobs must stay stable: rotating it changes every token and breaks joins across masked copies. It is rotated by a planned ' +
  're-keying that regenerates every masked copy at once (docs/privacy.md).';
const PRIVACY_PACK_ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
  ...each(['NIST.800.53.R5::NIST.800.53.R5-DynamoDBInBackupPlan', 'HIPAA.Security::HIPAA.Security-DynamoDBInBackupPlan'], 'Privacy/Erasure/SubjectIndex', SUBJECT_INDEX_BACKUP),
  { rule: 'ControlTower::CT.SQS.PR.1', path: 'Privacy/Erasure/TombstoneDeadLetters', reason: TOMBSTONE_DLQ },
  { rule: 'ControlTower::CT.CLOUDWATCH.PR.3', path: 'Privacy/Erasure/AuditLog', reason: ERASURE_AUDIT_LOG_KEY },
  { rule: 'ControlTower::CT.CLOUDWATCH.PR.2', path: 'Privacy/Erasure/AuditLog', reason: ERASURE_AUDIT_LOG_RETENTION },
  ...[...extraPacks('S3BucketReplicationEnabled'), 'ControlTower::CT.S3.PR.9'].map((rule) => ({
    rule,
    path: 'Privacy/Erasure/QueryResults',
    reason: QUERY_RESULTS_TRANSIENT,
    productionOnly: true,
  })),
  { rule: 'ControlTower::CT.S3.PR.2', path: 'Privacy/Erasure/QueryResults', reason: QUERY_RESULTS_LOGGING_CROSS_STACK, productionOnly: true },
  ...['NIST.800.53.R5::NIST.800.53.R5-SecretsManagerRotationEnabled', 'HIPAA.Security::HIPAA.Security-SecretsManagerRotationEnabled'].map((rule) => ({
    rule,
    path: 'Privacy/MaskingHmacKey',
    reason: HMAC_KEY_NOT_ROTATED,
    productionOnly: true,
  })),
];

// Streaming. The artifacts bucket holds build outputs (connector plugin archives, Flink
// application jars) that the delivery pipeline publishes from source control.
const ARTIFACTS_REBUILDABLE =
  'The streaming artifacts bucket holds connector plugins and Flink application code published by the delivery pipeline from source control ' +
  '(versioned, CMK-encrypted, access-logged): a lost object is re-published from its tagged build, so a replica adds no recovery, and Object Lock ' +
  'would stop the pipeline from replacing a withdrawn plugin version.';
const STREAMING_DEV_LOG_RETENTION =
  'Only non-production environments keep streaming logs under a year (dev-eu: 30 days, disposable, no production data); the schema refuses ' +
  'streaming.cluster.logRetentionDays under 365 in production, and connectors and applications use the same period.';
// Kafka name patterns are rendered per environment (the stacks have concrete regions, so the
// partition is rendered too); a pattern's cluster uuid is a wildcard scoped by the cluster name.
const STREAMING_ENVIRONMENTS: readonly [string, string][] = [
  ['dev-eu', 'eu-west-1'],
  ['prod-eu', 'eu-central-1'],
  ['prod-us', 'us-east-1'],
];
const kafkaArn = (stage: string, region: string, type: string, name: string) =>
  `Resource::arn:aws:kafka:${region}:<AWS::AccountId>:${type}/${stage}-events/*/${name}`;
const ARTIFACT_READ = ['Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*'];
const CUSTOM_RESOURCE_PROVIDER = 'AWS679f53fac002430cb0da5b7982bd2287';
const BOOTSTRAP_LOOKUP =
  "aws-cdk-lib's AwsCustomResource provider reads the cluster's bootstrap brokers (kafka:GetBootstrapBrokers on this cluster only; " +
  'CloudFormation does not expose them) for the connector configuration. CloudFormation invokes it once per deployment and fails the ' +
  'deployment on error (no queue would add anything); it is not configurable into the VPC nor to managed policies, and logs to its own ' +
  'encrypted group.';
const STREAMING_ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
  ...each([...extraPacks('S3BucketReplicationEnabled'), 'ControlTower::CT.S3.PR.9'], 'Streaming/Artifacts', ARTIFACTS_REBUILDABLE),
  { rule: 'ControlTower::CT.CLOUDWATCH.PR.3', path: 'Streaming/Cluster/BrokerLogs', reason: CROSS_STACK_KEY },
  { rule: 'ControlTower::CT.CLOUDWATCH.PR.2', path: 'Streaming/Cluster/BrokerLogs', reason: STREAMING_DEV_LOG_RETENTION },
  // CDC connector and Flink application: their logs, their roles (managed policies).
  ...['Streaming/Cluster/BootstrapBrokersLogs', 'Streaming/Cdc-crm-customers/WorkerLogs', 'Streaming/Flink-orders-enrichment/ApplicationLogs'].flatMap((path) => [
    { rule: 'ControlTower::CT.CLOUDWATCH.PR.3', path, reason: CROSS_STACK_KEY },
    { rule: 'ControlTower::CT.CLOUDWATCH.PR.2', path, reason: STREAMING_DEV_LOG_RETENTION },
  ]),
  {
    rule: 'AwsSolutions::AwsSolutions-IAM5',
    path: 'Streaming/Cdc-crm-customers/Permissions',
    findings: [...ARTIFACT_READ, ...STREAMING_ENVIRONMENTS.map(([stage, region]) => kafkaArn(stage, region, 'topic', '__amazon_msk_connect_*'))],
    reason:
      'The connector reads its plugin archive (the bucket grant\'s read families on one object key of the artifacts bucket); MSK Connect keeps ' +
      'its offsets, configs and status in internal topics it names __amazon_msk_connect_<kind>_<connector>_<id> at creation, so only the ' +
      'prefix is known, bounded to this cluster by name. Data topics and groups are named exactly (uuid from the cluster ARN).',
  },
  {
    rule: 'AwsSolutions::AwsSolutions-IAM5',
    path: 'Streaming/Flink-orders-enrichment/Permissions',
    findings: [
      ...ARTIFACT_READ,
      'Resource::*',
      ...STREAMING_ENVIRONMENTS.flatMap(([stage, region]) => [
        kafkaArn(stage, region, 'transactional-id', `${stage}-orders-enrichment*`),
        `Resource::arn:aws:logs:${region}:<AWS::AccountId>:log-group:/aws/kinesis-analytics/${stage}-orders-enrichment:*`,
        `Resource::arn:aws:logs:${region}:<AWS::AccountId>:log-group:/aws/kinesis-analytics/${stage}-orders-enrichment:log-stream:*`,
      ]),
    ],
    reason:
      'The application reads its jar (read families on one object key); exactly-once sinks open transactions whose ids Flink derives ' +
      'from the application\'s prefix plus subtask and checkpoint numbers (prefix on this cluster, by name); the logging statements name the ' +
      "application's own log group and its streams; Resource * is the EC2 Describe/network-interface calls the service makes to run " +
      'in the VPC, which support no resource-level scoping.',
  },
  // The AwsCustomResource reading the bootstrap brokers (CloudFormation does not expose them).
  {
    rule: 'AwsSolutions::AwsSolutions-IAM4',
    path: `Streaming/${CUSTOM_RESOURCE_PROVIDER}/ServiceRole`,
    findings: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    reason: BOOTSTRAP_LOOKUP,
  },
  ...each(
    ['ControlTower::CT.LAMBDA.PR.3', ...extraPacks('LambdaInsideVPC'), ...extraPacks('LambdaDLQ').slice(0, 2), ...extraPacks('LambdaConcurrency').slice(0, 2)],
    `Streaming/${CUSTOM_RESOURCE_PROVIDER}`,
    BOOTSTRAP_LOOKUP,
  ),
  ...each(extraPacks('IAMNoInlinePolicy'), 'Streaming/Cluster/BootstrapBrokers/CustomResourcePolicy', BOOTSTRAP_LOOKUP),
];

export const ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
  // Access-log targets: SSE-S3 only, not logged into themselves, not locked, not replicated.
  ...ACCESS_LOG_BUCKETS.flatMap((path) => [
    ...each(['DataPlatform::DataPlatform-CustomerManagedKey', ...extraPacks('S3DefaultEncryptionKMS'), 'ControlTower::CT.S3.PR.10'], path, ACCESS_LOGS_SSE_S3),
    ...each(extraPacks('S3BucketReplicationEnabled'), path, ACCESS_LOGS_NOT_REPLICATED),
    { rule: 'ControlTower::CT.S3.PR.2', path, reason: ACCESS_LOGS_NO_SELF_LOGGING },
    { rule: 'ControlTower::CT.S3.PR.9', path, reason: ACCESS_LOGS_NO_OBJECT_LOCK },
  ]),
  // Lake zones and their replicas: erasable (no Object Lock); replicas are replication destinations.
  ...ZONES.flatMap(([zone, zoneId, replicaId]) => [
    { rule: 'ControlTower::CT.S3.PR.9', path: `Lake/DataLake/${zone}`, reason: LAKE_NO_OBJECT_LOCK },
    { rule: 'ControlTower::CT.S3.PR.9', path: `Lake/DataLake/${zone}Replica`, reason: LAKE_NO_OBJECT_LOCK },
    ...each(extraPacks('S3BucketReplicationEnabled'), `Lake/DataLake/${zone}Replica`, REPLICA_IS_DESTINATION),
    {
      rule: 'AwsSolutions::AwsSolutions-IAM5',
      path: `Lake/DataLake/${zone}/ReplicationPolicy`,
      findings: ['Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*', `Resource::<${zoneId}.Arn>/*`, `Resource::<${replicaId}.Arn>/*`],
      reason: REPLICATION_POLICY_WILDCARDS,
    },
  ]),
  // The audit trail.
  ...each(extraPacks('S3BucketReplicationEnabled'), 'Audit/AuditTrail/Bucket', AUDIT_NOT_REPLICATED),
  { rule: 'ControlTower::CT.CLOUDTRAIL.PR.1', path: 'Audit/AuditTrail/Trail', reason: CROSS_STACK_KEY },
  { rule: 'ControlTower::CT.CLOUDWATCH.PR.3', path: 'Audit/AuditTrail/LogGroup', reason: CROSS_STACK_KEY },
  {
    rule: 'ControlTower::CT.CLOUDWATCH.PR.2',
    path: 'Audit/AuditTrail/LogGroup',
    reason:
      'Only non-production environments keep the trail\'s CloudWatch Logs copy under a year (dev-eu: 90 days, disposable); the schema refuses ' +
      'less than 365 days in production, and the Object Lock bucket keeps the evidence for audit.retentionDays in every environment.',
  },
  ...ACCESS_ACKNOWLEDGEMENTS,
  ...PROCESSING_ACKNOWLEDGEMENTS,
  ...PLATFORM_ACKNOWLEDGEMENTS,
  ...PRIVACY_ACKNOWLEDGEMENTS,
  ...PRIVACY_PACK_ACKNOWLEDGEMENTS,
  ...STREAMING_ACKNOWLEDGEMENTS,
];
