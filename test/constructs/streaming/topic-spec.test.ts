import { Duration, Size } from 'aws-cdk-lib';
import { CleanupPolicy, DurabilityClass, retainedBytesPerReplica, sizePartitions, TopicSpec, TopicValidationContext, validateTopics } from '../../../constructs/streaming';
import { CUSTOMERS, ORDERS } from './fixture';

const CONTEXT: TopicValidationContext = { brokerCount: 3, defaultMinInSyncReplicas: 2, minReplicationFactor: 3 };
const problemsOf = (topics: TopicSpec[], context: TopicValidationContext = CONTEXT) => validateTopics(topics, context).map((p) => `${p.path.join('.')}: ${JSON.stringify(p.received)}; ${p.allowed}`);

describe('sizePartitions', () => {
  test('throughput decides: 12 MiB/s at 5 MiB/s per partition needs 3, rounded to the brokers', () => {
    expect(sizePartitions({ peakWritePerSecond: Size.mebibytes(12), consumerParallelism: 1, brokerCount: 3 })).toEqual({ partitions: 3, forWrites: 3, forReads: 2, forParallelism: 1 });
  });
  test('consumer parallelism decides when it is larger, rounded up to a multiple of the brokers', () => {
    expect(sizePartitions({ peakWritePerSecond: Size.kibibytes(100), consumerParallelism: 7, brokerCount: 3 }).partitions).toBe(9);
  });
  test('read throughput decides with slow consumers', () => {
    expect(sizePartitions({ peakWritePerSecond: Size.mebibytes(10), consumerParallelism: 1, consumerReadPerSecond: Size.mebibytes(1) }).partitions).toBe(10);
  });
  test('fails if the inputs are impossible, listing each', () => {
    expect(() => sizePartitions({ peakWritePerSecond: Size.mebibytes(1), consumerParallelism: 0, brokerCount: 0 })).toThrow(
      /consumerParallelism: received 0; allowed: a whole number, 1 or more\n {2}- brokerCount: received 0/,
    );
  });
});

describe('durability classes and retained size', () => {
  test('classes map to retention', () => {
    expect(DurabilityClass.ALL.map((d) => [d.name, d.retention.toDays()])).toEqual([['transient', 1], ['standard', 7], ['replayable', 30], ['record', 365]]);
    expect(() => DurabilityClass.of('forever')).toThrow("DurabilityClass must be one of transient, standard, replayable, record; received 'forever'");
  });
  test('delete topics keep throughput x retention; compacted ones their key space; compact,delete the smaller', () => {
    const input = { averageWritePerSecond: Size.kibibytes(1), retention: Duration.days(1), compactedSize: Size.mebibytes(10) };
    expect(retainedBytesPerReplica(input, false, true)).toBe(1024 * 86400);
    expect(retainedBytesPerReplica(input, true, false)).toBe(10 * 1024 * 1024);
    expect(retainedBytesPerReplica(input, true, true)).toBe(10 * 1024 * 1024);
    expect(retainedBytesPerReplica({ ...input, compactedSize: undefined }, true, false)).toBe(1024 * 86400);
  });
});

describe('validateTopics', () => {
  test('valid topics have no problems', () => {
    expect(problemsOf([ORDERS, CUSTOMERS])).toEqual([]);
  });

  test.each<[string, Partial<TopicSpec>, string]>([
    ['the id is malformed', { id: 'Orders_Events' }, '0.id: "Orders_Events"; lowercase letters and digits'],
    ['the name breaks Kafka rules', { name: 'orders events' }, "0.name: \"orders events\"; 1-249 characters from a-z, A-Z, 0-9, '.', '_', '-'"],
    ['the name is ..', { name: '..' }, "0.name: \"..\"; 1-249 characters"],
    ['the name is internal', { name: '__consumer_offsets' }, "reserved for Kafka's internal topics"],
    ['partitions are zero', { partitions: 0 }, '0.partitions: 0; a whole number from 1 to 10000'],
    ['the replication factor is below the minimum', { replicationFactor: 2 }, '0.replicationFactor: 2; a whole number from 3 to the broker count 3'],
    ['the replication factor exceeds the brokers', { replicationFactor: 4 }, '0.replicationFactor: 4; a whole number from 3 to the broker count 3'],
    ['min ISR is not below the replication factor', { minInSyncReplicas: 3 }, '0.minInSyncReplicas: 3; a whole number from 1 to 2 (below the replication factor 3)'],
    ['retention is under 10 minutes', { retention: Duration.minutes(5) }, '0.retention: "5 minutes"; 10 minutes or more'],
    ['the max message size is over 8 MiB', { maxMessageSize: Size.mebibytes(16) }, '0.maxMessageSize: "16777216 bytes"; 1 KiB to 8 MiB'],
    ['a consumer group is malformed', { consumerGroups: ['bad group'] }, '0.consumerGroups.0: "bad group"'],
    ['a consumer group is listed twice', { consumerGroups: ['a', 'a'] }, '0.consumerGroups.1: "a"; each group once'],
    ['the owner is blank', { owner: ' ' }, '0.owner: " "; the accountable team'],
  ])('fails if %s', (_, change, message) => {
    expect(problemsOf([{ ...ORDERS, ...change }]).join('\n')).toContain(message);
  });

  test('fails if the cluster default min ISR is not below a topic replication factor', () => {
    expect(problemsOf([{ ...ORDERS, replicationFactor: 2 }], { ...CONTEXT, minReplicationFactor: 2 })).toEqual([
      "0.replicationFactor: 2; more than min.insync.replicas 2 (the cluster's min.insync.replicas), so a write survives one replica being down",
    ]);
  });

  test('fails if the cluster has fewer brokers than the minimum replication factor', () => {
    expect(problemsOf([ORDERS], { ...CONTEXT, brokerCount: 2 })).toEqual(['0.replicationFactor: 3; 3 or more, but the cluster has only 2 brokers: add brokers']);
  });

  test('fails if ids or names repeat, or names collide on . versus _', () => {
    expect(problemsOf([ORDERS, { ...CUSTOMERS, id: ORDERS.id }, { ...CUSTOMERS, id: 'other', name: 'orders_events_v1' }])).toEqual([
      '1.id: "orders-events"; a unique id (topic 0 has it already)',
      "2.name: \"orders_events_v1\"; a name that differs from 'orders.events.v1' by more than '.' versus '_' (their metric names collide)",
    ]);
  });

  test('fails if retained data x replication factor overflows the storage budget, naming the topics over it', () => {
    const big = { ...CUSTOMERS, retainedSizePerReplica: Size.gibibytes(20) };
    expect(problemsOf([ORDERS, big], { ...CONTEXT, storageBudget: Size.gibibytes(50) })).toEqual([
      ': "90.0 GiB retained x replication factor"; at most the cluster\'s storage budget of 50.0 GiB; over budget from: cdc.crm.public.customers (60.0 GiB) (shorten their retention, lower their throughput or raise the maximum broker storage)',
    ]);
  });

  test('cleanup policies and codecs refuse unknown values', () => {
    expect(() => CleanupPolicy.of('purge')).toThrow("CleanupPolicy must be one of delete, compact, compact,delete; received 'purge'");
  });
});
