/**
 * The resolver and evaluator on the real synthesized templates of dev-eu: cross-stack
 * references resolve, and the security properties of the bucket and key policies hold
 * when evaluated as AWS would.
 */
import { KEY_ADMIN_ACTIONS } from '../../../constructs/encryption/platform-keys';
import { templatesOfStacks } from '../../../lib/access/assembly';
import { resolveEnvironment, ResolvedEnvironment, resourcePoliciesFor } from '../../../lib/access/environment';
import { AccessRequest, evaluate } from '../../../lib/access/evaluator';
import { accessMatrix, matrixCell } from '../../../lib/access/matrix';
import { actionMatches } from '../../../lib/access/matching';
import { asList, SourcedPolicy, statementsOf } from '../../../lib/access/policy';
import { PLACEHOLDER_ACCOUNT } from '../../../lib/access/templates';
import { platformStage } from '../../support/app';

let env: ResolvedEnvironment;
beforeAll(() => {
  const templates = templatesOfStacks(platformStage('dev-eu'));
  env = resolveEnvironment(templates.stacks, templates);
});

const ROLE = `arn:aws:iam::${PLACEHOLDER_ACCOUNT}:role/Someone`;
const adminEverything: SourcedPolicy = {
  source: { kind: 'identity', name: 'AdministratorLike' },
  document: { Version: '2012-10-17', Statement: [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }] },
};
const zone = (name: string) => {
  const bucket = env.buckets.find((b) => b.tags['data-zone'] === name && b.tags['replica-of'] === undefined);
  if (!bucket) throw new Error(`no zone ${name}`);
  return bucket;
};
const keyFor = (purpose: string) => {
  const key = env.keys.find((k) => k.aliases.some((a) => a.endsWith(`/${purpose}`)));
  if (!key) throw new Error(`no key ${purpose}`);
  return key;
};
function asAdmin(action: string, resource: string, extra: Partial<AccessRequest> = {}) {
  const request: AccessRequest = { principal: { arn: ROLE }, action, resource, context: { 'aws:SecureTransport': true, 's3:TlsVersion': 1.3 }, ...extra };
  return evaluate(request, { identity: [adminEverything], resource: resourcePoliciesFor(env, resource) });
}

describe('resolution of dev-eu', () => {
  test('the account is unknown, so the placeholder stands for it; region and partition come from the environment', () => {
    expect(env.account).toBe(PLACEHOLDER_ACCOUNT);
    expect(env.region).toBe('eu-west-1');
    expect(env.partition).toBe('aws');
  });

  test('every intrinsic resolves (warnings may only name AWS managed policies, which are not in the templates)', () => {
    expect(env.warnings.filter((w) => !/managed policies not in the templates are not evaluated: (arn:aws:iam::aws:policy\/\S+(, )?)+$/.test(w))).toEqual([]);
  });

  test('cross-stack imports resolve: each zone bucket names the ARN of its classification key', () => {
    expect(zone('raw').encryptionKeyArn).toBe(keyFor('restricted').arn);
    expect(zone('curated').encryptionKeyArn).toBe(keyFor('confidential').arn);
    expect(zone('analytics').encryptionKeyArn).toBe(keyFor('internal').arn);
  });

  test('the trail is found with its Object Lock bucket and data events on every zone', () => {
    expect(env.trails).toHaveLength(1);
    const auditBucket = env.buckets.find((b) => b.name === env.trails[0].bucketName);
    expect(auditBucket?.objectLockEnabled).toBe(true);
    const trailProps = env.resolver.properties(env.trails[0].stack, env.trails[0].logicalId) as { EventSelectors: { DataResources: { Values: string[] }[] }[] };
    expect(trailProps.EventSelectors[0].DataResources[0].Values).toEqual(['raw', 'curated', 'analytics'].map((z) => `${zone(z).arn}/`));
  });

  test('every key policy and bucket policy resolves to concrete values (no intrinsic left)', () => {
    for (const { policy } of env.resourcePolicies) expect(JSON.stringify(policy.document)).not.toMatch(/Fn::|"Ref"|<unresolved/);
  });
});

describe('lake bucket policies', () => {
  test.each(['raw', 'curated', 'analytics'])('zone %s: a request without TLS is explicitly denied by the bucket policy', (name) => {
    const object = `${zone(name).arn}/x`;
    const r = asAdmin('s3:GetObject', object, { context: { 'aws:SecureTransport': false } });
    expect(r.decision).toBe('explicit-deny');
    expect(r.deciding[0].source.name).toMatch(/^bucket policy dev-eu\/Lake\/DataLake.*Policy/);
    expect(asAdmin('s3:GetObject', object).allowed).toBe(true);
  });

  test('a request with TLS older than 1.2 is explicitly denied', () => {
    const r = asAdmin('s3:PutObject', `${zone('raw').arn}/x`, { context: { 'aws:SecureTransport': true, 's3:TlsVersion': 1.1 } });
    expect(r.decision).toBe('explicit-deny');
  });

  test('the bucket policies grant nothing by themselves: a role without identity policy is denied', () => {
    const r = evaluate(
      { principal: { arn: ROLE }, action: 's3:GetObject', resource: `${zone('raw').arn}/x`, context: { 'aws:SecureTransport': true } },
      { identity: [], resource: resourcePoliciesFor(env, `${zone('raw').arn}/x`) },
    );
    expect(r.decision).toBe('implicit-deny');
  });
});

