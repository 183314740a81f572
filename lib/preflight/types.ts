/** What one preflight check concluded about one key. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'error' | 'skip';

/**
 * The checks, in the order they run and are reported:
 * - `enabled`      the key exists and its state is Enabled (DescribeKey)
 * - `symmetric`    KeySpec SYMMETRIC_DEFAULT and KeyUsage ENCRYPT_DECRYPT (DescribeKey)
 * - `region`       the key lives in the environment's region, inside its residency zone (DescribeKey)
 * - `multi-region` a single-Region key; a multi-Region key is flagged (warn) when all its
 *                  Regions are in the zone and fails otherwise (DescribeKey)
 * - `rotation`     automatic rotation is on (GetKeyRotationStatus)
 * - `policy`       the key policy grants no `kms:*` to broad principals (GetKeyPolicy)
 */
export const CHECK_NAMES = ['enabled', 'customer-managed', 'symmetric', 'region', 'multi-region', 'rotation', 'policy'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** The KMS API call (and so the IAM permission `kms:<Operation>`) each check needs. */
export const CHECK_OPERATION: Record<CheckName, KmsOperation> = {
  enabled: 'DescribeKey',
  'customer-managed': 'DescribeKey',
  symmetric: 'DescribeKey',
  region: 'DescribeKey',
  'multi-region': 'DescribeKey',
  rotation: 'GetKeyRotationStatus',
  policy: 'GetKeyPolicy',
};

/** The read-only KMS operations the preflight calls. */
export type KmsOperation = 'DescribeKey' | 'GetKeyRotationStatus' | 'GetKeyPolicy';
export const KMS_OPERATIONS: readonly KmsOperation[] = ['DescribeKey', 'GetKeyRotationStatus', 'GetKeyPolicy'];

export interface CheckResult {
  readonly check: CheckName;
  readonly status: CheckStatus;
  /** One line, no stack trace: why it passed, failed or could not be checked. */
  readonly reason: string;
}

/** The results for one imported key (one `encryption.importedKeys` entry). */
export interface KeyReport {
  /** Which platform key it replaces: internal, confidential, restricted or audit. */
  readonly name: string;
  /** The key ARN from the configuration. */
  readonly arn: string;
  readonly checks: readonly CheckResult[];
}

/** The outcome of a preflight run over one environment. */
export interface PreflightReport {
  /** Version of this shape (`--json` output); bumped on incompatible changes. */
  readonly schemaVersion: 1;
  readonly environment: string;
  readonly region: string;
  readonly residency: string;
  /** How many keys the environment imports (`keys` holds fewer only when the run was aborted). */
  readonly importedKeys: number;
  readonly keys: readonly KeyReport[];
  /**
   * Set when the run stopped early because no check could succeed (no credentials,
   * no network, credentials rejected): a one-line reason. Keys after the one being
   * checked are absent from `keys`.
   */
  readonly aborted?: string;
  /** Count of check results per status. */
  readonly summary: Record<CheckStatus, number>;
  /** True when every check passed or warned and the run was not aborted. */
  readonly ok: boolean;
}
