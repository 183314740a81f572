import { Stack } from 'aws-cdk-lib';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { MSK_KAFKA_DURABILITY } from '../../../../policies/rules/msk/kafka-durability';
import { findingsFor } from '../../utils';

const findings = (build: (stack: Stack) => void) => findingsFor(MSK_KAFKA_DURABILITY.id, build);
const found = (id: string) => [{ rule: 'DataPlatform-MskKafkaDurability', path: `Test/${id}` }];

const SAFE = [
  'auto.create.topics.enable=false',
  'default.replication.factor=3',
  'min.insync.replicas=2',
  'unclean.leader.election.enable=false',
  'transaction.state.log.replication.factor=3',
  'transaction.state.log.min.isr=2',
].join('\n');

function cluster(stack: Stack, overrides: Partial<msk.CfnClusterProps> = {}) {
  new msk.CfnCluster(stack, 'Cluster', {
    clusterName: 'c',
    kafkaVersion: '3.9.x',
    numberOfBrokerNodes: 3,
    brokerNodeGroupInfo: { instanceType: 'kafka.m7g.large', clientSubnets: ['a', 'b', 'c'] },
    encryptionInfo: { encryptionInTransit: { clientBroker: 'TLS', inCluster: true } },
    clientAuthentication: { sasl: { iam: { enabled: true } }, unauthenticated: { enabled: false } },
    ...overrides,
  });
}
const topic = (stack: Stack, replicationFactor: number, configs?: string) =>
  new msk.CfnTopic(stack, 'Topic', {
    clusterArn: 'arn:aws:kafka:eu-west-1:111111111111:cluster/c/x',
    topicName: 't',
    partitionCount: 3,
    replicationFactor,
    configs: configs === undefined ? undefined : Buffer.from(configs).toString('base64'),
  });

describe('compliant', () => {
  test('a TLS-only cluster without unauthenticated access (in-cluster encryption defaults on)', () => {
    expect(findings((s) => cluster(s))).toEqual([]);
    expect(findings((s) => cluster(s, { encryptionInfo: { encryptionInTransit: { clientBroker: 'TLS' } } }))).toEqual([]);
  });
  test('a configuration with the safe server properties', () => {
    expect(findings((s) => new msk.CfnConfiguration(s, 'Config', { name: 'c', serverProperties: SAFE }))).toEqual([]);
  });
  test('a topic with RF 3, with or without min ISR 2', () => {
    expect(findings((s) => topic(s, 3))).toEqual([]);
    expect(findings((s) => topic(s, 3, 'cleanup.policy=compact\nmin.insync.replicas=2'))).toEqual([]);
  });
});

describe('non-compliant', () => {
  test.each<[string, Partial<msk.CfnClusterProps>]>([
    ['plaintext allowed to clients', { encryptionInfo: { encryptionInTransit: { clientBroker: 'TLS_PLAINTEXT', inCluster: true } } }],
    ['no in-transit settings (MSK defaults to TLS but the template must say so)', { encryptionInfo: {} }],
    ['in-cluster encryption off', { encryptionInfo: { encryptionInTransit: { clientBroker: 'TLS', inCluster: false } } }],
    ['unauthenticated access on', { clientAuthentication: { unauthenticated: { enabled: true } } }],
  ])('a cluster with %s', (_, overrides) => {
    expect(findings((s) => cluster(s, overrides))).toEqual(found('Cluster'));
  });

  test.each([
    ['default RF 2', SAFE.replace('default.replication.factor=3', 'default.replication.factor=2')],
    ['min ISR 1', SAFE.replace('min.insync.replicas=2', 'min.insync.replicas=1')],
    ['unclean election on', SAFE.replace('unclean.leader.election.enable=false', 'unclean.leader.election.enable=true')],
    ['unclean election not set', SAFE.replace('unclean.leader.election.enable=false', '')],
    ['transaction log min ISR 1', SAFE.replace('transaction.state.log.min.isr=2', 'transaction.state.log.min.isr=1')],
  ])('a configuration with %s', (_, text) => {
    expect(findings((s) => new msk.CfnConfiguration(s, 'Config', { name: 'c', serverProperties: text }))).toEqual(found('Config'));
  });

  test.each<[string, number, string | undefined]>([
    ['RF 2', 2, undefined],
    ['min ISR 1', 3, 'min.insync.replicas=1'],
    ['min ISR equal to RF', 3, 'min.insync.replicas=3'],
    ['unclean election on', 3, 'unclean.leader.election.enable=true'],
  ])('a topic with %s', (_, rf, configs) => {
    expect(findings((s) => topic(s, rf, configs))).toEqual(found('Topic'));
  });
});

test('other resources are not applicable', () => {
  expect(findings((s) => new s3.CfnBucket(s, 'Bucket'))).toEqual([]);
});
