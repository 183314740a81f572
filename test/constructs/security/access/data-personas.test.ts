import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { DataPersonas, DataPersonasProps, Persona, PERSONA_TAG_KEY, PersonaTrust, TopicAccess } from '../../../../constructs/security/access';
import { logicalIdOf, rolePolicyStatements, TemplateStatement } from '../../template-helpers';
import { accessFixture, AccessFixture } from './fixture';

const REGIONS = ['eu-west-1', 'eu-central-1'];

/** Statements of the managed policies attached to a role. */
function managedStatements(template: Template, role: iam.Role): TemplateStatement[] {
  const policies = template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: logicalIdOf(role) }] } });
  return Object.values(policies).flatMap((p) => (p.Properties.PolicyDocument as { Statement: TemplateStatement[] }).Statement);
}

/** Trust statements of a role. */
function trustOf(template: Template, role: iam.Role): TemplateStatement[] {
  return (template.toJSON().Resources[logicalIdOf(role)].Properties.AssumeRolePolicyDocument as { Statement: TemplateStatement[] }).Statement;
}

const text = (v: unknown) => JSON.stringify(v);
const actions = (statements: TemplateStatement[]) => statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

/** Records topic grants, as the streaming construct would give them. */
class RecordingTopics implements TopicAccess {
  public readonly calls: string[] = [];
  public grantProduce(grantee: iam.IGrantable, topicName: string): iam.Grant {
    this.calls.push(`produce ${topicName}`);
    return iam.Grant.addToPrincipal({ grantee, actions: ['kafka-cluster:WriteData'], resourceArns: [`arn:aws:kafka:eu-west-1:111111111111:topic/c/u/${topicName}`] });
  }
  public grantConsume(grantee: iam.IGrantable, topicName: string, groupId: string): iam.Grant {
    this.calls.push(`consume ${topicName} ${groupId}`);
    return iam.Grant.addToPrincipal({ grantee, actions: ['kafka-cluster:ReadData'], resourceArns: [`arn:aws:kafka:eu-west-1:111111111111:topic/c/u/${topicName}`] });
  }
}

