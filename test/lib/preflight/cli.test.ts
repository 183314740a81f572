import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadEnvironmentFile } from '../../../lib/config/load';
import { KmsClientOptions, PreflightReport, runPreflightCommand } from '../../../lib/preflight';
import { closedPort, FakeKey, FakeKms, goodKey } from './fake-kms';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const ROOT = path.join(__dirname, '..', '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'byok-eu.json');
const fixtureKeys = Object.values(loadEnvironmentFile(FIXTURE).encryption.importedKeys) as string[];

const keys = new Map<string, FakeKey>();
const fake = new FakeKms(keys);
let endpoint: string;
const overrides: KmsClientOptions = { credentials: { accessKeyId: 'AKIAFAKEPREFLIGHT000', secretAccessKey: 'fake' }, maxAttempts: 2, retryDelayMs: 1 };

beforeAll(async () => {
  endpoint = await fake.start();
});
beforeEach(() => {
  for (const arn of fixtureKeys) keys.set(arn, goodKey(arn));
});
afterAll(() => fake.close());

/** Runs the command in-process; returns the exit code and what it wrote. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPreflightCommand(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, overrides);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('exit codes and output', () => {
  test('0 when every key passes: one block per key, one line per check, a summary', async () => {
    const { code, out, err } = await run('--file', FIXTURE, '--endpoint-url', endpoint);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const lines = out.split('\n');
    expect(lines[0]).toBe("BYOK preflight: byok-eu (region eu-central-1, residency zone 'eu')");
    expect(lines.filter((l) => /^(internal|confidential|restricted|audit): arn:aws:kms:eu-central-1:111122223333:key\//.test(l))).toHaveLength(4);
    expect(lines.filter((l) => /^ {2}PASS {2}(enabled|customer-managed|symmetric|region|multi-region|rotation|policy) +\S/.test(l))).toHaveLength(28);
    expect(lines.at(-1)).toBe('PASSED: 28 pass, 0 warn, 0 fail, 0 error, 0 skipped across 4 key(s)');
  });

  test('1 when a check fails, the failing line says why', async () => {
    keys.set(fixtureKeys[3], goodKey(fixtureKeys[3], { rotation: false }));
    const { code, out } = await run('--file', FIXTURE, '--endpoint-url', endpoint);
    expect(code).toBe(1);
    expect(out).toContain('  FAIL  rotation     automatic rotation is off; allowed: on');
    expect(out.split('\n').at(-1)).toBe('FAILED: 27 pass, 0 warn, 1 fail, 0 error, 0 skipped across 4 key(s)');
  });

  test('1 when a check cannot run (access denied)', async () => {
    keys.set(fixtureKeys[0], goodKey(fixtureKeys[0], { deny: ['GetKeyPolicy'] }));
    const { code, out } = await run('--file', FIXTURE, '--endpoint-url', endpoint);
    expect(code).toBe(1);
    expect(out).toMatch(/ {2}ERROR policy {7}access denied: the caller lacks kms:GetKeyPolicy on this key/);
  });

  test('--json prints the versioned report', async () => {
    keys.set(fixtureKeys[1], goodKey(fixtureKeys[1], { metadata: { KeyState: 'Disabled' } }));
    const { code, out } = await run('--file', FIXTURE, '--endpoint-url', endpoint, '--json');
    expect(code).toBe(1);
    const report = JSON.parse(out) as PreflightReport;
    expect(report).toMatchObject({ schemaVersion: 1, environment: 'byok-eu', importedKeys: 4, ok: false, summary: { pass: 27, fail: 1 } });
    expect(report.keys[1].checks[0]).toEqual({ check: 'enabled', status: 'fail', reason: 'key state is Disabled; allowed: Enabled' });
  });

  test('0 for an environment without imported keys, which says so', async () => {
    expect(await run('prod-eu')).toEqual({
      code: 0,
      out: "BYOK preflight: prod-eu (region eu-central-1, residency zone 'eu')\nno imported keys (encryption.importedKeys is empty): the platform creates its own keys; nothing to check",
      err: '',
    });
  });
});

describe('exit 2 (usage or configuration) if', () => {
  test.each<[string, string[], RegExp]>([
    ['no environment is given', [], /^preflight: no environment given\nusage: npm run preflight -- <environment> \| --file <env.json>/],
    ['two environments are given', ['dev-eu', 'prod-eu'], /^preflight: expected one environment, received 2: dev-eu prod-eu/],
    ['a name and a file are given', ['dev-eu', '--file', FIXTURE], /give either an environment name or --file <env.json>, not both/],
    ['an option is unknown', ['dev-eu', '--regoin', 'x'], /Unknown option '--regoin'/],
    ['the endpoint is not a URL', ['dev-eu', '--endpoint-url', 'kms.local'], /--endpoint-url: received "kms.local"; allowed: an http\(s\) URL/],
    ['the environment is unknown', ['prod-ue'], /environment: received "prod-ue"; no such environment \(did you mean 'prod-us'\?\)/],
    ['the file does not exist', ['--file', '/nonexistent/env.json'], /environmentFile: received "\/nonexistent\/env.json"; file not found/],
  ])('%s', async (_name, argv, expected) => {
    const { code, out, err } = await run(...argv);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toMatch(expected);
  });
});

describe('the real entry point (child process, real Node, SDK defaults)', () => {
  const exec = (args: string[], env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['-r', 'ts-node/register', path.join(ROOT, 'bin', 'preflight.ts'), ...args], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  /** The parent's environment without any AWS setting, credential files pointed nowhere, no instance metadata. */
  const cleanEnv = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
    const nowhere = path.join(os.tmpdir(), 'dp-preflight-no-such-dir', 'file');
    return { ...env, AWS_CONFIG_FILE: nowhere, AWS_SHARED_CREDENTIALS_FILE: nowhere, AWS_EC2_METADATA_DISABLED: 'true', ...extra };
  };

  test('no network and no credentials: exit 1, one clear line each, no stack trace, no SDK notice', async () => {
    const port = await closedPort();
    const args = ['--file', FIXTURE, '--endpoint-url', `http://127.0.0.1:${port}`];
    const [offline, anonymous] = await Promise.all([
      exec(args, cleanEnv({ AWS_ACCESS_KEY_ID: 'AKIAFAKEPREFLIGHT000', AWS_SECRET_ACCESS_KEY: 'fake' })),
      exec(args, cleanEnv({})),
    ]);
    expect(offline).toMatchObject({ code: 1, stderr: '' });
    expect(offline.stdout).toContain(`ABORTED after 0 of 4 key(s): cannot reach KMS endpoint 127.0.0.1:${port}: ECONNREFUSED after 4 attempts; check the network, proxy or --endpoint-url`);
    expect(anonymous).toMatchObject({ code: 1, stderr: '' });
    expect(anonymous.stdout).toContain('ABORTED after 0 of 4 key(s): no AWS credentials found: set AWS_PROFILE (or pass --profile)');
    expect(anonymous.stdout).toContain('the preflight needs kms:DescribeKey, kms:GetKeyRotationStatus, kms:GetKeyPolicy on each key');
    for (const output of [offline.stdout, anonymous.stdout]) expect(output).not.toMatch(/\n\s+at /);
  }, 60_000);
});
