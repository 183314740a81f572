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

const ACCESS_LOGS_SSE_S3 =
  'S3 delivers server access logs only to buckets whose default encryption is SSE-S3 (SSE-KMS targets are not supported); ' +
  'the log bucket holds request metadata, not data, blocks public access, requires TLS 1.2+ and expires logs.';
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
    path: 'Privacy/Erasure/StateMachine/Role/DefaultPolicy',
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
    path: 'Privacy/Masking-customers/Role/DefaultPolicy',
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

export const ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
  { rule: 'DataPlatform::DataPlatform-CustomerManagedKey', path: 'Lake/DataLake/AccessLogs', reason: ACCESS_LOGS_SSE_S3 },
  { rule: 'DataPlatform::DataPlatform-CustomerManagedKey', path: 'Audit/AuditTrail/AccessLogs', reason: ACCESS_LOGS_SSE_S3 },
  ...PRIVACY_ACKNOWLEDGEMENTS,
];