describe('DataPersonas with Identity Center trust, tenant scoping and topics', () => {
  let f: AccessFixture;
  let personas: DataPersonas;
  let template: Template;
  let topics: RecordingTopics;

  beforeAll(() => {
    f = accessFixture();
    topics = new RecordingTopics();
    personas = new DataPersonas(f.stack, 'Personas', {
      lake: f.lake,
      trust: PersonaTrust.identityCenter(),
      allowedRegions: REGIONS,
      namePrefix: 'test',
      auditTrail: f.audit,
      dataKeys: [f.keys.keyFor('internal')],
      tenantScoped: [Persona.DATA_ANALYST, Persona.CONSUMER_APPLICATION],
      topics: { access: topics, produce: ['orders'], consume: [{ topic: 'orders', groupId: 'billing' }] },
    });
    template = Template.fromStack(f.stack);
  });

  test('creates one role per persona, tagged with its persona and named <prefix>-<persona> under the persona path', () => {
    expect(personas.personaRoles.map((p) => p.persona.name)).toEqual(Persona.names());
    for (const persona of Persona.all()) {
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: `test-${persona.name}`,
        Path: '/data-platform/personas/',
        MaxSessionDuration: 3600,
        Tags: Match.arrayWith([{ Key: PERSONA_TAG_KEY, Value: persona.name }]),
      });
    }
    expect(Persona.names()).toEqual([
      'platform-administrator',
      'data-engineer',
      'data-analyst',
      'data-scientist',
      'auditor',
      'producer-application',
      'consumer-application',
      'break-glass',
    ]);
  });

  test('every role carries a permission boundary: break-glass its own, every other persona the standard one', () => {
    for (const persona of Persona.all()) {
      const boundary = persona === Persona.BREAK_GLASS ? personas.breakGlassBoundary : personas.boundary;
      expect(template.toJSON().Resources[logicalIdOf(personas.roleOf(persona))].Properties.PermissionsBoundary).toEqual({ Ref: logicalIdOf(boundary.policy) });
    }
  });

  test('grants land in one managed policy per persona, never inline', () => {
    for (const { role, persona } of personas.personaRoles) {
      expect({ persona: persona.name, inline: rolePolicyStatements(template, role) }).toEqual({ persona: persona.name, inline: [] });
    }
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'test-data-analyst', Path: '/data-platform/personas/' });
  });

  test('human personas are assumed from their Identity Center permission set', () => {
    const trust = trustOf(template, personas.roleOf(Persona.DATA_ANALYST));
    expect(text(trust[0].Condition)).toContain('aws-reserved/sso.amazonaws.com/*AWSReservedSSO_DataPlatformDataAnalyst_*');
    expect(trust[0].Condition).toHaveProperty('ArnLike');
  });

  test('break-glass is assumed by MFA-signed-in principals of the account, never through the identity provider', () => {
    const trust = trustOf(template, personas.roleOf(Persona.BREAK_GLASS));
    expect(trust[0].Condition).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } });
    expect(text(trust)).not.toContain('AWSReservedSSO');
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'test-break-glass',
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']] }],
    });
  });

  test('application personas are assumed by the workload service', () => {
    expect(trustOf(template, personas.roleOf(Persona.PRODUCER_APPLICATION))[0].Principal).toEqual({ Service: 'ecs-tasks.amazonaws.com' });
  });

  test('analysts read only their tenant prefix of the zones neither raw nor restricted (the default)', () => {
    const statements = managedStatements(template, personas.roleOf(Persona.DATA_ANALYST));
    const resources = text(statements.map((s) => s.Resource));
    expect(resources).toContain('LakeAnalytics');
    expect(resources).toContain('/tenant=${aws:PrincipalTag/tenant}/*');
    expect(resources).toContain('LakeCurated');
    expect(resources).not.toContain('LakeRaw');
    expect(resources).not.toContain('KeysRestricted');
    expect(actions(statements)).not.toEqual(expect.arrayContaining(['s3:PutObject']));
  });

  test('tenant-scoped personas may list a zone only under their tenant prefix and tag sessions only with their own tenant', () => {
    const deny = managedStatements(template, personas.roleOf(Persona.DATA_ANALYST)).find((s) => s.Effect === 'Deny')!;
    expect(deny).toMatchObject({ Action: ['s3:ListBucket', 's3:ListBucketVersions'], Condition: { StringNotLike: { 's3:prefix': 'tenant=${aws:PrincipalTag/tenant}/*' } } });
    const tagSession = trustOf(template, personas.roleOf(Persona.DATA_ANALYST)).find((s) => s.Action === 'sts:TagSession')!;
    // The trust principal's own conditions (the Identity Center role pattern) apply too.
    expect(tagSession.Condition).toMatchObject({ StringEquals: { 'aws:RequestTag/tenant': '${aws:PrincipalTag/tenant}' }, ArnLike: expect.anything() });
    expect(trustOf(template, personas.roleOf(Persona.DATA_ENGINEER)).find((s) => s.Action === 'sts:TagSession')).toBeUndefined();
  });

  test('data engineers read and write every zone and use the data keys', () => {
    const statements = managedStatements(template, personas.roleOf(Persona.DATA_ENGINEER));
    const resources = text(statements.map((s) => s.Resource));
    for (const zone of ['LakeRaw', 'LakeCurated', 'LakeAnalytics']) expect(resources).toContain(zone);
    expect(actions(statements)).toEqual(expect.arrayContaining(['s3:PutObject', 's3:GetObject*', 'kms:Encrypt', 'kms:Decrypt']));
    expect(resources).toContain('KeysInternal');
  });

  test('data scientists read non-restricted zones and write only their sandbox', () => {
    const statements = managedStatements(template, personas.roleOf(Persona.DATA_SCIENTIST));
    expect(text(statements.map((s) => s.Resource))).not.toContain('LakeRaw');
    const writes = statements.filter((s) => actions([s]).includes('s3:PutObject'));
    expect(text(writes.map((s) => s.Resource))).toContain('/sandbox/*');
  });

  test('producers only put objects into the raw zone', () => {
    const statements = managedStatements(template, personas.roleOf(Persona.PRODUCER_APPLICATION));
    expect(actions(statements)).toContain('s3:PutObject');
    expect(actions(statements)).not.toContain('s3:GetObject*');
    expect(text(statements.map((s) => s.Resource))).not.toMatch(/LakeCurated|LakeAnalytics/);
  });

  test('auditors read the audit trail (files, log copy, trail status) and nothing else', () => {
    const statements = managedStatements(template, personas.roleOf(Persona.AUDITOR));
    const resources = text(statements.map((s) => s.Resource));
    expect(resources).toContain('AuditBucket');
    expect(resources).toContain('AuditLogGroup');
    expect(resources).not.toMatch(/LakeRaw|LakeCurated|LakeAnalytics/);
    expect(actions(statements)).toEqual(expect.arrayContaining(['cloudtrail:GetTrailStatus', 'cloudtrail:LookupEvents', 'logs:FilterLogEvents']));
    expect(actions(statements).filter((a) => /Delete|Put|Stop|Update/.test(a))).toEqual([]);
  });

  test('the platform administrator deploys through the CDK bootstrap roles and reads no data', () => {
    const statements = managedStatements(template, personas.roleOf(Persona.PLATFORM_ADMINISTRATOR));
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toBe('sts:AssumeRole');
    expect(text(statements[0].Resource)).toContain(':role/cdk-hnb659fds-*');
  });

  test('topic grants plug in through TopicAccess: producers and engineers produce, consumers and engineers consume', () => {
    expect(topics.calls).toEqual(['produce orders', 'produce orders', 'consume orders billing', 'consume orders billing']);
    expect(actions(managedStatements(template, personas.roleOf(Persona.PRODUCER_APPLICATION)))).toContain('kafka-cluster:WriteData');
    expect(actions(managedStatements(template, personas.roleOf(Persona.CONSUMER_APPLICATION)))).toContain('kafka-cluster:ReadData');
    expect(actions(managedStatements(template, personas.roleOf(Persona.DATA_ENGINEER)))).toEqual(expect.arrayContaining(['kafka-cluster:WriteData', 'kafka-cluster:ReadData']));
  });

  test("the grants leave the keys' policies alone (no cross-stack key policy edits)", () => {
    const keyPolicy = text(template.toJSON().Resources[logicalIdOf(f.keys.keyFor('internal'))].Properties.KeyPolicy);
    expect(keyPolicy).not.toContain('Personas');
  });
});

