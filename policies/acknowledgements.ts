/**
 * The only place findings are acknowledged. Each entry names one rule and one
 * construct path (relative to an environment's stage, so it holds for every
 * environment), and gives the reason a reviewer would accept. No wildcards: a rule
 * id must be a full id, and a path must exist in at least one environment
 * (`applyAcknowledgements` fails on a stale entry).
 */
export interface Acknowledgement {
  /**
   * Qualified rule id: `<Pack>::<RuleId>` or `<Pack>::<RuleId>[<finding>]` as the validation
   * report prints it; `{stage}` stands for the environment's stage name.
   */
  readonly rule: string;
  /** Construct path below the stage, e.g. `Lake/DataLake/AccessLogs`. */
  readonly path: string;
  /** Why the finding is accepted. */
  readonly reason: string;
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
/** One AwsSolutions-IAM5 entry per finding of a policy (cdk-nag v3 acknowledges findings one by one). */
function iam5(path: string, findings: readonly string[], reason: string): Acknowledgement[] {
  return findings.map((f) => ({ rule: `AwsSolutions::AwsSolutions-IAM5[${f}]`, path, reason }));
}

export const ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
  { rule: 'DataPlatform::DataPlatform-CustomerManagedKey', path: 'Lake/DataLake/AccessLogs', reason: ACCESS_LOGS_SSE_S3 },
  { rule: 'DataPlatform::DataPlatform-CustomerManagedKey', path: 'Audit/AuditTrail/AccessLogs', reason: ACCESS_LOGS_SSE_S3 },
  { rule: 'DataPlatform::DataPlatform-CustomerManagedKey', path: 'Processing/AccessLogs', reason: ACCESS_LOGS_SSE_S3 },
  { rule: 'AwsSolutions::AwsSolutions-EMR4', path: 'Processing/Cluster/Resource', reason: EMR_NAG_SCHEMA },
  { rule: 'AwsSolutions::AwsSolutions-EMR5', path: 'Processing/Cluster/Resource', reason: EMR_NAG_SCHEMA },
  {
    rule: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2]',
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
  ...iam5(
    'Processing/Cluster/InstanceRole/DefaultPolicy/Resource',
    [...CDK_GRANT_ACTIONS, 'Resource::<Logs6819BB44.Arn>/emr/*', ...lakeObjects('Raw', 'Curated', 'Analytics'), ...catalogTables('raw', 'curated', 'analytics')],
    CDK_BUCKET_GRANTS,
  ),
  ...iam5(
    'Processing/Serverless/JobRole/DefaultPolicy/Resource',
    [...CDK_GRANT_ACTIONS, 'Resource::<Logs6819BB44.Arn>/emr-serverless/*', ...lakeObjects('Curated'), ...catalogTables('curated')],
    CDK_BUCKET_GRANTS,
  ),
  ...iam5(
    'Processing/Quality/EvaluationRole/DefaultPolicy/Resource',
    [...CDK_GRANT_ACTIONS, 'Resource::<Results25575328.Arn>/data-quality/*', ...lakeObjects('Curated', 'Analytics'), ...catalogTables('curated', 'analytics')],
    CDK_BUCKET_GRANTS,
  ),
  ...iam5(
    'Processing/Compaction/StateMachine/Role/DefaultPolicy/Resource',
    ['Resource::*', 'Resource::<Serverless54B8191B.Arn>/jobruns/*'],
    'X-Ray PutTraceSegments and the CloudWatch Logs delivery APIs take no resource ARN (Step Functions tracing and logging); job runs are ' +
      'scoped to the one EMR Serverless application (its jobruns/*), which is how EMR Serverless names runs.',
  ),
  ...iam5(
    'Processing/Quality/EvaluationPolicy/Resource',
    ['Resource::*', 'Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws-glue/data-quality/*'],
    'cloudwatch:PutMetricData takes no resource ARN and is restricted to the Glue Data Quality namespace by condition; logs are limited ' +
      'to the /aws-glue/data-quality/ log groups Glue writes to.',
  ),
  // On the cluster (not its AutoScalingPolicy, which exists only with custom task scaling) so the entry holds in every environment.
  ...iam5(
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
];
