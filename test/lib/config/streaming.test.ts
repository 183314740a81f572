import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTopicsCommand } from '../../../bin/topics';
import { ConfigError } from '../../../lib/config/errors';
import { devEu } from '../../../lib/config/environments/dev-eu';
import { prodEu } from '../../../lib/config/environments/prod-eu';
import { loadDefaultEnvironment, parseEnvironment } from '../../../lib/config/load';
import { personaTopics, toTopicSpec } from '../../../lib/config/streaming';
import { checkTopicLock, readTopicLock, renderTopicLock, updateTopicLock } from '../../../lib/streaming/topic-lock';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

type Streaming = typeof prodEu.streaming;
const withStreaming = (base: typeof prodEu | typeof devEu, change: (s: Streaming) => object) => ({ ...base, streaming: change(structuredClone(base.streaming) as Streaming) });
const withTopic = (i: number, change: object) => (s: Streaming) => ({ ...s, topics: s.topics.map((t, j) => (j === i ? { ...t, ...change } : t)) });
const withCluster = (change: object) => (s: Streaming) => ({ ...s, cluster: { ...s.cluster, ...change } });
const CDC = {
  id: 'crm-customers',
  source: 'postgres',
  database: { hostname: 'crm', port: 5432, name: 'crm', credentialsSecretName: 'cdc/crm' },
  topicPrefix: 'cdc.crm',
  tables: ['public.customers'],
  plugin: { key: 'plugins/debezium.zip' },
};
const FLINK = { id: 'enrich', code: { key: 'app.jar' }, sourceTopics: ['orders-events'], sinkTopics: ['orders-enriched'], consumerGroup: 'orders-enrichment' };

