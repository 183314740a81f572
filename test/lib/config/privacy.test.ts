import { ConfigError } from '../../../lib/config/errors';
import { CUSTOMERS, ORDERS } from '../../../lib/config/environments/datasets';
import { devEu } from '../../../lib/config/environments/dev-eu';
import { prodEu } from '../../../lib/config/environments/prod-eu';
import { CUSTOMERS_DPIA_EU, CUSTOMERS_PRIVACY, EU_PROCESSORS, ORDERS_SHARING } from '../../../lib/config/environments/privacy';
import { loadDefaultEnvironments, parseEnvironment } from '../../../lib/config/load';
import { expiredAttestations, parseIsoDate, validationNow } from '../../../lib/config/privacy';

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

/** Runs `fn` with PLATFORM_NOW set to `date` (the jest setup pins 2026-11-25). */
function on<T>(date: string, fn: () => T): T {
  const previous = process.env.PLATFORM_NOW;
  process.env.PLATFORM_NOW = date;
  try {
    return fn();
  } finally {
    process.env.PLATFORM_NOW = previous;
  }
}

const customers = { ...CUSTOMERS, ...CUSTOMERS_PRIVACY, dpia: CUSTOMERS_DPIA_EU };
const prodWith = (datasets: object[]) => ({ ...prodEu, datasets });
const devWith = (datasets: object[]) => ({ ...devEu, datasets });
const prodZone = (zone: 'curated', lifecycle: object) => ({
  ...prodEu,
  lake: { ...prodEu.lake, zones: { ...prodEu.lake.zones, [zone]: { ...prodEu.lake.zones[zone], lifecycle } } },
});
const expiredProcessor = [{ ...EU_PROCESSORS[0], attestations: [{ type: 'SOC2_TYPE2', reference: 'SOC 2 2024', expires: '2025-12-31' }] }];

