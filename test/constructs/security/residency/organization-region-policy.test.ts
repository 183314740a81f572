import { Stage } from 'aws-cdk-lib';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GLOBAL_SERVICE_EXCEPTIONS, OrganizationRegionPolicy, SCP_MAX_CHARACTERS } from '../../../../constructs/security/residency';
import { testApp } from '../../../support/app';

const EU = ['eu-west-1', 'eu-central-1'];

describe('OrganizationRegionPolicy', () => {
  let policy: OrganizationRegionPolicy;
  let written: unknown;

  beforeAll(() => {
    const app = testApp();
    const stage = new Stage(app, 'Env');
    policy = new OrganizationRegionPolicy(stage, 'Scp', { zoneName: 'eu', allowedRegions: EU });
    const assembly = app.synth();
    const stageDir = assembly.getNestedAssembly('assembly-Env').directory;
    written = JSON.parse(fs.readFileSync(path.join(stageDir, 'residency-scp.json'), 'utf8'));
  });

  test('is written into the stage assembly as residency-scp.json', () => {
    expect(written).toEqual(policy.document);
  });

  test('denies every request outside the zone, except the global services', () => {
    expect(policy.document.Statement[0]).toEqual({
      Sid: 'DenyOutsideResidencyZoneEU',
      Effect: 'Deny',
      NotAction: GLOBAL_SERVICE_EXCEPTIONS.map((e) => e.action),
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': EU } },
    });
  });

  test('denies multi-Region keys and key replicas outside the zone', () => {
    expect(policy.document.Statement.slice(1)).toEqual([
      { Sid: 'DenyMultiRegionKeys', Effect: 'Deny', Action: 'kms:CreateKey', Resource: '*', Condition: { Bool: { 'kms:MultiRegion': 'true' } } },
      { Sid: 'DenyKeyReplicasOutsideZone', Effect: 'Deny', Action: 'kms:ReplicateKey', Resource: '*', Condition: { StringNotEquals: { 'kms:ReplicaRegion': EU } } },
    ]);
  });

  test('fits the Organizations size limit and holds no partition- or account-specific value', () => {
    expect(policy.toJson().length).toBeLessThanOrEqual(SCP_MAX_CHARACTERS);
    expect(policy.toJson()).not.toMatch(/arn:aws|\d{12}|\$\{Token/);
  });

  test('every exception says why it cannot be region-restricted', () => {
    for (const e of GLOBAL_SERVICE_EXCEPTIONS) expect(e.reason.length).toBeGreaterThan(15);
  });
});

test('OrganizationRegionPolicy exempts only the listed principals', () => {
  const policy = new OrganizationRegionPolicy(new Stage(testApp(), 'Env'), 'Scp', {
    zoneName: 'eu',
    allowedRegions: EU,
    exemptPrincipalArns: ['arn:aws:iam::*:role/OrganizationAccountAccessRole'],
  });
  for (const statement of policy.document.Statement) {
    expect(statement.Condition.ArnNotLike).toEqual({ 'aws:PrincipalARN': ['arn:aws:iam::*:role/OrganizationAccountAccessRole'] });
  }
});

describe('OrganizationRegionPolicy fails if', () => {
  const build = (props: Partial<ConstructorParameters<typeof OrganizationRegionPolicy>[2]>) => () =>
    new OrganizationRegionPolicy(new Stage(testApp(), 'Env'), 'Scp', { zoneName: 'eu', allowedRegions: EU, ...props });
  test.each<[string, Partial<ConstructorParameters<typeof OrganizationRegionPolicy>[2]>, string]>([
    ['no region is allowed', { allowedRegions: [] }, 'allowedRegions: received none; allowed: at least one region'],
    ['a region is malformed', { allowedRegions: ['EU'] }, "allowedRegions[0]: received 'EU'; allowed: a region name"],
    ['the file name is not a JSON file name', { fileName: '../scp.txt' }, "fileName: received '../scp.txt'; allowed: a file name"],
    ['an exempt principal is not an ARN', { exemptPrincipalArns: ['admin'] }, "exemptPrincipalArns[0]: received 'admin'; allowed: an IAM principal ARN pattern"],
    [
      'the policy exceeds the Organizations size limit',
      { exemptPrincipalArns: Array.from({ length: 60 }, (_, i) => `arn:aws:iam::123456789012:role/some-long-administration-role-name-${i}`) },
      `allowed: at most ${SCP_MAX_CHARACTERS} (AWS Organizations limit)`,
    ],
  ])('%s', (_name, props, message) => {
    expect(build(props)).toThrow(message);
  });
});
