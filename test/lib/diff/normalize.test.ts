import { identityOf, normalizeStack, Placeholder, stringReplacer, tagsOf } from '../../../lib/diff/normalize';
import { fixtureEnvironment } from './fixtures';

const HASH = 'a'.repeat(64);

describe('normalisation', () => {
  const env = fixtureEnvironment(
    'dev-eu',
    'eu-west-1',
    {
      Foundation: {
        Key: {
          Type: 'AWS::KMS::Key',
          Properties: {
            Description: 'Data platform internal key (data-platform/dev-eu)',
            Tags: [
              { Key: 'environment', Value: 'dev-eu' },
              { Key: 'residency', Value: 'eu' },
              { Key: 'owner', Value: 'team-a' },
            ],
          },
          Metadata: { 'aws:cdk:path': 'dev-eu/Foundation/Key/Resource', cdk_nag: { rules_to_suppress: [] } },
        },
        Alias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/dev-eu/internal', TargetKeyId: { Ref: 'Key' } } },
        Subnet: { Type: 'AWS::EC2::Subnet', Properties: { AvailabilityZone: 'eu-west-1b', VpcId: 'vpc-1' } },
        Asset: { Type: 'AWS::S3::Object', Properties: { Key: `${HASH}.json`, Bucket: 'cdk-hnb659fds-assets-123456789012-eu-west-1' } },
        CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:xyz' } },
      },
    },
    { account: '123456789012', description: 'Data platform dev-eu (eu residency): keys' },
  );
  const stack = env.stacks[0];
  const identity = { ...identityOf(env), availabilityZones: ['eu-west-1a', 'eu-west-1b'] };
  const normalized = normalizeStack(
    { ...stack, template: { ...stack.template, Parameters: { BootstrapVersion: { Type: 'String' } }, Rules: { CheckBootstrapVersion: {} } } },
    identity,
  );
  const resources = normalized.template.Resources as Record<string, { Properties: Record<string, unknown>; Metadata?: unknown }>;

  test('reads the identity from the templates: residency tag and availability zones', () => {
    const found = identityOf(env);
    expect(found.residency).toBe('eu');
    expect(found.availabilityZones).toEqual(['eu-west-1b']);
    expect(found.account).toBe('123456789012');
  });

  test('replaces the environment name in names, aliases and descriptions', () => {
    expect(resources.Alias.Properties.AliasName).toBe(`alias/${Placeholder.ENVIRONMENT}/internal`);
    expect(resources.Key.Properties.Description).toBe(`Data platform internal key (data-platform/${Placeholder.ENVIRONMENT})`);
  });

  test('replaces the residency in the stack description and in residency tags', () => {
    expect(normalized.template.Description).toBe(`Data platform ${Placeholder.ENVIRONMENT} (${Placeholder.RESIDENCY} residency): keys`);
    expect(normalized.tags.get('Key')).toEqual({ environment: Placeholder.ENVIRONMENT, residency: Placeholder.RESIDENCY, owner: 'team-a' });
  });

  test('replaces availability zones by their index, regions, accounts and asset hashes', () => {
    expect(resources.Subnet.Properties.AvailabilityZone).toBe(Placeholder.availabilityZone(1));
    expect(resources.Asset.Properties.Key).toBe(`${Placeholder.ASSET_HASH}.json`);
    expect(resources.Asset.Properties.Bucket).toBe(`cdk-hnb659fds-assets-${Placeholder.ACCOUNT}-${Placeholder.REGION}`);
  });

  test('removes CDK bookkeeping: CDKMetadata, resource Metadata (construct paths, cdk-nag), bootstrap parameter and rule', () => {
    expect(resources.CDKMetadata).toBeUndefined();
    expect(resources.Key.Metadata).toBeUndefined();
    expect(normalized.template.Parameters).toBeUndefined();
    expect(normalized.template.Rules).toBeUndefined();
  });

  test('takes tags out of resources, keeping other values', () => {
    expect(resources.Key.Properties.Tags).toBeUndefined();
    expect(normalized.tags.has('Alias')).toBe(false);
  });

  test('does not modify its input', () => {
    expect((stack.template.Resources as Record<string, { Properties: { AliasName?: string } }>).Alias.Properties.AliasName).toBe('alias/dev-eu/internal');
  });

  test('replaces the longest identity value first (an AZ is not turned into <region>a)', () => {
    const replace = stringReplacer({ environment: 'prod-eu', region: 'eu-central-1', availabilityZones: ['eu-central-1a'] });
    expect(replace('eu-central-1a eu-central-1 prod-eu-Lake')).toBe(`${Placeholder.availabilityZone(0)} ${Placeholder.REGION} ${Placeholder.ENVIRONMENT}-Lake`);
  });

  test('keeps lists of regions (a residency zone) as they are: same zone, same list', () => {
    const policy = { Type: 'AWS::IAM::ManagedPolicy', Properties: { Regions: ['eu-west-1', 'eu-central-1'], Arn: 'arn:aws:kms:eu-west-1:1:key/x' } };
    const out = normalizeStack({ id: 'Access', stackName: 'dev-eu-Access', template: { Resources: { P: policy } } }, { environment: 'dev-eu', region: 'eu-west-1' });
    expect((out.template.Resources as Record<string, { Properties: unknown }>).P.Properties).toEqual({
      Regions: ['eu-west-1', 'eu-central-1'],
      Arn: `arn:aws:kms:${Placeholder.REGION}:1:key/x`,
    });
  });

  test('replaces the environment name in the forms CDK and Glue derive from it (deveu, dev_eu)', () => {
    const replace = stringReplacer({ environment: 'dev-eu', region: 'eu-west-1' });
    expect(replace('LogsEncryptawsmskdeveuevents dev_eu_raw')).toBe(`LogsEncryptawsmsk${Placeholder.ENVIRONMENT}events ${Placeholder.ENVIRONMENT}_raw`);
  });

  test('reads tags in both CloudFormation shapes', () => {
    expect(tagsOf([{ Key: 'a', Value: '1' }])).toEqual({ a: '1' });
    expect(tagsOf({ a: '1' })).toEqual({ a: '1' });
    expect(tagsOf(undefined)).toEqual({});
  });
});
