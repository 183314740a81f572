import { Match, Template } from 'aws-cdk-lib/assertions';
import { loadDefaultEnvironment, parseEnvironment } from '../../lib/config/load';
import { PlatformStage } from '../../lib/platform-stage';
import { REQUIRED_TAG_KEYS } from '../../constructs/governance';
import { platformStage } from '../support/app';
import { stacksOf } from '../support/platform';

const DATA_STORE_TYPES = ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup'];

/** Deletion policy of every data store in a stage, keyed `<stack>/<logical id>`. */
function deletionPolicies(stage: PlatformStage): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const stack of stacksOf(stage)) {
    const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string }>;
    for (const [id, r] of Object.entries(resources)) {
      if (DATA_STORE_TYPES.includes(r.Type)) result[`${stack.node.id}/${id}`] = r.DeletionPolicy;
    }
  }
  return result;
}

describe('production environment (prod-eu)', () => {
  const stage = platformStage('prod-eu');

  test('every stack is pinned to the environment region and protected from deletion', () => {
    for (const stack of stacksOf(stage)) {
      expect(stack.region).toBe('eu-central-1');
      expect(stack.terminationProtection).toBe(true);
    }
  });

  test('every data store is retained', () => {
    const policies = deletionPolicies(stage);
    expect(Object.keys(policies).length).toBeGreaterThanOrEqual(10);
    expect(Object.entries(policies).filter(([, p]) => p !== 'Retain')).toEqual([]);
  });

  test('every taggable resource carries the required tags', () => {
    for (const stack of stacksOf(stage)) {
      const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Properties?: { Tags?: { Key: string }[] } }>;
      for (const [id, r] of Object.entries(resources)) {
        const tags = r.Properties?.Tags;
        if (!Array.isArray(tags)) continue;
        expect({ id, keys: REQUIRED_TAG_KEYS.filter((k) => !tags.some((t) => t.Key === k)) }).toEqual({ id, keys: [] });
      }
    }
  });

  test('the trail records data events of every lake zone', () => {
    const selector = Template.fromStack(stage.audit).toJSON().Resources;
    const trail = Object.values(selector as Record<string, { Type: string; Properties: { EventSelectors: { DataResources: { Values: unknown[] }[] }[] } }>).find(
      (r) => r.Type === 'AWS::CloudTrail::Trail',
    )!;
    expect(trail.Properties.EventSelectors[0].DataResources[0].Values).toHaveLength(3);
  });

  test('zone buckets use the key of their classification', () => {
    const lake = Template.fromStack(stage.lake).toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
    const keyOf = (zone: string) => {
      const bucket = Object.values(lake).find(
        (r) => r.Type === 'AWS::S3::Bucket' && JSON.stringify(r.Properties.Tags).includes(`"Value":"${zone}"`),
      )!;
      return JSON.stringify(bucket.Properties.BucketEncryption);
    };
    expect(keyOf('raw')).toContain('KeysRestricted');
    expect(keyOf('curated')).toContain('KeysConfidential');
    expect(keyOf('analytics')).toContain('KeysInternal');
  });
});

describe('non-production environment with the removal opt-in (dev-eu)', () => {
  const stage = platformStage('dev-eu');
  const policies = deletionPolicies(stage);

  test('lake buckets, keys, flow logs and the erasure index are destroyed with their stacks; nothing of the audit stack is', () => {
    const destroyed = new Set(Object.entries(policies).filter(([, p]) => p === 'Delete').map(([id]) => id.split('/')[0]));
    expect(destroyed).toEqual(new Set(['Foundation', 'Lake', 'Network', 'Privacy', 'Processing', 'Streaming']));
  });

  test('Kafka topics are retained whatever the opt-in says (deleting the resource never drops a topic)', () => {
    const streaming = Template.fromStack(stage.streaming!).toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string }>;
    const topics = Object.values(streaming).filter((r) => r.Type === 'AWS::MSK::Topic');
    expect(topics.length).toBeGreaterThan(0);
    expect(topics.filter((t) => t.DeletionPolicy !== 'Retain')).toEqual([]);
  });

  test('audit evidence is retained whatever the opt-in says', () => {
    const audit = Object.entries(policies).filter(([id]) => id.startsWith('Audit/'));
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(audit.filter(([, p]) => p !== 'Retain')).toEqual([]);
  });

  test('stacks are not termination-protected', () => {
    expect(stacksOf(stage).filter((s) => s.terminationProtection).map((s) => s.node.id)).toEqual([]);
  });
});

test('a non-production environment without the opt-in retains its data', () => {
  const config = parseEnvironment({ ...loadDefaultEnvironment('dev-eu'), removal: { destroyDataOnDelete: false } });
  const policies = deletionPolicies(platformStage(config));
  expect(Object.entries(policies).filter(([, p]) => p !== 'Retain')).toEqual([]);
});

test('an account in the configuration pins every stack to it', () => {
  const config = parseEnvironment({ ...loadDefaultEnvironment('prod-us'), account: '123456789012' });
  const stage = platformStage(config);
  const stacks = stacksOf(stage);
  expect(stacks.length).toBeGreaterThanOrEqual(4);
  expect(stacks.map((s) => `${s.account}/${s.region}`)).toEqual(Array(stacks.length).fill('123456789012/us-east-1'));
});

test('imported keys replace the keys the platform would create', () => {
  const arn = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
  const config = parseEnvironment({ ...loadDefaultEnvironment('dev-eu'), encryption: { importedKeys: { restricted: arn } } });
  const stage = platformStage(config);
  Template.fromStack(stage.foundation).resourceCountIs('AWS::KMS::Key', 3);
  Template.fromStack(stage.lake).hasResourceProperties('AWS::S3::Bucket', {
    BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arn } })] },
  });
});
