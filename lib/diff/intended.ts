import { Domain } from './domains';

/**
 * Intended differences: what is expected to differ between two environments (audit
 * retention between development and production, broker counts, a cost centre...).
 * A difference matched by a declaration is shown apart from unexpected ones, and a
 * declaration may accept the data loss it implies. Declarations are data: add one
 * here (or pass your own list to `compareEnvironments`).
 */

/** What the diff knows about one side. Fields are absent when a side was read from a saved cdk.out. */
export interface SideInfo {
  readonly environment: string;
  readonly region: string;
  readonly production?: boolean;
  readonly residency?: string;
}

/** Which differences a declaration covers; every given field must match. */
export interface DifferenceMatch {
  /** Stack id inside the stage (`Audit`). @default any stack */
  readonly stack?: string;
  /** Domain of the resource. @default any domain */
  readonly domain?: Domain;
  /** CloudFormation resource type. @default any type */
  readonly resourceType?: string;
  /**
   * Logical id prefixes, as normalised (the construct path squashed: `Masking` covers
   * `MaskingcustomersJob79DFFFAF` and `MaskingHmacKeyFCF6A1A4`).
   * @default any resource
   */
  readonly logicalIds?: readonly string[];
  /**
   * Property path prefixes (`LifecycleConfiguration`, `BrokerNodeGroupInfo.InstanceType`);
   * resource attributes are named as in the template (`DeletionPolicy`).
   * @default any property, and the addition or removal of a whole resource
   */
  readonly properties?: readonly string[];
  /** Tag keys: a tag difference matches when its key is listed. Tag-only declarations give no other field. */
  readonly tags?: readonly string[];
}

/** One declared, expected difference. */
export interface IntendedDifference {
  /** Short id shown beside the differences it covers. */
  readonly id: string;
  /** Why these sides differ. */
  readonly reason: string;
  /** Whether the declaration applies to this pair of sides. */
  readonly appliesTo: (left: SideInfo, right: SideInfo) => boolean;
  readonly match: DifferenceMatch;
  /** Accept the data-loss risks this declaration covers (the diff then exits 0 for them). @default false */
  readonly allowDataLoss?: boolean;
}

/** Sides of different kinds: one production, one not (unknown counts as different only if both are known). */
export const productionDiffers = (a: SideInfo, b: SideInfo): boolean =>
  a.production !== undefined && b.production !== undefined && a.production !== b.production;

/** Two different environments (never a baseline of the same one). */
export const differentEnvironments = (a: SideInfo, b: SideInfo): boolean => a.environment !== b.environment;

/** Sides bound to different residency zones (EU and US): their allowed-region lists differ. */
export const residencyDiffers = (a: SideInfo, b: SideInfo): boolean =>
  a.residency !== undefined && b.residency !== undefined && a.residency !== b.residency;

