import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runConfigCommand } from '../../../bin/config';
import { ConfigError } from '../../../lib/config/errors';
import { loadDefaultEnvironment, loadEnvironmentFile, parseEnvironment, resolveEnvironments } from '../../../lib/config/load';
import { devEu } from '../../../lib/config/environments/dev-eu';
import { prodEu } from '../../../lib/config/environments/prod-eu';
import { CUSTOMERS, ORDERS } from '../../../lib/config/environments/datasets';

/** The ConfigError message for an input, or a failure if it was accepted. */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

const raw = devEu.lake.zones.raw;
const withRawLifecycle = (lifecycle: object) => ({
  ...devEu,
  lake: { ...devEu.lake, zones: { ...devEu.lake.zones, raw: { ...raw, lifecycle } } },
});

describe('fails if', () => {
  test.each<[string, object, RegExp]>([
    ['a field is unknown (suggests the closest)', { ...devEu, regoin: 'eu-west-1' }, /regoin: unknown field \(did you mean 'region'\?\)/],
    ['a type is wrong', { ...devEu, production: 'no' }, /production: received "no"; .*expected boolean/],
    ['the name is malformed', { ...devEu, name: 'Dev EU' }, /name: received "Dev EU"; must be 3-32 lowercase/],
    ['the account is malformed', { ...devEu, account: '123' }, /account: received "123"; must be a 12-digit/],
    ['the region is outside the residency zone', { ...devEu, region: 'us-east-1', availabilityZones: ['us-east-1a', 'us-east-1b'] }, /region: received "us-east-1"; region is outside residency zone 'eu'; allowed: eu-west-1, /],
    ['an availability zone is not in the region', { ...devEu, availabilityZones: ['eu-west-1a', 'eu-west-3b'] }, /availabilityZones\[1\]: received "eu-west-3b"; allowed: an availability zone of eu-west-1/],
    ['an availability zone is listed twice', { ...devEu, availabilityZones: ['eu-west-1a', 'eu-west-1a'] }, /availabilityZones\[1\]: received "eu-west-1a"; listed twice/],
    ['an imported key is in another region', { ...devEu, encryption: { importedKeys: { audit: 'arn:aws:kms:eu-central-1:123456789012:key/11111111-2222-3333-4444-555555555555' } } }, /importedKeys.audit: .*key is in region eu-central-1; allowed: a key in the environment's region eu-west-1/],
    ['Standard-IA comes before day 30', withRawLifecycle({ transitions: [{ storageClass: 'INFREQUENT_ACCESS', afterDays: 10 }] }), /lake.zones.raw.lifecycle.transitions\[0\].afterDays: received 10; allowed: 30 days or more/],
    ['tiers are too close for the minimum storage', withRawLifecycle({ transitions: [{ storageClass: 'INFREQUENT_ACCESS', afterDays: 30 }, { storageClass: 'DEEP_ARCHIVE', afterDays: 40 }] }), /transitions\[1\].afterDays: received 40; allowed: 60 days or more for DEEP_ARCHIVE/],
    ['expiry comes before the last tier is paid for', withRawLifecycle({ transitions: [{ storageClass: 'GLACIER', afterDays: 0 }], expireAfterDays: 30 }), /lifecycle.expireAfterDays: received 30; allowed: 90 days or more/],
    ['the log group retention is not a CloudWatch period', { ...devEu, audit: { retentionDays: 30, logGroupRetentionDays: 13 } }, /logGroupRetentionDays: received 13; not a CloudWatch Logs retention period/],
    ['production destroys data', { ...prodEu, removal: { destroyDataOnDelete: true } }, /removal.destroyDataOnDelete: received true; production environments never destroy data/],
    ['two datasets share a name', { ...devEu, datasets: [ORDERS, ORDERS] }, /datasets\[1\].name: received "orders"; also declared by datasets\[0\]; allowed: unique dataset names/],
    ['a dataset lists a column twice', { ...devEu, datasets: [{ ...ORDERS, columns: [...ORDERS.columns, { name: 'status', type: 'string' }] }] }, /datasets\[0\].columns\[6\].name: received "status"; listed twice/],
    ['a column repeats a partition key', { ...devEu, datasets: [{ ...ORDERS, columns: [...ORDERS.columns, { name: 'tenant', type: 'string' }] }] }, /datasets\[0\].columns\[6\].name: received "tenant"; is a partition key of this dataset/],
    ['a dataset with a pii column says it holds no personal data', { ...devEu, datasets: [{ ...CUSTOMERS, personalData: false }] }, /datasets\[0\].personalData: received false; a column is marked pii; allowed: true/],
    ['a partition key is listed twice', { ...devEu, datasets: [{ ...ORDERS, partitionedBy: ['date', 'date'] }] }, /datasets\[0\].partitionedBy: received \["date","date"\]; lists a key twice/],
    ['a column type is not a Glue type', { ...devEu, datasets: [{ ...ORDERS, columns: [{ name: 'x', type: 'varchar' }] }] }, /datasets\[0\].columns\[0\].type: received "varchar"; must be a Glue type/],
    ['the VPC range is not private', { ...devEu, network: { cidr: '8.8.0.0/16' } }, /network.cidr: received "8.8.0.0\/16"; allowed: a private range/],
    ['the VPC range is malformed', { ...devEu, network: { cidr: '10.0.0.0' } }, /network.cidr: received "10.0.0.0"; allowed: an IPv4 CIDR/],
    ['the VPC prefix is too small or too large', { ...devEu, network: { cidr: '10.0.0.0/24' } }, /network.cidr: received "10.0.0.0\/24"; allowed: a prefix from \/16 to \/22/],
    ['the VPC cannot hold a subnet per zone', { ...devEu, network: { cidr: '10.0.0.0/20', subnetCidrMask: 21 } }, /network.subnetCidrMask: received 21; a 10.0.0.0\/20 VPC holds 2 \/21 subnets, fewer than the 3 availability zones; allowed: \/22 or longer/],
    ['the flow-log retention is not a CloudWatch period', { ...devEu, network: { flowLogRetentionDays: 10 } }, /network.flowLogRetentionDays: received 10; not a CloudWatch Logs retention period/],
    ['production keeps audit logs under a year', { ...prodEu, audit: { retentionDays: 90 } }, /audit.retentionDays: received 90; allowed: 365 days or more in production/],
    ['production keeps the trail log group under a year', { ...prodEu, audit: { retentionDays: 2557, logGroupRetentionDays: 180 } }, /audit.logGroupRetentionDays: received 180; allowed: 365 days or more in production/],
  ])('%s', (_name, input, expected) => {
    expect(messageOf(() => parseEnvironment(input, 'x'))).toMatch(expected);
  });

  test('several fields are wrong: every problem is listed at once, cross-field ones included', () => {
    const message = messageOf(() => parseEnvironment({ ...prodEu, production: 'yes', region: 'us-east-1', removal: { destroyDataOnDelete: true }, typo: 1 }));
    expect(message).toContain("(6 problems)"); // type error, region, three AZs outside the region, unknown field
    expect(message).toContain('production: received "yes"');
    expect(message).toContain('region: received "us-east-1"');
    expect(message).toContain('typo: unknown field');
  });

  test('an environment name is unknown (suggests the closest)', () => {
    expect(messageOf(() => resolveEnvironments({ environment: 'prod-ue' }))).toContain("no such environment (did you mean 'prod-us'?); allowed: dev-eu, prod-eu, prod-us");
  });

  test('both selection flags are given', () => {
    expect(messageOf(() => resolveEnvironments({ environment: 'dev-eu', environmentFile: 'x.json' }))).toContain('not both');
  });

  test('the environment file does not exist', () => {
    expect(messageOf(() => loadEnvironmentFile('/nonexistent/env.json'))).toContain('environmentFile: received "/nonexistent/env.json"; file not found');
  });

  test('the environment file is not JSON', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dp-cfg-')), 'bad.json');
    fs.writeFileSync(file, '{ name: ');
    expect(messageOf(() => loadEnvironmentFile(file))).toContain('not valid JSON');
  });
});

