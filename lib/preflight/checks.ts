import type { GetKeyRotationStatusCommandOutput, KeyMetadata } from '@aws-sdk/client-kms';
import { RESIDENCY_ZONES, ResidencyZoneName, regionInZone } from '../config/residency';
import { analyseKeyPolicy, PolicyParseError } from './key-policy';
import type { CheckResult } from './types';

/** The environment facts the checks judge a key against. */
export interface KeyExpectations {
  /** The environment's home region: its keys must live there (KMS keys are regional). */
  readonly region: string;
  /** The environment's residency zone: every Region of a key must be inside it. */
  readonly residency: ResidencyZoneName;
}

/** Region and account of a KMS key ARN (`arn:<partition>:kms:<region>:<account>:key/<id>`). */
export function parseKeyArn(arn: string): { region: string; account: string } | undefined {
  const match = /^arn:[a-z-]+:kms:([a-z0-9-]+):(\d{12}):key\/.+$/.exec(arn);
  return match ? { region: match[1], account: match[2] } : undefined;
}

/** `enabled`: the key exists and its state is Enabled. */
export function checkEnabled(key: KeyMetadata): CheckResult {
  if (key.KeyState === 'Enabled') return { check: 'enabled', status: 'pass', reason: 'key exists and is Enabled' };
  const when = key.KeyState === 'PendingDeletion' && key.DeletionDate ? ` (deletion scheduled for ${key.DeletionDate.toISOString()})` : '';
  return { check: 'enabled', status: 'fail', reason: `key state is ${key.KeyState ?? 'unknown'}${when}; allowed: Enabled` };
}

/**
 * `customer-managed`: the key is a customer-managed key. An AWS-managed key
 * (`aws/s3`, ...) has a policy its owner cannot change, cannot be shared with
 * the platform's services as configured, and is not the customer's to rotate or
 * revoke: it is no bring-your-own key.
 */
export function checkCustomerManaged(key: KeyMetadata): CheckResult {
  if (key.KeyManager === 'CUSTOMER') return { check: 'customer-managed', status: 'pass', reason: 'customer-managed key' };
  return {
    check: 'customer-managed',
    status: 'fail',
    reason: `key manager is ${key.KeyManager ?? 'unknown'}; allowed: CUSTOMER (an AWS-managed key's policy and rotation are not the customer's to control)`,
  };
}

/** `symmetric`: a symmetric encryption key (what S3, Glue, MSK, EMR and CloudTrail accept). */
export function checkSymmetric(key: KeyMetadata): CheckResult {
  const problems: string[] = [];
  if (key.KeySpec !== 'SYMMETRIC_DEFAULT') problems.push(`key spec is ${key.KeySpec ?? 'unknown'}`);
  if (key.KeyUsage !== 'ENCRYPT_DECRYPT') problems.push(`key usage is ${key.KeyUsage ?? 'unknown'}`);
  if (problems.length === 0) return { check: 'symmetric', status: 'pass', reason: 'symmetric encryption key (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT)' };
  return {
    check: 'symmetric',
    status: 'fail',
    reason: `${problems.join(', ')}; allowed: SYMMETRIC_DEFAULT for ENCRYPT_DECRYPT (the platform's services only use symmetric keys)`,
  };
}

/** `region`: the key is in the environment's region, inside its residency zone. */
export function checkRegion(key: KeyMetadata, configuredArn: string, expect: KeyExpectations): CheckResult {
  const region = parseKeyArn(key.Arn ?? configuredArn)?.region;
  const zone = RESIDENCY_ZONES[expect.residency];
  if (region === undefined) return { check: 'region', status: 'error', reason: `cannot tell the key's region from its ARN ${key.Arn ?? configuredArn}` };
  if (!regionInZone(region, expect.residency)) {
    return {
      check: 'region',
      status: 'fail',
      reason: `key is in ${region}, outside residency zone '${expect.residency}'; allowed: ${zone.regions.join(', ')}`,
    };
  }
  if (region !== expect.region) {
    return {
      check: 'region',
      status: 'fail',
      reason: `key is in ${region}; allowed: the environment's region ${expect.region} (KMS keys are regional)`,
    };
  }
  return { check: 'region', status: 'pass', reason: `key is in ${region}, the environment's region, inside zone '${expect.residency}'` };
}

/** `multi-region`: single-Region passes; multi-Region is flagged when in the zone, fails when any Region is outside it. */
export function checkMultiRegion(key: KeyMetadata, expect: KeyExpectations): CheckResult {
  if (key.MultiRegion !== true) return { check: 'multi-region', status: 'pass', reason: 'single-Region key' };
  const config = key.MultiRegionConfiguration;
  const regions = [config?.PrimaryKey?.Region, ...(config?.ReplicaKeys ?? []).map((r) => r.Region)].filter((r): r is string => r !== undefined);
  const outside = [...new Set(regions.filter((r) => !regionInZone(r, expect.residency)))];
  const listed = `primary ${config?.PrimaryKey?.Region ?? 'unknown'}, replicas ${(config?.ReplicaKeys ?? []).map((r) => r.Region).join(', ') || 'none'}`;
  if (outside.length > 0) {
    return {
      check: 'multi-region',
      status: 'fail',
      reason: `multi-Region key with copies outside residency zone '${expect.residency}' (${outside.join(', ')}; ${listed}); allowed: a single-Region key or replicas inside the zone`,
    };
  }
  return {
    check: 'multi-region',
    status: 'warn',
    reason: `multi-Region key (${listed}), all inside zone '${expect.residency}': flagged for review, a replica added later could leave the zone`,
  };
}

/** `rotation`: automatic rotation is on. */
export function checkRotation(output: Pick<GetKeyRotationStatusCommandOutput, 'KeyRotationEnabled' | 'RotationPeriodInDays'>): CheckResult {
  if (output.KeyRotationEnabled === true) {
    const period = output.RotationPeriodInDays === undefined ? '' : ` (every ${output.RotationPeriodInDays} days)`;
    return { check: 'rotation', status: 'pass', reason: `automatic rotation is on${period}` };
  }
  return { check: 'rotation', status: 'fail', reason: 'automatic rotation is off; allowed: on (enable it with EnableKeyRotation)' };
}

/** `policy`: the key policy grants no `kms:*` to broad principals without a restricting condition. */
export function checkPolicy(policy: string | undefined, configuredArn: string, key?: KeyMetadata): CheckResult {
  if (policy === undefined) return { check: 'policy', status: 'error', reason: 'GetKeyPolicy returned no policy' };
  const owner = key?.AWSAccountId ?? parseKeyArn(key?.Arn ?? configuredArn)?.account;
  let findings;
  try {
    findings = analyseKeyPolicy(policy, owner);
  } catch (e) {
    if (e instanceof PolicyParseError) return { check: 'policy', status: 'error', reason: e.message };
    throw e;
  }
  const render = (f: (typeof findings)[number]) => `statement ${f.statement} allows ${f.actions.join(', ')} to ${f.principals.join(', ')}`;
  const failing = findings.filter((f) => f.severity === 'fail');
  if (failing.length > 0) {
    return {
      check: 'policy',
      status: 'fail',
      reason: `${failing.map(render).join('; ')} without a restricting condition; allowed: kms:* only for the key's own account or named principals`,
    };
  }
  if (findings.length > 0) {
    return { check: 'policy', status: 'warn', reason: `${findings.map(render).join('; ')} without a restricting condition` };
  }
  return { check: 'policy', status: 'pass', reason: 'no statement grants kms:* to a broad principal' };
}
