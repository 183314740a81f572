import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KeyMetadata,
  KMSClient,
} from '@aws-sdk/client-kms';
import type { EnvironmentConfig } from '../config/schema';
import { checkCustomerManaged, checkEnabled, checkMultiRegion, checkPolicy, checkRegion, checkRotation, checkSymmetric, KeyExpectations, parseKeyArn } from './checks';
import { createKmsClient, KmsClientOptions, kmsEndpointHost } from './client';
import { classifyKmsError, ClassifiedError } from './sdk-errors';
import { CHECK_NAMES, CHECK_OPERATION, CheckName, CheckResult, CheckStatus, KeyReport, KmsOperation, PreflightReport } from './types';

/** The imported keys of an environment, in declaration order (internal, confidential, restricted, audit). */
export function importedKeysOf(env: EnvironmentConfig): { name: string; arn: string }[] {
  return Object.entries(env.encryption.importedKeys)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, arn]) => ({ name, arn }));
}

/** Thrown inside a run when no further call can succeed. */
class Abort extends Error {}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ClassifiedError };

/**
 * Checks every imported key of `env` against KMS (DescribeKey, GetKeyRotationStatus,
 * GetKeyPolicy: read-only calls). Never throws for AWS-side problems: they become
 * `error` results, or `aborted` when no call can succeed (no credentials, no network).
 */
export async function runPreflight(env: EnvironmentConfig, options: KmsClientOptions = {}): Promise<PreflightReport> {
  const expect: KeyExpectations = { region: env.region, residency: env.residency };
  const clients = new Map<string, KMSClient>();
  const clientFor = (region: string) => {
    let client = clients.get(region);
    if (!client) clients.set(region, (client = createKmsClient(region, options)));
    return client;
  };
  const keys: KeyReport[] = [];
  const imported = importedKeysOf(env);
  let aborted: string | undefined;
  try {
    for (const { name, arn } of imported) {
      const region = parseKeyArn(arn)?.region ?? env.region;
      const client = clientFor(region);
      const call = async <T>(operation: KmsOperation, send: () => Promise<T>): Promise<Outcome<T>> => {
        try {
          return { ok: true, value: await send() };
        } catch (e) {
          const error = classifyKmsError(e, operation, kmsEndpointHost(region, options.endpointUrl), options.profile);
          if (error.kind === 'fatal') throw new Abort(error.reason);
          return { ok: false, error };
        }
      };
      keys.push({ name, arn, checks: await checkKey(arn, expect, call, client) });
    }
  } catch (e) {
    if (!(e instanceof Abort)) throw e;
    aborted = e.message;
  } finally {
    for (const client of clients.values()) client.destroy();
  }
  return report(env, imported.length, keys, aborted);
}

type Caller = <T>(operation: KmsOperation, send: () => Promise<T>) => Promise<Outcome<T>>;

async function checkKey(arn: string, expect: KeyExpectations, call: Caller, client: KMSClient): Promise<CheckResult[]> {
  const results = new Map<CheckName, CheckResult>();
  const set = (r: CheckResult) => results.set(r.check, r);
  const all = (checks: readonly CheckName[], status: CheckStatus, reason: string) => checks.forEach((check) => set({ check, status, reason }));
  const describeChecks = CHECK_NAMES.filter((c) => CHECK_OPERATION[c] === 'DescribeKey');

  const described = await call('DescribeKey', () => client.send(new DescribeKeyCommand({ KeyId: arn })));
  let metadata: KeyMetadata | undefined;
  if (described.ok && described.value.KeyMetadata) {
    metadata = described.value.KeyMetadata;
    set(checkEnabled(metadata));
    set(checkCustomerManaged(metadata));
    set(checkSymmetric(metadata));
    set(checkRegion(metadata, arn, expect));
    set(checkMultiRegion(metadata, expect));
  } else if (described.ok) {
    all(describeChecks, 'error', 'DescribeKey returned no key metadata');
  } else if (described.error.kind === 'not-found') {
    set({ check: 'enabled', status: 'fail', reason: `${described.error.reason}; allowed: an existing key this account can describe` });
    all(CHECK_NAMES.filter((c) => c !== 'enabled'), 'skip', 'not checked: the key does not exist');
    return CHECK_NAMES.map((c) => results.get(c)!);
  } else {
    all(describeChecks, 'error', described.error.reason);
  }

  const rotation = await call('GetKeyRotationStatus', () => client.send(new GetKeyRotationStatusCommand({ KeyId: arn })));
  if (rotation.ok) set(checkRotation(rotation.value));
  else if (rotation.error.kind === 'unsupported') {
    set({ check: 'rotation', status: 'fail', reason: `automatic rotation is not supported for this key (${rotation.error.reason}); allowed: a symmetric key with KMS key material` });
  } else set({ check: 'rotation', status: rotation.error.kind === 'not-found' ? 'fail' : 'error', reason: rotation.error.reason });

  const policy = await call('GetKeyPolicy', () => client.send(new GetKeyPolicyCommand({ KeyId: arn, PolicyName: 'default' })));
  if (policy.ok) set(checkPolicy(policy.value.Policy, arn, metadata));
  else set({ check: 'policy', status: policy.error.kind === 'not-found' ? 'fail' : 'error', reason: policy.error.reason });

  return CHECK_NAMES.map((c) => results.get(c)!);
}

function report(env: EnvironmentConfig, importedKeys: number, keys: KeyReport[], aborted: string | undefined): PreflightReport {
  const summary: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, error: 0, skip: 0 };
  for (const key of keys) for (const check of key.checks) summary[check.status]++;
  return {
    schemaVersion: 1,
    environment: env.name,
    region: env.region,
    residency: env.residency,
    importedKeys,
    keys,
    ...(aborted === undefined ? {} : { aborted }),
    summary,
    ok: aborted === undefined && summary.fail === 0 && summary.error === 0 && summary.skip === 0,
  };
}
