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

export const ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
  { rule: 'DataPlatform::DataPlatform-CustomerManagedKey', path: 'Lake/DataLake/AccessLogs', reason: ACCESS_LOGS_SSE_S3 },
  { rule: 'DataPlatform::DataPlatform-CustomerManagedKey', path: 'Audit/AuditTrail/AccessLogs', reason: ACCESS_LOGS_SSE_S3 },
  { rule: 'DataPlatform::DataPlatform-CustomerManagedKey', path: 'Streaming/ArtifactAccessLogs', reason: ACCESS_LOGS_SSE_S3 },
];
