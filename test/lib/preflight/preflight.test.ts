import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadEnvironmentFile } from '../../../lib/config/load';
import type { EnvironmentConfig } from '../../../lib/config/schema';
import { CheckName, CheckResult, KmsClientOptions, PreflightReport, runPreflight } from '../../../lib/preflight';
import { closedPort, FakeKey, FakeKms, goodKey, OWNER_ROOT_POLICY } from './fake-kms';

// The real SDK client, over real HTTP, against the loopback fake: static fake credentials,
// three attempts per call, 1 ms between retries.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const CREDENTIALS = { accessKeyId: 'AKIAFAKEPREFLIGHT000', secretAccessKey: 'fake-secret-for-tests' };
const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'byok-eu.json');
const base = loadEnvironmentFile(FIXTURE);

let serial = 100;
/** A fresh key ARN (the fake answers per ARN). */
const arnIn = (region: string, account = '111122223333') => `arn:aws:kms:${region}:${account}:key/${String(serial++).padStart(8, '0')}-0000-4000-8000-000000000000`;

const keys = new Map<string, FakeKey>();
/** Registers a key with the fake; returns its ARN. */
function key(make: (arn: string) => FakeKey, region = 'eu-central-1'): string {
  const arn = arnIn(region);
  keys.set(arn, make(arn));
  return arn;
}

const good = key((arn) => goodKey(arn));
const disabled = key((arn) => goodKey(arn, { metadata: { KeyState: 'Disabled', Enabled: false } }));
const awsManaged = key((arn) => goodKey(arn, { metadata: { KeyManager: 'AWS' } }));
const pendingDeletion = key((arn) => goodKey(arn, { metadata: { KeyState: 'PendingDeletion', Enabled: false, DeletionDate: 1_900_000_000 } }));
const asymmetric = key((arn) =>
  goodKey(arn, { rotation: 'unsupported', metadata: { KeySpec: 'RSA_2048', CustomerMasterKeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['RSASSA_PSS_SHA_256'] } }),
);
const outOfZone = key((arn) => goodKey(arn), 'us-east-1');
const otherRegionInZone = key((arn) => goodKey(arn), 'eu-west-1');
const multiRegion = (replicaRegion: string) =>
  key((arn) =>
    goodKey(arn, {
      metadata: {
        MultiRegion: true,
        MultiRegionConfiguration: {
          MultiRegionKeyType: 'PRIMARY',
          PrimaryKey: { Arn: arn, Region: 'eu-central-1' },
          ReplicaKeys: [{ Arn: arn.replace('eu-central-1', replicaRegion), Region: replicaRegion }],
        },
      },
    }),
  );
const multiRegionInZone = multiRegion('eu-west-1');
const multiRegionOutOfZone = multiRegion('us-west-2');
const rotationOff = key((arn) => goodKey(arn, { rotation: false }));
const policyWith = (statement: object) =>
  key((arn) => goodKey(arn, { policy: { Version: '2012-10-17', Statement: [...OWNER_ROOT_POLICY.Statement, statement] } }));