/** The platform's declared differences between its environments. */
export const INTENDED_DIFFERENCES: readonly IntendedDifference[] = [
  {
    id: 'cost-centre',
    reason: 'each environment is charged to its own cost centre',
    appliesTo: differentEnvironments,
    match: { tags: ['cost-centre'] },
  },
  {
    id: 'residency-zone',
    reason: 'each residency zone allows its own regions (permission boundary denies outside them)',
    appliesTo: residencyDiffers,
    match: {
      resourceType: 'AWS::IAM::ManagedPolicy',
      properties: ['PolicyDocument.Statement[DenyOutsideResidencyZone]', 'PolicyDocument.Statement[DenyKeyReplicasOutsideZone]'],
    },
  },
  {
    id: 'persona-trust',
    reason: 'development personas are assumed by account principals with MFA; production ones through SSO permission sets',
    appliesTo: productionDiffers,
    match: { stack: 'Access', resourceType: 'AWS::IAM::Role', properties: ['AssumeRolePolicyDocument'] },
  },
  {
    id: 'tenant-isolation',
    reason: 'production persona policies add tenant isolation (deny outside the principal\'s tenant prefix)',
    appliesTo: productionDiffers,
    match: { stack: 'Access', resourceType: 'AWS::IAM::ManagedPolicy', properties: ['PolicyDocument.Statement'] },
  },
  {
    id: 'masking-jobs',
    reason: 'production builds the masked copies non-production environments use (datasets with nonProduction: masked): Glue jobs, HMAC secret, network; development holds no raw personal data to mask',
    appliesTo: productionDiffers,
    match: { stack: 'Privacy', logicalIds: ['Masking'] },
  },
  {
    id: 'masking-secret-key-use',
    reason: 'in production the privacy key also encrypts the masking HMAC secret: its policy lets Secrets Manager and the masking roles use it',
    appliesTo: productionDiffers,
    match: { stack: 'Privacy', resourceType: 'AWS::KMS::Key', properties: ['KeyPolicy.Statement'] },
  },
  {
    id: 'erasure-table-deletes',
    reason: 'raw Iceberg rows exist only in production: there erasure also deletes table rows through Athena (workgroup, query-results bucket)',
    appliesTo: productionDiffers,
    match: { stack: 'Privacy', logicalIds: ['ErasureWorkGroup', 'ErasureQueryResults'] },
  },
  {
    id: 'erasure-table-steps',
    reason: 'with table deletes (production) the erasure state machine gains its Athena step and its role the Athena, Glue and table-bucket permissions',
    appliesTo: productionDiffers,
    match: { stack: 'Privacy', logicalIds: ['ErasureStateMachine', 'ErasurePolicy'], properties: ['DefinitionString', 'PolicyDocument.Statement'] },
  },
  {
    id: 'query-results-access-logs',
    reason: 'the erasure query-results bucket (production only) logs its access to the lake access-log bucket under its own prefix',
    appliesTo: productionDiffers,
    match: { stack: 'Lake', resourceType: 'AWS::S3::BucketPolicy', logicalIds: ['DataLakeAccessLogsPolicy'], properties: ['PolicyDocument.Statement'] },
  },
  {
    id: 'clean-rooms-sharing',
    reason: 'partners get differentially private aggregates of production data only: development datasets declare no Clean Rooms sharing',
    appliesTo: productionDiffers,
    match: { stack: 'Privacy', logicalIds: ['CleanRooms'] },
  },
  {
    id: 'audit-retention',
    reason: 'production keeps audit evidence for years (Object Lock and log group retention); development for weeks',
    appliesTo: productionDiffers,
    match: { stack: 'Audit', properties: ['ObjectLockConfiguration', 'RetentionInDays'] },
  },
  {
    id: 'log-retention',
    reason: 'production keeps operational logs longer (incident investigation); development briefly',
    appliesTo: productionDiffers,
    match: { resourceType: 'AWS::Logs::LogGroup', properties: ['RetentionInDays'] },
  },
  {
    id: 'lifecycle-tiers',
    reason: 'production archives to colder tiers and keeps data longer; development expires it early',
    appliesTo: productionDiffers,
    match: { resourceType: 'AWS::S3::Bucket', properties: ['LifecycleConfiguration'] },
  },
  {
    id: 'removal-policy',
    reason: 'development opts in to destroying data stores on stack deletion (no deletion protection, short key deletion window); production retains everything',
    appliesTo: productionDiffers,
    match: { properties: ['DeletionPolicy', 'UpdateReplacePolicy', 'PendingWindowInDays', 'DeletionProtectionEnabled'] },
  },
  {
    id: 'streaming-sizing',
    reason:
      'production runs more and larger brokers with more storage; comparing two environments is not a migration, so the ' +
      'storage-only-grows risk of turning one into the other is accepted (a --baseline diff of one environment still blocks it)',
    appliesTo: productionDiffers,
    allowDataLoss: true,
    match: {
      resourceType: 'AWS::MSK::Cluster',
      properties: ['NumberOfBrokerNodes', 'BrokerNodeGroupInfo.InstanceType', 'BrokerNodeGroupInfo.StorageInfo'],
    },
  },
  {
    id: 'topic-sizing',
    reason:
      'production topics have more partitions (throughput) and longer retention; partitions only grow, but comparing two ' +
      'environments is not a migration (a --baseline diff of one environment still blocks a partition decrease)',
    appliesTo: productionDiffers,
    allowDataLoss: true,
    match: { resourceType: 'AWS::MSK::Topic', properties: ['PartitionCount', 'Configs'] },
  },
  {
    id: 'storage-autoscaling',
    reason: 'production broker storage scales within larger bounds',
    appliesTo: productionDiffers,
    match: { resourceType: 'AWS::ApplicationAutoScaling::ScalableTarget', properties: ['MinCapacity', 'MaxCapacity'] },
  },
  {
    id: 'cdc-capacity',
    reason: 'each environment captures its own source database; production runs more Connect workers',
    appliesTo: productionDiffers,
    match: { resourceType: 'AWS::KafkaConnect::Connector', properties: ['Capacity', 'ConnectorConfiguration.database.hostname'] },
  },
  {
    id: 'flink-parallelism',
    reason: 'production stream processing runs with more parallelism (and a higher autoscaling ceiling)',
    appliesTo: productionDiffers,
    match: {
      resourceType: 'AWS::KinesisAnalyticsV2::Application',
      properties: ['ApplicationConfiguration.FlinkApplicationConfiguration.ParallelismConfiguration', 'ApplicationConfiguration.EnvironmentProperties.PropertyGroups'],
    },
  },
  {
    id: 'processing-sizing',
    reason: 'production clusters are larger and idle longer before terminating; development leans on spot capacity and managed scaling',
    appliesTo: productionDiffers,
    match: { resourceType: 'AWS::EMR::Cluster', properties: ['Instances', 'AutoTerminationPolicy', 'ManagedScalingPolicy', 'Configurations', 'AutoScalingRole'] },
  },
  {
    id: 'processing-custom-scaling',
    reason: 'production scales task capacity with custom rules and cooldowns (their role and policy exist only there); development uses managed scaling',
    appliesTo: productionDiffers,
    match: { stack: 'Processing', logicalIds: ['ClusterAutoScaling'] },
  },
  {
    id: 'serverless-capacity',
    reason: 'production EMR Serverless applications have a higher capacity ceiling',
    appliesTo: productionDiffers,
    match: { resourceType: 'AWS::EMRServerless::Application', properties: ['MaximumCapacity', 'AutoStopConfiguration', 'InitialCapacity'] },
  },
  {
    id: 'athena-scan-limit',
    reason: 'the per-query bytes-scanned cutoff is set per environment (production queries scan full partitions)',
    appliesTo: productionDiffers,
    match: { resourceType: 'AWS::Athena::WorkGroup', properties: ['WorkGroupConfiguration.BytesScannedCutoffPerQuery'] },
  },
  {
    id: 'projection-regions',
    reason:
      "partition projection enumerates the residency zone's regions; normalisation replaces each environment's own region, " +
      'so the same list reads differently (and another zone lists other regions)',
    appliesTo: differentEnvironments,
    match: { resourceType: 'AWS::Glue::Table', properties: ['TableInput.Parameters.projection.region.values'] },
  },
  {
    id: 'kerberos-realm',
    reason: "the cluster's Kerberos realm is EC2's internal DNS domain, which AWS names differently in us-east-1 (EC2.INTERNAL) than elsewhere (<REGION>.COMPUTE.INTERNAL)",
    appliesTo: differentEnvironments,
    match: { resourceType: 'AWS::EMR::Cluster', properties: ['KerberosAttributes.Realm'] },
  },
];

/** Whether a property path is covered by a list of prefixes (`A.B` covers `A.B` and `A.B.C`, `A.B[0]`). */
export function propertyCovered(path: string, prefixes: readonly string[] | undefined): boolean {
  if (prefixes === undefined) return true;
  return prefixes.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
}
