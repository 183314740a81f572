import { ConfigError } from '../../../lib/config/errors';
import { loadDefaultEnvironment, parseEnvironment } from '../../../lib/config/load';
import { devEu } from '../../../lib/config/environments/dev-eu';
import { prodEu } from '../../../lib/config/environments/prod-eu';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

const withAccess = (base: typeof devEu | typeof prodEu, access: object) => ({ ...base, access: { ...base.access, ...access } });

describe('access configuration fails if', () => {
  test.each<[string, object, RegExp]>([
    ['analysts would read the raw zone', withAccess(devEu, { analystZones: ['raw'] }), /access.analystZones\[0\]: received "raw"; the raw zone: analysts never read raw or restricted data; allowed: curated, analytics/],
    [
      'analysts would read a restricted zone',
      { ...withAccess(devEu, { analystZones: ['curated'] }), lake: { ...devEu.lake, zones: { ...devEu.lake.zones, curated: { ...devEu.lake.zones.curated, classification: 'restricted' } } } },
      /access.analystZones\[0\]: received "curated"; a restricted zone: analysts never read raw or restricted data; allowed: analytics/,
    ],
    ['an analyst zone is not a lake zone', withAccess(devEu, { analystZones: ['gold'] }), /access.analystZones\[0\]: received "gold"; not a lake zone; allowed: raw, curated, analytics/],
    ['the auditor is tenant-scoped', withAccess(prodEu, { tenantScoped: ['auditor'] }), /access.tenantScoped\[0\]: received "auditor"; needs every tenant in view; allowed: personas other than platform-administrator, auditor, break-glass/],
    ['a tenant-scoped persona is unknown', withAccess(prodEu, { tenantScoped: ['analyst'] }), /access.tenantScoped\[0\]: received "analyst"/],
    ['the trust type is unknown', withAccess(devEu, { trust: { type: 'saml' } }), /access.trust.type: received .*saml.*Expected 'identity-center' \| 'account-principals'/],
    ['a trusted account is malformed', withAccess(devEu, { trust: { type: 'account-principals', accounts: ['12'] } }), /access.trust.accounts\[0\]: received "12"; must be a 12-digit AWS account id/],
    ['the MFA age is too long', withAccess(devEu, { trust: { type: 'account-principals', maxMfaAgeMinutes: 1000 } }), /access.trust.maxMfaAgeMinutes: received 1000/],
    ['the permission set prefix is too long', withAccess(prodEu, { trust: { type: 'identity-center', permissionSetPrefix: 'AVeryLongPermissionSetPrefix' } }), /access.trust.permissionSetPrefix: received "AVeryLongPermissionSetPrefix"; must be up to 16/],
    ['an application service is not allowed', withAccess(devEu, { applicationServices: ['iam.amazonaws.com'] }), /access.applicationServices\[0\]: received "iam.amazonaws.com"/],
    ['the session is longer than 12 hours', withAccess(devEu, { sessionHours: 24 }), /access.sessionHours: received 24/],
  ])('%s', (_name, input, expected) => {
    expect(messageOf(() => parseEnvironment(input, 'x'))).toMatch(expected);
  });
});

test('profiles: production trusts Identity Center and scopes analysts and consumers to their tenant; dev trusts MFA-signed-in account principals', () => {
  const prod = loadDefaultEnvironment('prod-eu').access;
  expect(prod.trust).toEqual({ type: 'identity-center', permissionSetPrefix: 'DataPlatform' });
  expect(prod.tenantScoped).toEqual(['data-analyst', 'consumer-application']);
  const dev = loadDefaultEnvironment('dev-eu').access;
  expect(dev.trust).toEqual({ type: 'account-principals', maxMfaAgeMinutes: 60 });
  expect(dev).toMatchObject({ analystZones: ['analytics'], applicationServices: ['ecs-tasks.amazonaws.com'], sessionHours: 1, lakeFormation: { enabled: true } });
});

test('an environment without an access section gets MFA-signed-in account principals and the defaults', () => {
  const withoutAccess: Record<string, unknown> = { ...devEu };
  delete withoutAccess.access;
  expect(parseEnvironment(withoutAccess, 'x').access).toEqual({
    trust: { type: 'account-principals', maxMfaAgeMinutes: 60 },
    applicationServices: ['ecs-tasks.amazonaws.com'],
    analystZones: ['analytics'],
    tenantScoped: [],
    sessionHours: 1,
    lakeFormation: { enabled: true },
  });
});
