import { PlatformTagKeys } from '../../constructs/governance/tags';
import { RESIDENCY_ZONES } from '../config/residency';
import { EnvironmentAssembly, LocatedResource, propAt, resolveReference, resourcesOf, tagOf } from './assembly';
import { EncryptionRow, KeyInfo, Residency, RetentionRow, RuntimeGuard } from './model';
import { storeType } from './stores';

/** Every data-bearing resource of the environment (see STORE_TYPES). */
export function storesOf(env: EnvironmentAssembly): LocatedResource[] {
  return resourcesOf(env).filter((r) => storeType(r.resource.Type) !== undefined);
}

/** Encryption inventory: store -> key -> rotation -> classification. */
export function encryptionInventory(env: EnvironmentAssembly): EncryptionRow[] {
  return storesOf(env).map((store) => ({
    resource: store.ref,
    key: keyOf(env, store),
    classification: tagOf(store.resource, PlatformTagKeys.DATA_CLASSIFICATION) ?? 'untagged',
  }));
}

function keyOf(env: EnvironmentAssembly, store: LocatedResource): KeyInfo {
  const type = storeType(store.resource.Type)!;
  const props = store.resource.Properties ?? {};
  const value = type.keyPaths.map((p) => propAt(props, p)).find((v) => v !== undefined);
  if (value === undefined) {
    const fallback = type.defaultEncryption?.(props);
    if (fallback) return { kind: 'aws-managed', ref: fallback, rotation: 'not applicable' };
    return type.withoutKey === 'aws-owned'
      ? { kind: 'aws-managed', ref: 'AWS owned key (service default)', rotation: 'not applicable' }
      : { kind: 'none', ref: 'no encryption key configured', rotation: 'not applicable' };
  }
  if (typeof value === 'string') {
    return value.startsWith('alias/aws/')
      ? { kind: 'aws-managed', ref: value, rotation: 'not applicable' }
      : { kind: 'imported', ref: value, rotation: 'unknown' };
  }
  const key = resolveReference(env, store.stack, value);
  if (key && key.resource.Type === 'AWS::KMS::Key') {
    return {
      kind: 'customer-managed',
      ref: key.ref.path,
      alias: aliasOf(env, key),
      rotation: key.resource.Properties?.EnableKeyRotation === true ? 'enabled' : 'disabled',
    };
  }
  return { kind: 'imported', ref: JSON.stringify(value), rotation: 'unknown' };
}

function aliasOf(env: EnvironmentAssembly, key: LocatedResource): string | undefined {
  for (const alias of resourcesOf(env).filter((r) => r.resource.Type === 'AWS::KMS::Alias')) {
    const target = resolveReference(env, alias.stack, alias.resource.Properties?.TargetKeyId);
    if (target && target.stack === key.stack && target.logicalId === key.logicalId) {
      const name = alias.resource.Properties?.AliasName;
      if (typeof name === 'string') return name;
    }
  }
  return undefined;
}

/**
 * Residency proof: every store with its region and zone, and the runtime guards in
 * the synth (any IAM managed policy, permission boundary or SCP that denies
 * requests outside a set of regions through `aws:RequestedRegion`).
 */
export function residencyProof(env: EnvironmentAssembly): Residency {
  const resources = resourcesOf(env);
  const zone =
    resources.map((r) => tagOf(r.resource, PlatformTagKeys.RESIDENCY)).find((z): z is string => z !== undefined) ?? 'unknown';
  const known = (RESIDENCY_ZONES as Record<string, { description: string; regions: readonly string[] }>)[zone];
  const zoneRegions = known ? [...known.regions] : [];
  return {
    zone,
    zoneDescription: known?.description ?? 'no residency tag found in the synth',
    zoneRegions,
    rows: storesOf(env).map((store) => ({
      resource: store.ref,
      region: store.stack.region,
      zone: tagOf(store.resource, PlatformTagKeys.RESIDENCY) ?? zone,
      inZone: zoneRegions.includes(store.stack.region),
    })),
    runtimeGuards: runtimeGuards(resources),
  };
}

const GUARD_DOCUMENTS: Record<string, { kind: string; document: (props: Record<string, unknown>) => unknown }> = {
  'AWS::IAM::ManagedPolicy': { kind: 'IAM managed policy (permission boundary)', document: (p) => p.PolicyDocument },
  'AWS::Organizations::Policy': { kind: 'service control policy', document: (p) => p.Content },
  'AWS::IAM::Policy': { kind: 'IAM policy', document: (p) => p.PolicyDocument },
};