describe('fails if', () => {
  test.each<[string, object, RegExp]>([
    ['brokers are not a multiple of the AZs', withStreaming(prodEu, withCluster({ brokerCount: 4 })), /streaming.cluster.brokerCount: received 4; allowed: a multiple of the 3 availability zones/],
    ['production has fewer than 3 brokers', withStreaming({ ...prodEu, availabilityZones: ['eu-central-1a', 'eu-central-1b'] }, withCluster({ brokerCount: 2 })), /brokerCount: received 2; allowed: 3 or more in production/],
    ['production uses burstable brokers', withStreaming(prodEu, withCluster({ instanceType: 'kafka.t3.small' })), /cluster.instanceType: received "kafka.t3.small"; allowed: a non-burstable broker type/],
    ['the Kafka version is malformed', withStreaming(prodEu, withCluster({ kafkaVersion: 'latest' })), /cluster.kafkaVersion: received "latest"; allowed: an MSK Kafka version such as 3.6.0/],
    ['the instance type is malformed', withStreaming(devEu, withCluster({ instanceType: 'm5.large' })), /cluster.instanceType: received "m5.large"; allowed: an MSK broker type/],
    ['max storage is below initial', withStreaming(prodEu, withCluster({ storage: { initialVolumeGiB: 500, maxVolumeGiB: 100 } })), /storage.maxVolumeGiB: received 100; allowed: at least initialVolumeGiB \(500\)/],
    ['no authentication', withStreaming(prodEu, withCluster({ authentication: { iam: false } })), /cluster.authentication: .*allowed: IAM, SASL\/SCRAM users, or both/],
    ['the log retention is not a CloudWatch period', withStreaming(prodEu, withCluster({ logRetentionDays: 13 })), /cluster.logRetentionDays: received 13; not a CloudWatch Logs retention period/],
    ['production keeps broker logs under a year', withStreaming(prodEu, withCluster({ logRetentionDays: 90 })), /cluster.logRetentionDays: received 90; allowed: 365 days or more in production/],
    ['a server property breaks durability', withStreaming(prodEu, withCluster({ serverProperties: { 'min.insync.replicas': 3 } })), /serverProperties.min.insync.replicas: received 3; allowed: a whole number from 1 to 2/],
    ['production lowers the default replication factor', withStreaming(prodEu, withCluster({ serverProperties: { 'default.replication.factor': 2, 'min.insync.replicas': 1, 'transaction.state.log.replication.factor': 2, 'transaction.state.log.min.isr': 1 } })), /serverProperties.default.replication.factor: received 2; allowed: 3 or more in production/],
    ['a topic name breaks Kafka rules', withStreaming(prodEu, withTopic(0, { name: 'orders events', allowReplacement: true })), /streaming.topics\[0\].name: received "orders events"; allowed: 1-249 characters/],
    ['a production topic has RF 2', withStreaming(prodEu, withTopic(0, { replicationFactor: 2, allowReplacement: true })), /topics\[0\].replicationFactor: received 2; allowed: a whole number from 3 to the broker count 3/],
    ['a topic RF exceeds the brokers', withStreaming(devEu, withTopic(0, { replicationFactor: 4, allowReplacement: true })), /topics\[0\].replicationFactor: received 4; allowed: a whole number from 2 to the broker count 3/],
    ['a topic min ISR is not below its RF', withStreaming(prodEu, withTopic(0, { minInSyncReplicas: 3 })), /topics\[0\].minInSyncReplicas: received 3; allowed: a whole number from 1 to 2/],
    ['a compacted topic has no key space size', withStreaming(prodEu, withTopic(2, { compactedSizeGiB: undefined })), /topics\[2\].compactedSizeGiB: .*allowed: the live key space in GiB/],
    ['peak throughput is below the average', withStreaming(prodEu, withTopic(0, { throughput: { averageKiBPerSecond: 100, peakKiBPerSecond: 10 } })), /throughput.peakKiBPerSecond: received 10; allowed: at least averageKiBPerSecond \(100\)/],
    ['partitions are overridden below what throughput needs', withStreaming(prodEu, withTopic(0, { partitions: 2 })), /topics\[0\].partitions: received 2; allowed: 12 or more/],
    ['topics overflow the storage budget', withStreaming(prodEu, withTopic(0, { durability: 'record' })), /streaming.topics: received "[\d.]+ GiB retained x replication factor"; allowed: at most the cluster's storage budget of 4800.0 GiB; over budget from: orders.events.v1/],
    ['a CDC table has no declared topic', withStreaming(prodEu, (s) => ({ ...s, cdc: [{ ...CDC, tables: ['public.orders'] }] })), /cdc\[0\].tables\[0\]: received "public.orders"; allowed: a table whose topic 'cdc.crm.public.orders' is declared/],
    ['a CDC topic is not compacted', withStreaming(prodEu, (s) => ({ ...s, cdc: [{ ...CDC, topicPrefix: 'orders', tables: ['events.v1'] }] })), /cdc\[0\].tables\[0\]: received "events.v1"; allowed: a table whose topic 'orders.events.v1' is compacted/],
    ['CDC workers max is below min', withStreaming(prodEu, (s) => ({ ...s, cdc: [{ ...CDC, capacity: { minWorkers: 3, maxWorkers: 2 } }] })), /cdc\[0\].capacity.maxWorkers: received 2; allowed: at least minWorkers \(3\)/],
    ['CDC without IAM on the cluster', withStreaming(prodEu, (s) => ({ ...s, cluster: { ...s.cluster, authentication: { iam: false, scramUsers: ['legacy'] } }, cdc: [CDC] })), /cdc\[0\]: received "crm-customers"; allowed: CDC connectors only with IAM/],
    ['ids repeat across connectors and applications', withStreaming(prodEu, (s) => ({ ...s, cdc: [CDC], flink: [{ ...FLINK, id: 'crm-customers' }] })), /flink\[0\].id: received "crm-customers"; allowed: an id unique/],
    ['a Flink source topic is unknown', withStreaming(prodEu, (s) => ({ ...s, flink: [{ ...FLINK, sourceTopics: ['nope'] }] })), /flink\[0\].sourceTopics\[0\]: received "nope"; allowed: a topic id of streaming.topics/],
    ['a Flink sink topic is unknown', withStreaming(prodEu, (s) => ({ ...s, flink: [{ ...FLINK, sinkTopics: ['nope'] }] })), /flink\[0\].sinkTopics\[0\]: received "nope"/],
    ['the Flink group is not declared on its source', withStreaming(prodEu, (s) => ({ ...s, flink: [{ ...FLINK, consumerGroup: 'other' }] })), /flink\[0\].consumerGroup: received "other"; allowed: a consumer group declared on topic 'orders-events'/],
    ['Flink max parallelism is below parallelism', withStreaming(prodEu, (s) => ({ ...s, flink: [{ ...FLINK, parallelism: 4, maxParallelism: 2 }] })), /flink\[0\].maxParallelism: received 2; allowed: at least parallelism \(4\)/],
    ['the checkpoint pause is not below the interval', withStreaming(prodEu, (s) => ({ ...s, flink: [{ ...FLINK, checkpointIntervalSeconds: 10, minPauseBetweenCheckpointsSeconds: 10 }] })), /minPauseBetweenCheckpointsSeconds: received 10; allowed: less than checkpointIntervalSeconds \(10\)/],
    ['a schema contract is missing', withStreaming(prodEu, withTopic(0, { schema: { format: 'AVRO', contract: 'nope' } })), /topics\[0\].schema.contract: received "nope"; allowed: a folder under contracts\/ with AVRO versions \(contracts\/nope: no AVRO schema/],
    ['a contract has no version in the declared format', withStreaming(prodEu, withTopic(0, { schema: { format: 'PROTOBUF', contract: 'orders-events' } })), /topics\[0\].schema.contract: received "orders-events"; allowed: a folder under contracts\/ with PROTOBUF versions/],
    ['a deployed topic is renamed', withStreaming(prodEu, withTopic(0, { name: 'orders.events.v2' })), /topics\[0\].name: received "orders.events.v2"; allowed: 'orders.events.v1' \(topic id 'orders-events' is deployed under that name in prod-eu; a rename replaces the topic\), or set allowReplacement: true/],
  ])('%s', (_, input, expected) => {
    expect(messageOf(() => parseEnvironment(input, 'x'))).toMatch(expected);
  });
});

describe('topics as code', () => {
  test('partitions and retention are derived from throughput and durability', () => {
    const env = loadDefaultEnvironment('prod-eu');
    const orders = toTopicSpec(env.streaming!.topics[0], env.streaming!.cluster);
    expect(orders.partitions).toBe(12); // consumer parallelism 12, a multiple of 3 brokers
    expect(orders.retention?.toDays()).toBe(7); // standard durability
    expect(orders.replicationFactor).toBe(3);
  });

  test('a rename is accepted with allowReplacement', () => {
    expect(() => parseEnvironment(withStreaming(prodEu, withTopic(0, { name: 'orders.events.v2', allowReplacement: true })), 'x')).not.toThrow();
  });

  test('an environment not in the lock (a new environment file) is not guarded', () => {
    expect(() => parseEnvironment(withStreaming({ ...prodEu, name: 'prod-eu-2' }, withTopic(0, { name: 'orders.events.v2' })), 'x')).not.toThrow();
  });
});

describe('topic lock', () => {
  const lock = { environments: { e: { t: { name: 'a', replicationFactor: 3 } } } };

  test('refuses a replication factor change of a locked id', () => {
    expect(checkTopicLock('e', [{ id: 't', name: 'a', replicationFactor: 2 }], lock)).toEqual([
      expect.objectContaining({ path: [0, 'replicationFactor'], received: 2, allowed: expect.stringContaining('3 (topic id \'t\' is deployed with it in e') }),
    ]);
  });

  test('keeps retired ids so they are never reused, and sorts for stable diffs', () => {
    const next = updateTopicLock(lock, { e: [{ id: 'b', name: 'b', replicationFactor: 3 }] });
    expect(Object.keys(next.environments.e)).toEqual(['b', 't']);
  });

  test('the committed lock matches the default environments (npm run topics -- check)', () => {
    const out: string[] = [];
    expect(runTopicsCommand(['check'], { out: (s) => out.push(s), err: (s) => out.push(s) })).toBe(0);
  });

  test('check fails on a stale lock; lock rewrites it; bad usage exits 2', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'topics-lock-')), 'topics.lock.json');
    fs.writeFileSync(file, renderTopicLock({ environments: {} }));
    const io = { out: () => undefined, err: () => undefined };
    expect(runTopicsCommand(['check'], io, file)).toBe(1);
    expect(runTopicsCommand(['lock'], io, file)).toBe(0);
    expect(readTopicLock(file).environments['prod-eu']['orders-events']).toEqual({ name: 'orders.events.v1', replicationFactor: 3 });
    expect(runTopicsCommand(['check'], io, file)).toBe(0);
    expect(runTopicsCommand(['nope'], io, file)).toBe(2);
  });
});

describe('persona topics', () => {
  test('the producer writes what no connector or application writes; the consumer reads with groups no application uses, never CDC streams', () => {
    const { streaming } = loadDefaultEnvironment('prod-eu');
    expect(personaTopics(streaming!)).toEqual({
      produce: ['orders.events.v1'],
      consume: [
        { topic: 'orders.events.v1', groupId: 'orders-lake-sink' },
        { topic: 'orders.enriched.v1', groupId: 'analytics-loader' },
      ],
    });
  });

  test('without CDC and Flink, every topic is the applications\' own', () => {
    const { streaming } = loadDefaultEnvironment('dev-eu');
    const bare = personaTopics({ ...streaming!, cdc: [], flink: [] });
    expect(bare.produce).toEqual(['orders.events.v1', 'orders.enriched.v1', 'cdc.crm.public.customers']);
    expect(bare.consume.map((c) => c.groupId)).toContain('orders-enrichment');
  });
});