describe('DataPersonas with account-principal trust', () => {
  test('every human persona requires MFA no older than the configured age', () => {
    const f = accessFixture();
    const personas = new DataPersonas(f.stack, 'P', {
      lake: f.lake,
      trust: PersonaTrust.accountPrincipals({ accounts: ['222222222222', '333333333333'], maxMfaAge: Duration.minutes(30) }),
      allowedRegions: REGIONS,
      namePrefix: 'dev',
    });
    const template = Template.fromStack(f.stack);
    const trust = trustOf(template, personas.roleOf(Persona.DATA_ENGINEER))[0];
    expect(trust.Condition).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '1800' } });
    expect(text(trust.Principal)).toContain('222222222222');
    expect(text(trust.Principal)).toContain('333333333333');
  });
});

test('DataPersonas.roleArn is the ARN of the role the construct creates', () => {
  const f = accessFixture();
  const personas = new DataPersonas(f.stack, 'P', { lake: f.lake, trust: PersonaTrust.identityCenter(), allowedRegions: REGIONS, namePrefix: 'env' });
  const resolve = (v: string) => Stack.of(f.stack).resolve(v);
  expect(text(resolve(DataPersonas.roleArn('env', Persona.BREAK_GLASS)))).toContain(':role/data-platform/personas/env-break-glass');
  expect(Template.fromStack(f.stack).toJSON().Resources[logicalIdOf(personas.roleOf(Persona.BREAK_GLASS))].Properties.RoleName).toBe('env-break-glass');
});