describe('audit bucket', () => {
  const audit = () => env.buckets.find((b) => b.objectLockEnabled)!;

  test.each(['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutBucketObjectLockConfiguration', 's3:BypassGovernanceRetention'])(
    'even an administrator is explicitly denied %s',
    (action) => {
      const resource = action.startsWith('s3:PutBucket') ? audit().arn : `${audit().arn}/AWSLogs/x`;
      const r = asAdmin(action, resource);
      expect(r.decision).toBe('explicit-deny');
      expect(r.deciding.map((d) => d.sid)).toContain('DenyAuditEvidenceDeletionAndLockChanges');
    },
  );

  test('CloudTrail may write under AWSLogs/<account>/ with bucket-owner-full-control, nowhere else', () => {
    const put = (key: string, acl: string) =>
      evaluate(
        { principal: { service: 'cloudtrail.amazonaws.com' }, action: 's3:PutObject', resource: `${audit().arn}/${key}`, resourceAccount: env.account, context: { 'aws:SecureTransport': true, 's3:x-amz-acl': acl } },
        { identity: [], resource: resourcePoliciesFor(env, `${audit().arn}/${key}`) },
      ).allowed;
    expect(put(`AWSLogs/${env.account}/CloudTrail/eu-west-1/log.json.gz`, 'bucket-owner-full-control')).toBe(true);
    expect(put(`AWSLogs/${env.account}/x`, 'private')).toBe(false);
    expect(put('elsewhere/x', 'bucket-owner-full-control')).toBe(false);
  });
});

