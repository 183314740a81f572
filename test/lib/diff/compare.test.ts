import { compareEnvironments, hasBlockingDataLoss, isEmptyDiff, leafChanges } from '../../../lib/diff/compare';
import { formatDiff } from '../../../lib/diff/format';
import { IntendedDifference, productionDiffers, SideInfo } from '../../../lib/diff/intended';
import { emrCluster, fixtureEnvironment, mskCluster, mskTopic, zoneBucket } from './fixtures';

const dev: SideInfo = { environment: 'dev-eu', region: 'eu-west-1', production: false };
const devAgain: SideInfo = { ...dev };
const prod: SideInfo = { environment: 'prod-eu', region: 'eu-central-1', production: true };
const same = { left: dev, right: devAgain };

const lake = (raw: Record<string, unknown> = zoneBucket('raw', { ExpirationInDays: 90 })) => ({ Raw: raw });
const streaming = (cluster = mskCluster(), topic = mskTopic()) => ({ Cluster: cluster, Topic: topic });

describe('compareEnvironments', () => {
  test('two environments that differ only in identity values have no difference', () => {
    const a = fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: { Alias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/dev-eu/raw', TargetKeyId: 'k' } } } });
    const b = fixtureEnvironment('prod-us', 'us-east-1', { Lake: { Alias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/prod-us/raw', TargetKeyId: 'k' } } } });
    const diff = compareEnvironments(a, b, { left: dev, right: { environment: 'prod-us', region: 'us-east-1' } });
    expect(isEmptyDiff(diff)).toBe(true);
  });

  test('ids and names CDK derives from the squashed environment name pair up across environments', () => {
    const ingress = (env: string, hash: string) => ({
      [`ClusterSecurityGroupfrom${env}StreamingClientSecurityGroup${hash}9098`]: {
        Type: 'AWS::EC2::SecurityGroupIngress',
        Properties: { GroupId: { Ref: 'Sg' }, SourceSecurityGroupId: { 'Fn::ImportValue': `${env}-Network:Sg` }, IpProtocol: 'tcp', FromPort: 9098, ToPort: 9098 },
      },
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'brokers' } },
      Key: {
        Type: 'AWS::KMS::Key',
        Properties: { KeyPolicy: { Statement: [{ Sid: `LogsEncryptawsmsk${env}events`, Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }] } },
      },
      Rule: { Type: 'AWS::Events::Rule', Properties: { Targets: [{ Id: 't' }] }, DependsOn: [`ClusterSecurityGroupfrom${env}StreamingClientSecurityGroup${hash}9098`] },
    });
    const a = fixtureEnvironment('dev-eu', 'eu-west-1', { Streaming: ingress('deveu', '7A5666E4') });
    const b = fixtureEnvironment('prod-eu', 'eu-central-1', { Streaming: ingress('prodeu', '01C57114') });
    const diff = compareEnvironments(a, b, { left: dev, right: prod }, { intended: [] });
    expect(diff.resources).toEqual([]);
  });

  test('an in-place update lists the leaf that changed, matched by rule id', () => {
    const a = fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: lake() });
    const b = fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: lake(zoneBucket('raw', { ExpirationInDays: 30 })) });
    const diff = compareEnvironments(a, b, same, { intended: [] });
    expect(diff.resources).toHaveLength(1);
    expect(diff.resources[0]).toMatchObject({ stack: 'Lake', logicalId: 'Raw', kind: 'updated', domain: 'lake', replacingProperties: [] });
    expect(diff.resources[0].changes).toEqual([{ path: 'LifecycleConfiguration.Rules[storage-tiers].ExpirationInDays', left: 90, right: 30, intended: undefined }]);
    expect(diff.dataLoss).toEqual([]);
  });

  describe('replacement detection (CloudFormation resource specification, offline)', () => {
    test('fails if a bucket replacement (BucketName) is not flagged as a data-loss risk', () => {
      const named = zoneBucket('raw', { ExpirationInDays: 90 });
      (named.Properties as Record<string, unknown>).BucketName = 'platform-raw';
      const diff = compareEnvironments(fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: lake() }), fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: lake(named) }), same);
      expect(diff.resources[0]).toMatchObject({ kind: 'replaced', replacingProperties: ['BucketName'] });
      expect(diff.dataLoss).toEqual([expect.objectContaining({ stack: 'Lake', logicalId: 'Raw', kind: 'replacement', allowed: false })]);
      expect(diff.dataLoss[0].detail).toContain('the objects in the bucket');
      expect(hasBlockingDataLoss(diff)).toBe(true);
    });

    test('an MSK cluster rename replaces the cluster: data-loss risk', () => {
      const diff = compareEnvironments(
        fixtureEnvironment('dev-eu', 'eu-west-1', { Streaming: streaming() }),
        fixtureEnvironment('dev-eu', 'eu-west-1', { Streaming: streaming(mskCluster({ name: 'events-v2' })) }),
        same,
      );
      const cluster = diff.resources.find((r) => r.logicalId === 'Cluster');
      expect(cluster).toMatchObject({ kind: 'replaced', domain: 'streaming', replacingProperties: ['ClusterName'] });
      expect(diff.dataLoss.map((d) => `${d.logicalId}:${d.kind}`)).toContain('Cluster:replacement');
    });

    test('an MSK topic rename replaces the topic: data-loss risk', () => {
      const diff = compareEnvironments(
        fixtureEnvironment('dev-eu', 'eu-west-1', { Streaming: streaming() }),
        fixtureEnvironment('dev-eu', 'eu-west-1', { Streaming: streaming(mskCluster(), mskTopic({ name: 'orders-v2' })) }),
        same,
      );
      expect(diff.resources.find((r) => r.logicalId === 'Topic')).toMatchObject({ kind: 'replaced', domain: 'streaming' });
      expect(diff.dataLoss).toEqual([expect.objectContaining({ logicalId: 'Topic', resourceType: 'AWS::MSK::Topic', kind: 'replacement' })]);
    });

    test('shrinking MSK broker storage is a data-loss risk even as an update', () => {
      const diff = compareEnvironments(
        fixtureEnvironment('dev-eu', 'eu-west-1', { Streaming: streaming(mskCluster({ volumeGb: 1000 })) }),
        fixtureEnvironment('dev-eu', 'eu-west-1', { Streaming: streaming(mskCluster({ volumeGb: 500 })) }),
        same,
      );
      expect(diff.dataLoss).toEqual([expect.objectContaining({ logicalId: 'Cluster', kind: 'storage-shrink' })]);
      expect(diff.dataLoss[0].detail).toContain('1000 -> 500');
    });

    test('growing MSK broker storage is not', () => {
      const diff = compareEnvironments(
        fixtureEnvironment('dev-eu', 'eu-west-1', { Streaming: streaming(mskCluster({ volumeGb: 1000 })) }),
        fixtureEnvironment('dev-eu', 'eu-west-1', { Streaming: streaming(mskCluster({ volumeGb: 2000 })) }),
        same,
      );
      expect(diff.resources[0]).toMatchObject({ kind: 'updated' });
      expect(diff.dataLoss).toEqual([]);
    });
  });

  describe('deletion', () => {
    test('a data store deleted with DeletionPolicy Delete is a data-loss risk', () => {
      const diff = compareEnvironments(
        fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: lake(zoneBucket('raw', {}, 'Delete')) }),
        fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: {} }),
        same,
      );
      expect(diff.resources[0]).toMatchObject({ kind: 'removed' });
      expect(diff.dataLoss).toEqual([expect.objectContaining({ kind: 'deletion', allowed: false })]);
    });

    test('a retained data store is orphaned, not lost', () => {
      const diff = compareEnvironments(fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: lake() }), fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: {} }), same);
      expect(diff.resources[0]).toMatchObject({ kind: 'orphaned' });
      expect(diff.dataLoss).toEqual([]);
    });

    test('a whole stack missing on the right removes its resources (Glue tables flagged)', () => {
      const table = { Type: 'AWS::Glue::Table', Properties: { CatalogId: '1', DatabaseName: 'db', TableInput: { Name: 't' } } };
      const diff = compareEnvironments(
        fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: lake(), Processing: { Table: table, Cluster: emrCluster() } }),
        fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: lake() }),
        same,
      );
      expect(diff.stacksOnlyLeft).toEqual(['Processing']);
      expect(diff.resources.map((r) => `${r.domain}:${r.logicalId}:${r.kind}`).sort()).toEqual(['processing:Cluster:removed', 'processing:Table:removed']);
      expect(diff.dataLoss.map((d) => d.resourceType)).toEqual(['AWS::Glue::Table']); // an EMR cluster holds no durable data
    });

    test('weakening retention (Retain -> Delete) is a warning, not a blocking risk', () => {
      const diff = compareEnvironments(
        fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: lake(zoneBucket('raw', {}, 'Retain')) }),
        fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: lake(zoneBucket('raw', {}, 'Delete')) }),
        same,
      );
      expect(diff.warnings.map((w) => w.detail.split(':')[0]).sort()).toEqual(['DeletionPolicy Retain -> Delete', 'UpdateReplacePolicy Retain -> Delete']);
      expect(hasBlockingDataLoss(diff)).toBe(false);
    });
  });

  describe('allowing data loss', () => {
    const a = fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: lake(zoneBucket('raw', {}, 'Delete')) });
    const b = fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: {} });

    test('--allow-data-loss accepts every risk', () => {
      const diff = compareEnvironments(a, b, same, { allowDataLoss: true });
      expect(diff.dataLoss[0]).toMatchObject({ allowed: true, allowedBy: '--allow-data-loss' });
      expect(hasBlockingDataLoss(diff)).toBe(false);
    });

    test('a per-resource allow accepts that resource only', () => {
      expect(hasBlockingDataLoss(compareEnvironments(a, b, same, { allowDataLossFor: ['Lake/Raw'] }))).toBe(false);
      expect(hasBlockingDataLoss(compareEnvironments(a, b, same, { allowDataLossFor: ['Lake'] }))).toBe(false);
      expect(hasBlockingDataLoss(compareEnvironments(a, b, same, { allowDataLossFor: ['Lake/Other'] }))).toBe(true);
    });

    test('an intended declaration with allowDataLoss accepts what it covers', () => {
      const declared: IntendedDifference = {
        id: 'raw-retired',
        reason: 'the raw zone moves to the streaming domain',
        appliesTo: () => true,
        match: { stack: 'Lake', resourceType: 'AWS::S3::Bucket' },
        allowDataLoss: true,
      };
      const diff = compareEnvironments(a, b, same, { intended: [declared] });
      expect(diff.resources[0].intended).toBe('raw-retired');
      expect(diff.dataLoss[0]).toMatchObject({ allowed: true, allowedBy: 'intended: raw-retired' });
    });
  });

  describe('intended differences', () => {
    const declarations: IntendedDifference[] = [
      { id: 'broker-count', reason: 'production has more brokers', appliesTo: productionDiffers, match: { resourceType: 'AWS::MSK::Cluster', properties: ['NumberOfBrokerNodes'] } },
      { id: 'cost-centre', reason: 'own cost centre', appliesTo: () => true, match: { tags: ['cost-centre'] } },
    ];
    const a = fixtureEnvironment('dev-eu', 'eu-west-1', { Streaming: streaming(mskCluster({ brokers: 3, instanceType: 'kafka.m5.large' })) });
    const b = fixtureEnvironment('prod-eu', 'eu-central-1', { Streaming: streaming(mskCluster({ brokers: 6, instanceType: 'kafka.m5.xlarge' })) });

    test('a declared difference is marked with its id; an undeclared one on the same resource is not', () => {
      const diff = compareEnvironments(a, b, { left: dev, right: prod }, { intended: declarations });
      const cluster = diff.resources.find((r) => r.logicalId === 'Cluster');
      expect(cluster?.changes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'NumberOfBrokerNodes', left: 3, right: 6, intended: 'broker-count' }),
          expect.objectContaining({ path: 'BrokerNodeGroupInfo.InstanceType', intended: undefined }),
        ]),
      );
      expect(cluster?.intended).toBeUndefined();
      const text = formatDiff(diff);
      const [unexpected, intended] = text.split('Intended differences');
      expect(unexpected).toContain('BrokerNodeGroupInfo.InstanceType: kafka.m5.large -> kafka.m5.xlarge');
      expect(unexpected).not.toContain('NumberOfBrokerNodes');
      expect(intended).toContain('NumberOfBrokerNodes: 3 -> 6');
    });

    test('a declaration applies only to the pairs it names (same kind of environment: unexpected)', () => {
      const diff = compareEnvironments(a, b, { left: dev, right: { ...prod, production: false } }, { intended: declarations });
      expect(diff.resources.flatMap((r) => r.changes).every((c) => c.intended === undefined)).toBe(true);
    });

    test('a declaration with logical id prefixes covers the resources they start and no other', () => {
      const masking: IntendedDifference = { id: 'masking', reason: 'production only', appliesTo: productionDiffers, match: { stack: 'Privacy', logicalIds: ['Masking'] } };
      const role = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [] } } };
      const x = fixtureEnvironment('dev-eu', 'eu-west-1', { Privacy: {} });
      const y = fixtureEnvironment('prod-eu', 'eu-central-1', { Privacy: { MaskingcustomersRoleE251AEFC: role, ErasureRole12345678: role } });
      const diff = compareEnvironments(x, y, { left: dev, right: prod }, { intended: [masking] });
      expect(diff.resources.map((r) => [r.logicalId, r.kind, r.intended])).toEqual([
        ['MaskingcustomersRoleE251AEFC', 'added', 'masking'],
        ['ErasureRole12345678', 'added', undefined],
      ]);
    });

    test('the text shares the value lines of resources with the same changes and leaves out an empty intended section', () => {
      const x = fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: { Raw: zoneBucket('raw', {}, 'Delete'), Curated: zoneBucket('curated', {}, 'Delete'), Other: zoneBucket('other', { ExpirationInDays: 30 }, 'Delete') } });
      const y = fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: { Raw: zoneBucket('raw', {}), Curated: zoneBucket('curated', {}), Other: zoneBucket('other', { ExpirationInDays: 60 }) } });
      const text = formatDiff(compareEnvironments(x, y, same, { intended: [] }));
      expect(text).toContain('~ 2 x AWS::S3::Bucket (updated): Lake/Raw, Lake/Curated\n        DeletionPolicy: Delete -> Retain');
      expect(text).toContain('~ Lake/Other AWS::S3::Bucket (updated)');
      expect(text).not.toContain('Intended differences');
    });

    test('tag differences are aggregated over resources and can be declared', () => {
      const x = fixtureEnvironment('dev-eu', 'eu-west-1', { Lake: { Raw: zoneBucket('raw', {}), Curated: zoneBucket('curated', {}) } });
      const y = structuredClone(x) as typeof x;
      for (const r of Object.values(y.stacks[0].template.Resources as Record<string, { Properties: { Tags: { Key: string; Value: string }[] } }>)) {
        r.Properties.Tags = r.Properties.Tags.map((t) => (t.Key === 'cost-centre' ? { ...t, Value: 'cc-2' } : t));
      }
      const diff = compareEnvironments(x, y, same, { intended: declarations });
      expect(diff.resources).toEqual([]);
      expect(diff.tags).toEqual([{ key: 'cost-centre', left: 'cc-1', right: 'cc-2', resources: ['Lake/Raw', 'Lake/Curated'], intended: 'cost-centre' }]);
    });
  });

  test('resources are grouped by domain: by type where distinctive, else by stack', () => {
    const a = fixtureEnvironment('dev-eu', 'eu-west-1', {});
    const b = fixtureEnvironment('dev-eu', 'eu-west-1', {
      Processing: { Cluster: emrCluster(), Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } } },
      Streaming: { Key: { Type: 'AWS::KMS::Key', Properties: {} } },
      Network: { Endpoint: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Interface' } } },
      Misc: { Queue: { Type: 'AWS::SQS::Queue', Properties: {} } },
    });
    const diff = compareEnvironments(a, b, same);
    expect(Object.fromEntries(diff.resources.map((r) => [`${r.stack}/${r.logicalId}`, r.domain]))).toEqual({
      'Processing/Cluster': 'processing',
      'Processing/Role': 'processing',
      'Streaming/Key': 'keys',
      'Network/Endpoint': 'network',
      'Misc/Queue': 'other',
    });
    expect(diff.resources.every((r) => r.kind === 'added')).toBe(true);
    expect(diff.dataLoss).toEqual([]);
  });
});

describe('leafChanges', () => {
  test('matches array elements by identity key, so an inserted statement is one change', () => {
    const a = [{ Sid: 'A', Effect: 'Allow' }, { Sid: 'B', Effect: 'Deny' }];
    const b = [{ Sid: 'Z', Effect: 'Allow' }, ...a];
    expect(leafChanges(a, b, 'Statement')).toEqual([{ path: 'Statement[Z]', left: undefined, right: { Sid: 'Z', Effect: 'Allow' } }]);
  });

  test('treats intrinsics as values', () => {
    expect(leafChanges({ Ref: 'A' }, { Ref: 'B' }, 'KMSMasterKeyID')).toEqual([{ path: 'KMSMasterKeyID', left: { Ref: 'A' }, right: { Ref: 'B' } }]);
  });
});