describe('DataPersonas fails if', () => {
  const build = (props: Partial<DataPersonasProps>) => () => {
    const f = accessFixture();
    return new DataPersonas(f.stack, 'P', { lake: f.lake, trust: PersonaTrust.identityCenter(), allowedRegions: REGIONS, namePrefix: 'env', ...props });
  };
  test.each<[string, Partial<DataPersonasProps>, string]>([
    ['analysts would read the raw zone', { analystZones: ['raw'] }, "analystZones[0]: received 'raw' (the raw zone); analysts never read raw or restricted data; allowed: curated, analytics"],
    ['analysts would read a restricted zone', { rawZone: 'curated', analystZones: ['raw'] }, "analystZones[0]: received 'raw' (classified restricted); analysts never read raw or restricted data"],
    ['an analyst zone does not exist', { analystZones: ['gold'] }, "analystZones[0]: received 'gold'; allowed: a zone of the lake (raw, curated, analytics)"],
    ['consumers would read the raw zone', { consumerZones: ['raw'] }, "consumerZones[0]: received 'raw' (the raw zone); consumer applications never read raw or restricted data"],
    ['the sandbox is in the raw zone', { sandboxZone: 'raw' }, "sandboxZone[0]: received 'raw' (the raw zone); data scientists never read raw or restricted data"],
    ['the raw zone does not exist', { rawZone: 'bronze' }, "rawZone: received 'bronze'; allowed: a zone of the lake"],
    ['break-glass is tenant-scoped', { tenantScoped: [Persona.BREAK_GLASS] }, "tenantScoped[0]: received 'break-glass'; allowed: personas other than platform-administrator, auditor, break-glass"],
    ['the name prefix is malformed', { namePrefix: '1 env' }, "namePrefix: received '1 env'; allowed: 1-41 letters"],
    ['the session is too long', { maxSessionDuration: Duration.hours(13) }, 'maxSessionDuration: received 46800 seconds; allowed: 3600 to 43200 seconds'],
    ['the permission set prefix is malformed', { trust: PersonaTrust.identityCenter({ permissionSetPrefix: 'Data Platform' }) }, "trust.permissionSetPrefix: received 'Data Platform'"],
    ['a permission set names an unknown persona', { trust: PersonaTrust.identityCenter({ permissionSetNames: { analyst: 'X' } }) }, 'trust.permissionSetNames.analyst: unknown persona; allowed: platform-administrator'],
    ['an Identity Center account is malformed', { trust: PersonaTrust.identityCenter({ account: '12' }) }, "trust.account: received '12'; allowed: a 12-digit account id"],
    ['a trusted account is malformed', { trust: PersonaTrust.accountPrincipals({ accounts: ['abc'] }) }, "trust.accounts[0]: received 'abc'; allowed: a 12-digit account id"],
    ['no account is trusted', { trust: PersonaTrust.accountPrincipals({ accounts: [] }) }, 'trust.accounts: received none; allowed: at least one account'],
    ['the MFA age is too long', { breakGlassTrust: PersonaTrust.accountPrincipals({ maxMfaAge: Duration.hours(13) }) }, 'trust.maxMfaAge: received 46800 seconds; allowed: 900 to 43200 seconds'],
  ])('%s', (_name, props, message) => {
    expect(build(props)).toThrow(message);
  });

  test('several props are wrong: every problem at once', () => {
    expect(build({ analystZones: ['raw'], namePrefix: '1 env' })).toThrow(/namePrefix[\s\S]*analystZones/);
  });
});

test('Persona.of names the known personas for an unknown name', () => {
  expect(() => Persona.of('admin')).toThrow("Unknown persona 'admin'; allowed: platform-administrator, data-engineer");
  expect(Persona.of('auditor')).toBe(Persona.AUDITOR);
});

test('DataLake.classificationOf gives a zone\'s classification and names the zones for an unknown one', () => {
  const { lake } = accessFixture();
  expect(lake.classificationOf('raw')).toBe('restricted');
  expect(() => lake.classificationOf('gold')).toThrow("has no zone 'gold'; zones: raw, curated, analytics");
});