describe('fails if', () => {
  test.each<[string, object, RegExp]>([
    // DPIA gate
    ['a production personal-data dataset has no DPIA', prodWith([{ ...customers, dpia: undefined }]), /x.datasets\[0\].dpia: received nothing; dataset 'customers' holds personal data; allowed: a DPIA reference \{ id, date, approver \} approved within the last 365 days/],
    ['a non-production masked copy has no DPIA', devWith([{ ...customers, dpia: undefined }]), /x.datasets\[0\].dpia: received nothing; dataset 'customers' holds personal data/],
    ['the production DPIA is older than a year', prodWith([{ ...customers, dpia: { ...CUSTOMERS_DPIA_EU, date: '2025-11-24' } }]), /datasets\[0\].dpia.date: received "2025-11-24"; DPIA of dataset 'customers' is 366 days old on 2026-11-25; allowed in production: at most 365 days/],
    ['the DPIA is dated in the future', devWith([{ ...customers, dpia: { ...CUSTOMERS_DPIA_EU, date: '2027-01-01' } }]), /datasets\[0\].dpia.date: received "2027-01-01"; is after today \(2026-11-25\)/],
    ['the DPIA date is not a calendar date', prodWith([{ ...customers, dpia: { ...CUSTOMERS_DPIA_EU, date: '2026-02-30' } }]), /datasets\[0\].dpia.date: received "2026-02-30"; must be a calendar date as YYYY-MM-DD/],
    ['the DPIA id is malformed', prodWith([{ ...customers, dpia: { ...CUSTOMERS_DPIA_EU, id: 'dpia 1' } }]), /datasets\[0\].dpia.id: received "dpia 1"; must be a DPIA register id/],
    // no raw personal data outside production
    ['a non-production environment holds raw personal data', devWith([{ ...customers, nonProduction: undefined }]), /datasets\[0\].nonProduction: received nothing; dataset 'customers' holds personal data and non-production environments may not hold it raw; allowed: 'masked' .* or 'synthetic'/],
    ['nonProduction names an unknown mode', devWith([{ ...customers, nonProduction: 'raw' }]), /datasets\[0\].nonProduction: received "raw"; .*expected one of "masked"\|"synthetic"/],
    // erasure must be able to succeed
    ['a personal-data dataset has no erasure subject key', prodWith([{ ...customers, erasure: undefined }]), /datasets\[0\].erasure: received nothing; dataset 'customers' holds personal data; allowed: erasure \{ subjectKey \}/],
    ['the erasure subject key is not a column', prodWith([{ ...customers, erasure: { subjectKey: 'client_id' } }]), /datasets\[0\].erasure.subjectKey: received "client_id"; not a column of dataset 'customers'; allowed: customer_id, email, full_name, country, created_at/],
    ['a tombstone topic name is not a Kafka topic name', prodWith([{ ...customers, erasure: { subjectKey: 'customer_id', tombstoneTopics: ['crm customers'] } }]), /erasure.tombstoneTopics\[0\]: received "crm customers"; must be a Kafka topic name/],
    ['a personal-data dataset is append-only Parquet', prodWith([{ ...customers, format: 'parquet' }]), /datasets\[0\].format: received "parquet"; dataset 'customers' holds personal data and erasure deletes single rows; allowed: 'iceberg'/],
    ['old versions in a personal-data zone outlive the erasure deadline', prodZone('curated', { ...prodEu.lake.zones.curated.lifecycle, noncurrentVersionExpireAfterDays: 60 }), /lake.zones.curated.lifecycle.noncurrentVersionExpireAfterDays: received 60; zone 'curated' holds personal data \(dataset 'customers'\) and rewritten files live on as old versions; allowed: 30 days or fewer/],
    ['old versions in a personal-data zone never expire', prodZone('curated', { transitions: [] }), /lake.zones.curated.lifecycle.noncurrentVersionExpireAfterDays: received nothing; zone 'curated' holds personal data/],
    ['a personal-data zone moves files to an archive tier', prodZone('curated', { transitions: [{ storageClass: 'GLACIER', afterDays: 90 }], noncurrentVersionExpireAfterDays: 30 }), /lake.zones.curated.lifecycle.transitions\[0\].storageClass: received "GLACIER"; zone 'curated' holds personal data .* without a restore; allowed: a tier readable at once/],
    ['the erasure deadline exceeds three months', { ...prodEu, privacy: { erasure: { deadlineDays: 120 } } }, /privacy.erasure.deadlineDays: received 120; .*<=90/],
    // Clean Rooms sharing
    ['a shared column is not declared', prodWith([{ ...ORDERS, sharing: { cleanRooms: { allowedColumns: ['order_id', 'basket'], userIdentifierColumn: 'order_id' } } }]), /sharing.cleanRooms.allowedColumns\[1\]: received "basket"; not a column of the dataset/],
    ['a shared column is pii', prodWith([{ ...customers, sharing: { cleanRooms: { allowedColumns: ['customer_id', 'email'], userIdentifierColumn: 'customer_id' } } }]), /sharing.cleanRooms.allowedColumns\[1\]: received "email"; is a pii column; allowed: columns without pii/],
    ['the user identifier column is not shared', prodWith([{ ...ORDERS, sharing: { cleanRooms: { allowedColumns: ['status', 'amount'], userIdentifierColumn: 'customer_id' } } }]), /sharing.cleanRooms.userIdentifierColumn: received "customer_id"; differential privacy needs the user identifier among the shared columns; allowed: one of status, amount/],
    ['epsilon is outside Clean Rooms\' range', { ...prodEu, privacy: { cleanRooms: { differentialPrivacy: { epsilon: 50, usersNoisePerQuery: 30 } } } }, /privacy.cleanRooms.differentialPrivacy.epsilon: received 50; .*<=20/],
    ['the Clean Rooms membership id is not a UUID', { ...prodEu, privacy: { cleanRooms: { membershipId: 'abc' } } }, /privacy.cleanRooms.membershipId: received "abc"; must be a Clean Rooms membership id/],
    // processors
    ['a production processor attestation has expired', { ...prodEu, privacy: { processors: expiredProcessor } }, /privacy.processors\[0\].attestations\[0\].expires: received "2025-12-31"; SOC2_TYPE2 attestation of processor 'support-desk' expired before 2026-11-25; allowed in production: an attestation valid on that date/],
    ['a processor has no attestation', { ...prodEu, privacy: { processors: [{ ...EU_PROCESSORS[0], attestations: [] }] } }, /privacy.processors\[0\].attestations: received \[\]; must list at least one SOC 2 Type II or ISO 27001 attestation/],
    ['an attestation type is not SOC 2 or ISO 27001', { ...prodEu, privacy: { processors: [{ ...EU_PROCESSORS[0], attestations: [{ type: 'PCI', reference: 'x', expires: '2027-01-01' }] }] } }, /attestations\[0\].type: received "PCI"; .*expected one of "SOC2_TYPE2"\|"ISO27001"/],
    ['a processor works outside the residency zone', { ...prodEu, privacy: { processors: [{ ...EU_PROCESSORS[0], residency: ['us'] }] } }, /privacy.processors\[0\].residency: received \["us"\]; the processor does not work inside the environment's residency zone 'eu'; allowed: a list that includes 'eu'/],
    ['two processors share a name', { ...prodEu, privacy: { processors: [EU_PROCESSORS[0], EU_PROCESSORS[0]] } }, /privacy.processors\[1\].name: received "support-desk"; also declared by processors\[0\]/],
  ])('%s', (_name, input, expected) => {
    expect(messageOf(() => parseEnvironment(input, 'x'))).toMatch(expected);
  });

  test('PLATFORM_NOW is not a date', () => {
    expect(messageOf(() => on('tomorrow', () => parseEnvironment(prodEu, 'x')))).toContain('PLATFORM_NOW: received "tomorrow"; allowed: a date as YYYY-MM-DD, or unset for today (UTC)');
  });

  test('the default production profiles are validated after their DPIAs and attestations lapse', () => {
    const message = messageOf(() => on('2027-10-01', () => loadDefaultEnvironments()));
    expect(message).toContain('prod-eu.datasets[1].dpia.date: received "2026-09-14"; DPIA of dataset \'customers\' is 382 days old');
    expect(message).toContain('prod-us.privacy.processors[0].attestations[0].expires: received "2027-06-30"');
    expect(message).not.toContain('dev-eu'); // age and expiry are production gates
  });
});

describe('accepts', () => {
  test('the default environments', () => {
    expect(loadDefaultEnvironments().map((e) => e.name)).toEqual(['dev-eu', 'prod-eu', 'prod-us']);
  });

  test('a DPIA exactly a year old in production', () => {
    expect(() => parseEnvironment(prodWith([{ ...customers, dpia: { ...CUSTOMERS_DPIA_EU, date: '2025-11-25' } }]))).not.toThrow();
  });

  test('a synthetic non-production dataset without a DPIA', () => {
    expect(() => parseEnvironment(devWith([{ ...customers, nonProduction: 'synthetic', dpia: undefined }]))).not.toThrow();
  });

  test('an expired attestation outside production (reported as a synth warning instead)', () => {
    expect(() => parseEnvironment({ ...devEu, privacy: { processors: expiredProcessor } })).not.toThrow();
  });

  test('sharing without pii columns, with defaults for the Clean Rooms budget', () => {
    // Orders alone: without quality rules (its referential-integrity rule references customers).
    const env = parseEnvironment({ ...prodEu, datasets: [{ ...ORDERS, quality: undefined, ...ORDERS_SHARING }], privacy: { cleanRooms: {} } });
    expect(env.privacy.cleanRooms?.differentialPrivacy).toEqual({ epsilon: 3, usersNoisePerQuery: 30 });
    expect(env.privacy.erasure.deadlineDays).toBe(30);
  });
});

describe('dates', () => {
  test('PLATFORM_NOW pins the validation date; unset means today (UTC)', () => {
    expect(validationNow({ PLATFORM_NOW: '2030-01-02' }).toISOString()).toBe('2030-01-02T00:00:00.000Z');
    expect(validationNow({}).toISOString().slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
  });

  test('an attestation is valid through its expiry day', () => {
    const processors = [{ name: 'p', attestations: [{ type: 'ISO27001', expires: '2026-11-25' }] }];
    expect(expiredAttestations(processors, parseIsoDate('2026-11-25')!)).toEqual([]);
    expect(expiredAttestations(processors, parseIsoDate('2026-11-26')!)).toEqual([
      { processor: 0, attestation: 0, name: 'p', type: 'ISO27001', expires: '2026-11-25' },
    ]);
  });
});