test('defaults are resolved: removal off unless opted in, default key usage', () => {
  const prod = loadDefaultEnvironment('prod-eu');
  expect(prod.removal.destroyDataOnDelete).toBe(false);
  expect(prod.encryption.keyUsage.audit).toEqual(['s3']);
});

test('`config show` prints JSON that is valid environmentFile input', () => {
  const out: string[] = [];
  expect(runConfigCommand(['show', 'prod-us'], { out: (s) => out.push(s), err: () => undefined })).toBe(0);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dp-cfg-')), 'prod-us.json');
  fs.writeFileSync(file, out.join('\n'));
  expect(loadEnvironmentFile(file)).toEqual(loadDefaultEnvironment('prod-us'));
});

test('`config` reports user mistakes with exit 1 and bad usage with exit 2', () => {
  const err: string[] = [];
  const io = { out: () => undefined, err: (s: string) => err.push(s) };
  expect(runConfigCommand(['show', 'dev-ue'], io)).toBe(1);
  expect(err.join()).toContain("did you mean 'dev-eu'?");
  expect(runConfigCommand([], io)).toBe(2);
  expect(err.join()).toContain('usage:');
});

test('the committed JSON Schema matches the zod schema (run `npm run schema` after changing it)', () => {
  const out: string[] = [];
  expect(runConfigCommand(['schema'], { out: (s) => out.push(s), err: () => undefined })).toBe(0);
  const committed = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'schema', 'environment.schema.json'), 'utf8');
  expect(JSON.parse(committed)).toEqual(JSON.parse(out.join('\n')));
  expect(JSON.parse(committed).properties.region.pattern).toBeDefined();
});

test('a multi-Region key ARN (mrk- id) is accepted as an imported key', () => {
  const arn = 'arn:aws:kms:eu-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef';
  expect(parseEnvironment({ ...devEu, encryption: { importedKeys: { audit: arn } } }).encryption.importedKeys.audit).toBe(arn);
});
