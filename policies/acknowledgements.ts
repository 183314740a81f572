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
}

const ACCESS_LOGS_SSE_S3 =
  'S3 delivers server access logs only to buckets whose default encryption is SSE-S3 (SSE-KMS targets are not supported); ' +
  'the log bucket holds request metadata, not data, blocks public access, requires TLS 1.2+ and expires logs.';

const KAFKA_IAM_WILDCARDS =
  'MSK IAM access control names topics, groups and transactional ids as <type>/<cluster name>/<cluster uuid>/<name>; the uuid is ' +
  'only known after the cluster exists, so it is a wildcard while the cluster name and the topic, group or transactional-id prefix are exact. ' +
  'The S3 read actions (s3:GetObject*, s3:GetBucket*, s3:List*) come from bucket.grantRead scoped to the one artifact key.';
export const ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
  { rule: 'DataPlatform::DataPlatform-CustomerManagedKey', path: 'Lake/DataLake/AccessLogs', reason: ACCESS_LOGS_SSE_S3 },
  { rule: 'DataPlatform::DataPlatform-CustomerManagedKey', path: 'Audit/AuditTrail/AccessLogs', reason: ACCESS_LOGS_SSE_S3 },
  { rule: 'DataPlatform::DataPlatform-CustomerManagedKey', path: 'Streaming/ArtifactAccessLogs', reason: ACCESS_LOGS_SSE_S3 },
  { rule: 'AwsSolutions::AwsSolutions-IAM5', path: 'Streaming/Cdc-crm-customers/Permissions', reason: KAFKA_IAM_WILDCARDS },
  {
    rule: 'AwsSolutions::AwsSolutions-IAM5',
    path: 'Streaming/Flink-orders-enrichment/Permissions',
    reason:
      KAFKA_IAM_WILDCARDS +
      ' Managed Flink in a VPC needs ec2:Describe*/CreateNetworkInterface* on * (the ENIs do not exist before the service creates them), ' +
      'and its log permissions cover the log streams of its own log group.',
  },
  {
    rule: 'AwsSolutions::AwsSolutions-IAM4',
    path: 'Streaming/AWS679f53fac002430cb0da5b7982bd2287/ServiceRole',
    reason:
      'The AwsCustomResource provider (reads the MSK bootstrap brokers with kafka:GetBootstrapBrokers, which CloudFormation does not expose) ' +
      'runs with AWSLambdaBasicExecutionRole; its only other permission is GetBootstrapBrokers on the cluster.',
  },
];