const everyoneKmsStar = policyWith({ Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' });
const awsStarStar = policyWith({ Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: '*' });
const otherAccountRoot = policyWith({ Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['kms:*'], Resource: '*' });
const everyoneInOwnAccount = policyWith({
  Sid: 'OwnAccountOnly',
  Effect: 'Allow',
  Principal: { AWS: '*' },
  Action: 'kms:*',
  Resource: '*',
  Condition: { StringEquals: { 'kms:CallerAccount': '111122223333' } },
});
const everyoneDecrypt = policyWith({ Sid: 'Decrypt', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' });
const notFound = arnIn('eu-central-1'); // never registered
const deniedEverything = key((arn) => goodKey(arn, { deny: ['DescribeKey', 'GetKeyRotationStatus', 'GetKeyPolicy'] }));
const deniedPolicy = key((arn) => goodKey(arn, { deny: ['GetKeyPolicy'] }));
const throttledTwice = key((arn) => goodKey(arn, { throttle: { DescribeKey: 2 } }));
const throttledAlways = key((arn) => goodKey(arn, { throttle: { DescribeKey: Infinity } }));

const fake = new FakeKms(keys);
let options: KmsClientOptions;

beforeAll(async () => {
  options = { endpointUrl: await fake.start(), credentials: CREDENTIALS, maxAttempts: 3, retryDelayMs: 1 };
});
afterAll(() => fake.close());

/** The environment with only the given keys imported (the schema's same-region rule is bypassed on purpose). */
function withKeys(importedKeys: EnvironmentConfig['encryption']['importedKeys']): EnvironmentConfig {
  return { ...base, encryption: { ...base.encryption, importedKeys } };
}

/** Runs the preflight on one key (as the `internal` key) and returns its checks by name. */
async function checksOf(arn: string, opts: KmsClientOptions = options): Promise<Record<CheckName, CheckResult> & { report: PreflightReport }> {
  const report = await runPreflight(withKeys({ internal: arn }), opts);
  expect(report.aborted).toBeUndefined();
  expect(report.keys).toHaveLength(1);
  return Object.assign(Object.fromEntries(report.keys[0].checks.map((c) => [c.check, c])) as Record<CheckName, CheckResult>, { report });
}

const statusOf = (checks: Record<CheckName, CheckResult>) =>
  Object.fromEntries((['enabled', 'customer-managed', 'symmetric', 'region', 'multi-region', 'rotation', 'policy'] as const).map((c) => [c, checks[c].status]));

describe('a good key', () => {
  test('passes every check, reported in a fixed order', async () => {
    const { report, ...checks } = await checksOf(good);
    expect(report.keys[0].checks.map((c) => c.check)).toEqual(['enabled', 'customer-managed', 'symmetric', 'region', 'multi-region', 'rotation', 'policy']);
    expect(statusOf(checks)).toEqual({ enabled: 'pass', 'customer-managed': 'pass', symmetric: 'pass', region: 'pass', 'multi-region': 'pass', rotation: 'pass', policy: 'pass' });
    expect(checks.rotation.reason).toBe('automatic rotation is on (every 365 days)');
    expect(report).toMatchObject({ ok: true, environment: 'byok-eu', importedKeys: 1, summary: { pass: 7, warn: 0, fail: 0, error: 0, skip: 0 } });
  });

  test('is checked with signed KMS JSON 1.1 requests, read-only operations, the default policy name', () => {
    const seen = fake.requests.filter((r) => r.keyId === good);
    expect(seen.map((r) => r.operation)).toEqual(['DescribeKey', 'GetKeyRotationStatus', 'GetKeyPolicy']);
    for (const r of seen) {
      expect(r.contentType).toBe('application/x-amz-json-1.1');
      expect(r.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAFAKEPREFLIGHT000\/\d{8}\/eu-central-1\/kms\/aws4_request/);
    }
  });

  test('all four keys of the fixture environment pass together', async () => {
    for (const arn of Object.values(base.encryption.importedKeys)) keys.set(arn!, goodKey(arn!));
    const report = await runPreflight(base, options);
    expect(report.keys.map((k) => k.name)).toEqual(['internal', 'confidential', 'restricted', 'audit']);
    expect(report).toMatchObject({ ok: true, importedKeys: 4, summary: { pass: 28 } });
  });
});

describe('fails if', () => {
  test('the key is disabled', async () => {
    const { report, ...checks } = await checksOf(disabled);
    expect(checks.enabled).toEqual({ check: 'enabled', status: 'fail', reason: 'key state is Disabled; allowed: Enabled' });
    expect(statusOf(checks)).toMatchObject({ symmetric: 'pass', rotation: 'pass', policy: 'pass' });
    expect(report.ok).toBe(false);
  });

  test('the key is pending deletion (names the date)', async () => {
    expect((await checksOf(pendingDeletion)).enabled.reason).toBe('key state is PendingDeletion (deletion scheduled for 2030-03-17T17:46:40.000Z); allowed: Enabled');
  });

  test('the key is AWS-managed (not the customer\'s to control)', async () => {
    const checks = await checksOf(awsManaged);
    expect(checks['customer-managed']).toEqual({
      check: 'customer-managed',
      status: 'fail',
      reason: "key manager is AWS; allowed: CUSTOMER (an AWS-managed key's policy and rotation are not the customer's to control)",
    });
  });

  test('the key is asymmetric (and cannot rotate)', async () => {
    const checks = await checksOf(asymmetric);
    expect(checks.symmetric).toMatchObject({ status: 'fail', reason: expect.stringMatching(/^key spec is RSA_2048, key usage is SIGN_VERIFY; allowed: SYMMETRIC_DEFAULT for ENCRYPT_DECRYPT/) });
    expect(checks.rotation).toMatchObject({ status: 'fail', reason: expect.stringMatching(/^automatic rotation is not supported for this key \(.*does not support automatic key rotation\)/) });
  });

  test('the key is in a region outside the residency zone', async () => {
    const checks = await checksOf(outOfZone);
    expect(checks.region).toMatchObject({ status: 'fail', reason: "key is in us-east-1, outside residency zone 'eu'; allowed: eu-west-1, eu-west-3, eu-central-1, eu-north-1, eu-south-1, eu-south-2" });
    expect(fake.requests.find((r) => r.keyId === outOfZone)?.authorization).toMatch(/\/us-east-1\/kms\//); // asked in the key's own region
  });

  test('the key is in the zone but not in the environment region', async () => {
    expect((await checksOf(otherRegionInZone)).region).toMatchObject({ status: 'fail', reason: "key is in eu-west-1; allowed: the environment's region eu-central-1 (KMS keys are regional)" });
  });

  test('a multi-Region key has a replica outside the zone', async () => {
    expect((await checksOf(multiRegionOutOfZone))['multi-region']).toMatchObject({
      status: 'fail',
      reason: expect.stringMatching(/^multi-Region key with copies outside residency zone 'eu' \(us-west-2; primary eu-central-1, replicas us-west-2\)/),
    });
  });

  test('rotation is off', async () => {
    expect((await checksOf(rotationOff)).rotation).toEqual({ check: 'rotation', status: 'fail', reason: 'automatic rotation is off; allowed: on (enable it with EnableKeyRotation)' });
  });

  test.each([
    ['kms:* to "*"', () => everyoneKmsStar, /^statement Everyone allows kms:\* to \* without a restricting condition/],
    ['* to {"AWS":"*"}', () => awsStarStar, /^statement #1 allows \* to \{"AWS":"\*"\} without/],
    ["kms:* to another account's root", () => otherAccountRoot, /^statement Partner allows kms:\* to arn:aws:iam::444455556666:root \(root of another account\) without/],
  ])('the key policy grants %s', async (_name, arn, expected) => {
    expect((await checksOf(arn())).policy).toMatchObject({ status: 'fail', reason: expect.stringMatching(expected) });
  });

  test('the key does not exist (the other checks are skipped, not passed)', async () => {
    const { report, ...checks } = await checksOf(notFound);
    expect(checks.enabled).toMatchObject({ status: 'fail', reason: expect.stringMatching(/^key not found \(Key 'arn:aws:kms:eu-central-1:\S+' does not exist\)/) });
    expect(statusOf(checks)).toMatchObject({ 'customer-managed': 'skip', symmetric: 'skip', region: 'skip', 'multi-region': 'skip', rotation: 'skip', policy: 'skip' });
    expect(report).toMatchObject({ ok: false, summary: { fail: 1, skip: 6 } });
  });
});

describe('flags without failing', () => {
  test('a multi-Region key whose Regions are all in the zone', async () => {
    const { report, ...checks } = await checksOf(multiRegionInZone);
    expect(checks['multi-region']).toMatchObject({ status: 'warn', reason: expect.stringMatching(/^multi-Region key \(primary eu-central-1, replicas eu-west-1\), all inside zone 'eu': flagged/) });
    expect(report.ok).toBe(true);
  });

  test('a narrower action granted to everyone', async () => {
    expect((await checksOf(everyoneDecrypt)).policy).toMatchObject({ status: 'warn', reason: 'statement Decrypt allows kms:Decrypt to * without a restricting condition' });
  });

  test('passes kms:* to everyone when a condition pins the caller account', async () => {
    expect((await checksOf(everyoneInOwnAccount)).policy.status).toBe('pass');
  });
});

describe('AWS-side errors', () => {
  test('access denied names the missing permission per check', async () => {
    const { report, ...checks } = await checksOf(deniedEverything);
    expect(checks.enabled).toMatchObject({ status: 'error', reason: expect.stringMatching(/^access denied: the caller lacks kms:DescribeKey on this key; grant it .*\(KMS said: User: .* is not authorized/) });
    expect(checks.rotation.reason).toMatch(/^access denied: the caller lacks kms:GetKeyRotationStatus on this key/);
    expect(checks.policy.reason).toMatch(/^access denied: the caller lacks kms:GetKeyPolicy on this key/);
    expect(report).toMatchObject({ ok: false, summary: { error: 7 } });
  });

  test('access denied on one call does not hide the other checks', async () => {
    const { report, ...checks } = await checksOf(deniedPolicy);
    expect(statusOf(checks)).toEqual({ enabled: 'pass', 'customer-managed': 'pass', symmetric: 'pass', region: 'pass', 'multi-region': 'pass', rotation: 'pass', policy: 'error' });
    expect(report.ok).toBe(false); // a check that could not run is not a pass
  });

  test('throttling is retried by the SDK until KMS answers', async () => {
    const checks = await checksOf(throttledTwice);
    expect(checks.enabled.status).toBe('pass');
    expect(fake.count('DescribeKey', throttledTwice)).toBe(3); // two throttled, one answered
  });

  test('persistent throttling is reported after the bounded attempts', async () => {
    const checks = await checksOf(throttledAlways);
    expect(checks.enabled).toMatchObject({ status: 'error', reason: expect.stringMatching(/^throttled by KMS on all 3 attempts \(ThrottlingException\); retries with backoff exhausted/) });
    expect(fake.count('DescribeKey', throttledAlways)).toBe(3);
    expect(checks.rotation.status).toBe('pass');
  });
});

describe('cannot run', () => {
  /** Runs `fn` with the AWS credential sources of the environment cleared, then restores them. */
  async function withoutCredentials<T>(fn: () => Promise<T>): Promise<T> {
    const saved = { ...process.env };
    for (const name of Object.keys(process.env)) if (/^AWS_/.test(name) && name !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED') delete process.env[name];
    const nowhere = path.join(os.tmpdir(), 'dp-preflight-no-such-dir', 'file');
    Object.assign(process.env, { AWS_CONFIG_FILE: nowhere, AWS_SHARED_CREDENTIALS_FILE: nowhere, AWS_EC2_METADATA_DISABLED: 'true' });
    try {
      return await fn();
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    }
  }

  test('no credentials: one clear message with the permissions needed, no request sent', async () => {
    const arn = key((a) => goodKey(a));
    const report = await withoutCredentials(() => runPreflight(withKeys({ internal: arn, audit: good }), { endpointUrl: options.endpointUrl, maxAttempts: 1 }));
    expect(report.aborted).toBe(
      'no AWS credentials found: set AWS_PROFILE (or pass --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an instance or container role is available; the preflight needs kms:DescribeKey, kms:GetKeyRotationStatus, kms:GetKeyPolicy on each key',
    );
    expect(report).toMatchObject({ ok: false, keys: [], importedKeys: 2 });
    expect(fake.requests.some((r) => r.keyId === arn)).toBe(false);
  });

  test('no credentials in the profile asked for: names the profile', async () => {
    const report = await withoutCredentials(() => runPreflight(withKeys({ internal: good }), { endpointUrl: options.endpointUrl, maxAttempts: 1, profile: 'byok-auditor' }));
    expect(report.aborted).toMatch(/^no AWS credentials found: profile 'byok-auditor' gave none \(.*\); .*the preflight needs kms:DescribeKey/);
  });

  test('no network: the endpoint refuses connections', async () => {
    const port = await closedPort();
    const report = await runPreflight(withKeys({ internal: good }), { ...options, endpointUrl: `http://127.0.0.1:${port}` });
    // (Inside jest's sandbox the SDK sees Node's socket errors as foreign objects and keeps only
    // their text, so it does not retry them here; the CLI test shows the retries in a real process.)
    expect(report.aborted).toMatch(new RegExp(`^cannot reach KMS endpoint 127\\.0\\.0\\.1:${port}: ECONNREFUSED( after \\d attempts)?; check the network, proxy or --endpoint-url$`));
    expect(report.aborted).not.toMatch(/\n\s+at /);
  });

  test('no network: the endpoint never answers (request timeout)', async () => {
    const silent = http.createServer(() => undefined); // accepts, never responds
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const report = await runPreflight(withKeys({ internal: good }), { ...options, endpointUrl: `http://127.0.0.1:${port}`, maxAttempts: 1, requestTimeoutMs: 200 });
      expect(report.aborted).toBe(
        `cannot reach KMS endpoint 127.0.0.1:${port}: timed out (a request has exceeded the configured 200 ms requestTimeout.); check the network, proxy or --endpoint-url`,
      );
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
