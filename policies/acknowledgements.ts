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
const ACCESS_LOG_BUCKETS = ['Lake/DataLake/AccessLogs', 'Audit/AuditTrail/AccessLogs'];

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
    ...each(
      [
        'AwsSolutions::AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        'AwsSolutions::AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
        `AwsSolutions::AwsSolutions-IAM5[Resource::<${zoneId}.Arn>/*]`,
        `AwsSolutions::AwsSolutions-IAM5[Resource::<${replicaId}.Arn>/*]`,
      ],
      `Lake/DataLake/${zone}/ReplicationPolicy`,
      REPLICATION_POLICY_WILDCARDS,
    ),
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
];