function runtimeGuards(resources: readonly LocatedResource[]): RuntimeGuard[] {
  const guards: RuntimeGuard[] = [];
  for (const r of resources) {
    const spec = GUARD_DOCUMENTS[r.resource.Type];
    if (!spec) continue;
    let doc = spec.document(r.resource.Properties ?? {});
    if (typeof doc === 'string') {
      try {
        doc = JSON.parse(doc);
      } catch {
        continue;
      }
    }
    const statements = propAt(doc, ['Statement']);
    for (const s of Array.isArray(statements) ? statements : [statements]) {
      if (!s || typeof s !== 'object' || (s as { Effect?: string }).Effect !== 'Deny') continue;
      const conditions = (s as { Condition?: Record<string, Record<string, unknown>> }).Condition ?? {};
      for (const [operator, entries] of Object.entries(conditions)) {
        if (!/^StringNotEquals|^StringNotLike/.test(operator)) continue;
        const regions = entries?.['aws:RequestedRegion'];
        if (regions === undefined) continue;
        guards.push({
          kind: spec.kind,
          resource: r.ref,
          allowedRegions: (Array.isArray(regions) ? regions : [regions]).filter((x): x is string => typeof x === 'string'),
        });
      }
    }
  }
  return guards;
}

const STORAGE_CLASS_NAMES: Record<string, string> = {
  STANDARD_IA: 'Standard-IA',
  INTELLIGENT_TIERING: 'Intelligent-Tiering',
  GLACIER_IR: 'Glacier Instant Retrieval',
  GLACIER: 'Glacier Flexible Retrieval',
  DEEP_ARCHIVE: 'Glacier Deep Archive',
  ONEZONE_IA: 'One Zone-IA',
};

/** Retention and lifecycle of every store: tiers, expirations, Object Lock; audit evidence flagged. */
export function retentionInventory(env: EnvironmentAssembly): RetentionRow[] {
  const resources = resourcesOf(env);
  const auditIds = new Set<string>();
  for (const trail of resources.filter((r) => r.resource.Type === 'AWS::CloudTrail::Trail')) {
    for (const prop of ['S3BucketName', 'CloudWatchLogsLogGroupArn']) {
      const target = resolveReference(env, trail.stack, trail.resource.Properties?.[prop]);
      if (target) auditIds.add(`${target.stack.id}/${target.logicalId}`);
    }
  }
  const rows: RetentionRow[] = [];
  for (const store of storesOf(env)) {
    const props = store.resource.Properties ?? {};
    const audit = auditIds.has(`${store.stack.id}/${store.logicalId}`);
    const kind = storeType(store.resource.Type)!.kind;
    switch (store.resource.Type) {
      case 'AWS::S3::Bucket': {
        const rules = (propAt(props, ['LifecycleConfiguration', 'Rules']) as Record<string, unknown>[] | undefined) ?? [];
        const enabled = rules.filter((r) => r.Status !== 'Disabled');
        const tiers = enabled.flatMap((r) =>
          ((r.Transitions as { StorageClass: string; TransitionInDays?: number }[] | undefined) ?? []).map(
            (t) => `${STORAGE_CLASS_NAMES[t.StorageClass] ?? t.StorageClass} after ${t.TransitionInDays ?? 0} d`,
          ),
        );
        const expiration = enabled.map((r) => r.ExpirationInDays).find((d) => typeof d === 'number');
        const noncurrent = enabled.map((r) => propAt(r, ['NoncurrentVersionExpiration', 'NoncurrentDays'])).find((d) => typeof d === 'number');
        const lockRule = propAt(props, ['ObjectLockConfiguration', 'Rule', 'DefaultRetention']) as { Mode?: string; Days?: number; Years?: number } | undefined;
        rows.push({
          resource: store.ref,
          kind,
          tiers,
          expiration: typeof expiration === 'number' ? `${expiration} d` : 'never',
          noncurrentExpiration: typeof noncurrent === 'number' ? `${noncurrent} d` : props.VersioningConfiguration ? 'never' : undefined,
          lock: lockRule?.Mode ? `${lockRule.Mode}, ${lockRule.Days !== undefined ? `${lockRule.Days} d` : `${lockRule.Years} y`}` : undefined,
          audit,
        });
        break;
      }
      case 'AWS::Logs::LogGroup':
        rows.push({
          resource: store.ref,
          kind,
          tiers: [],
          expiration: typeof props.RetentionInDays === 'number' ? `${props.RetentionInDays} d` : 'never',
          audit,
        });
        break;
      case 'AWS::Kinesis::Stream':
        rows.push({ resource: store.ref, kind, tiers: [], expiration: `${(props.RetentionPeriodHours as number | undefined) ?? 24} h`, audit });
        break;
      case 'AWS::SQS::Queue':
        rows.push({ resource: store.ref, kind, tiers: [], expiration: `${(props.MessageRetentionPeriod as number | undefined) ?? 345600} s`, audit });
        break;
      default:
        break;
    }
  }
  for (const topic of resources.filter((r) => r.resource.Type === 'AWS::MSK::Topic')) {
    const configs = topic.resource.Properties?.Configs as Record<string, unknown> | undefined;
    const ms = configs?.['retention.ms'];
    rows.push({
      resource: topic.ref,
      kind: 'Kafka topic',
      tiers: [],
      expiration: ms === undefined ? 'cluster default' : ms === '-1' || ms === -1 ? 'never' : `${Number(ms) / 3_600_000} h`,
      audit: false,
    });
  }
  return rows;
}