describe('key policies', () => {
  test('no principal but the account itself is granted key administration by any key policy', () => {
    const accountRoot = `arn:aws:iam::${PLACEHOLDER_ACCOUNT}:root`;
    const administration = KEY_ADMIN_ACTIONS.filter((a) => a !== 'kms:DescribeKey');
    let checked = 0;
    for (const key of env.keys) {
      const [policy] = resourcePoliciesFor(env, key.arn);
      for (const s of statementsOf(policy.document).filter((st) => st.Effect === 'Allow')) {
        const grantsAdministration = administration.some((a) => asList(s.Action).some((p) => actionMatches(p, a)));
        if (grantsAdministration) {
          expect(s.Principal).toEqual({ AWS: accountRoot });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(env.keys.length);
  });

  test('the services named in the audit key policy cannot administer it', () => {
    const key = keyFor('audit').arn;
    for (const service of ['cloudtrail.amazonaws.com', 'logs.eu-west-1.amazonaws.com']) {
      for (const action of ['kms:ScheduleKeyDeletion', 'kms:PutKeyPolicy', 'kms:DisableKey']) {
        const r = evaluate(
          { principal: { service }, action, resource: key, resourceAccount: env.account, context: { 'aws:SourceAccount': env.account } },
          { identity: [], resource: resourcePoliciesFor(env, key) },
        );
        expect(r.allowed).toBe(false);
      }
    }
  });

  test('administration (e.g. kms:ScheduleKeyDeletion) goes through IAM: a role needs an identity allow', () => {
    const key = keyFor('restricted');
    const withoutIdentity = evaluate({ principal: { arn: ROLE }, action: 'kms:ScheduleKeyDeletion', resource: key.arn }, { identity: [], resource: resourcePoliciesFor(env, key.arn) });
    expect(withoutIdentity.decision).toBe('implicit-deny');
    expect(withoutIdentity.reason).toContain('the key policy delegates to IAM');
    const admin = asAdmin('kms:ScheduleKeyDeletion', key.arn);
    expect(admin.allowed).toBe(true);
    expect(admin.deciding.map((d) => d.sid)).toEqual(['KeyAdministrationByAccount', 'All']);
  });

  test('another account cannot administer or use the keys, even with its own allow', () => {
    const foreign = 'arn:aws:iam::999999999999:role/Attacker';
    for (const action of ['kms:ScheduleKeyDeletion', 'kms:PutKeyPolicy', 'kms:Decrypt']) {
      const key = keyFor('confidential');
      const r = evaluate(
        { principal: { arn: foreign }, action, resource: key.arn, context: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': '999999999999' } },
        { identity: [adminEverything], resource: resourcePoliciesFor(env, key.arn) },
      );
      expect(r.allowed).toBe(false);
    }
  });

  test('kms:* is never granted: an action outside the admin and use lists is denied even to an administrator', () => {
    expect(KEY_ADMIN_ACTIONS).not.toContain('kms:ReplicateKey');
    expect(asAdmin('kms:ReplicateKey', keyFor('internal').arn).decision).toBe('implicit-deny');
  });

  test('data keys are usable only through the listed services in this account', () => {
    const key = keyFor('restricted').arn;
    const decrypt = (context: Record<string, string>) => asAdmin('kms:Decrypt', key, { context }).allowed;
    expect(decrypt({ 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': PLACEHOLDER_ACCOUNT })).toBe(true);
    expect(decrypt({ 'kms:ViaService': 'kafka.eu-west-1.amazonaws.com', 'kms:CallerAccount': PLACEHOLDER_ACCOUNT })).toBe(true);
    expect(decrypt({ 'kms:CallerAccount': PLACEHOLDER_ACCOUNT })).toBe(false); // direct call, no service
    expect(decrypt({ 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:CallerAccount': PLACEHOLDER_ACCOUNT })).toBe(false); // other region
    expect(decrypt({ 'kms:ViaService': 'lambda.eu-west-1.amazonaws.com', 'kms:CallerAccount': PLACEHOLDER_ACCOUNT })).toBe(false);
  });

  test('the audit key is usable only through S3', () => {
    const key = keyFor('audit').arn;
    expect(asAdmin('kms:GenerateDataKey', key, { context: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': PLACEHOLDER_ACCOUNT } }).allowed).toBe(true);
    expect(asAdmin('kms:GenerateDataKey', key, { context: { 'kms:ViaService': 'glue.eu-west-1.amazonaws.com', 'kms:CallerAccount': PLACEHOLDER_ACCOUNT } }).allowed).toBe(false);
  });
});

describe('access matrix of dev-eu', () => {
  test('targets are discovered: zone buckets, the audit bucket, classified keys, Kafka topics, the trail', () => {
    const matrix = accessMatrix({ templates: env, subjects: [] });
    expect(matrix.targets.map((t) => `${t.kind}:${t.name}`)).toEqual([
      'bucket:zone raw replica',
      'bucket:zone raw',
      'bucket:zone curated replica',
      'bucket:zone curated',
      'bucket:zone analytics replica',
      'bucket:zone analytics',
      'bucket:audit bucket',
      'key:key internal',
      'key:key confidential',
      'key:key restricted',
      'key:key audit',
      // Processing keys (EMR local disks, the KDC secret, schedule payloads).
      'key:key emr-local-disk',
      'key:key emr-secrets',
      'key:key scheduler',
      'key:key privacy', // the privacy stack's key (erasure index, masking secret), tagged restricted
      'topic:topic orders.events.v1',
      'topic:topic orders.enriched.v1',
      'topic:topic cdc.crm.public.customers',
      'trail:audit trail',
    ]);
  });

  test('the trail delivery role can neither delete audit evidence nor change Object Lock: the bucket policy denies', () => {
    const logsRole = env.roles.find((r) => r.logicalId.startsWith('AuditTrailLogsRole'))!;
    const matrix = accessMatrix({ templates: env, subjects: [{ name: 'trail-logs', role: logsRole.logicalId }] });
    for (const label of ['delete', 'change-object-lock']) {
      const cell = matrixCell(matrix, 'trail-logs', 'audit bucket', label);
      expect(cell.decision).toBe('explicit-deny');
      expect(cell.deciding.map((d) => d.sid)).toEqual(['DenyAuditEvidenceDeletionAndLockChanges']);
    }
    expect(matrixCell(matrix, 'trail-logs', 'zone raw', 'read').decision).toBe('implicit-deny');
    expect(matrixCell(matrix, 'trail-logs', 'audit trail', 'stop-logging').decision).toBe('implicit-deny');
  });
  test('personas reach Kafka topics only through their topic-scoped grants', () => {
    const role = (persona: string) => {
      const found = env.roles.find((r) => r.logicalId.startsWith(`Personas${persona}`));
      if (!found) throw new Error(`no persona role ${persona}`);
      return found.logicalId;
    };
    const matrix = accessMatrix({
      templates: env,
      subjects: ['ProducerApplication', 'ConsumerApplication', 'DataAnalyst'].map((persona) => ({ name: persona, role: role(persona) })),
    });
    const decision = (subject: string, topic: string, label: string) => matrixCell(matrix, subject, `topic ${topic}`, label).decision;
    // The producer writes the application topic, not what CDC or Flink write.
    expect(decision('ProducerApplication', 'orders.events.v1', 'produce')).toBe('allowed');
    expect(decision('ProducerApplication', 'orders.enriched.v1', 'produce')).toBe('implicit-deny');
    expect(decision('ProducerApplication', 'cdc.crm.public.customers', 'produce')).toBe('implicit-deny');
    // The consumer reads the application topics, never the raw CDC stream, and writes nothing.
    expect(decision('ConsumerApplication', 'orders.enriched.v1', 'consume')).toBe('allowed');
    expect(decision('ConsumerApplication', 'cdc.crm.public.customers', 'consume')).toBe('implicit-deny');
    expect(decision('ConsumerApplication', 'orders.events.v1', 'produce')).toBe('implicit-deny');
    // The analyst works in the lake only.
    for (const topic of ['orders.events.v1', 'orders.enriched.v1', 'cdc.crm.public.customers']) {
      for (const label of ['produce', 'consume', 'alter', 'delete']) expect(decision('DataAnalyst', topic, label)).toBe('implicit-deny');
    }
  });
});
