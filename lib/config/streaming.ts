import { Duration, Size } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';
import { KafkaInstanceType, KafkaVersion } from '../../constructs/streaming/kafka-version';
import { StreamingProblem } from '../../constructs/streaming/problems';
import { intProperty, serverProperties, validateServerProperties } from '../../constructs/streaming/server-properties';
import { CleanupPolicy, CompressionType, DurabilityClass } from '../../constructs/streaming/topic-settings';
import { retainedBytesPerReplica, sizePartitions } from '../../constructs/streaming/topic-sizing';
import { TopicSpec, validateTopics } from '../../constructs/streaming/topic-spec';
import { loadContract } from '../streaming/schema-evolution';
import { checkTopicLock, readTopicLock } from '../streaming/topic-lock';

/**
 * The `streaming` part of an environment: the MSK cluster, topics as code with their
 * schemas and consumer groups, CDC connectors and Flink applications. Cross-field
 * rules live in `checkStreaming`, called from the environment's `crossFieldChecks`.
 */

export const SCHEMA_FORMATS = ['AVRO', 'PROTOBUF'] as const;
export const COMPATIBILITY_MODES = ['NONE', 'BACKWARD', 'BACKWARD_ALL', 'FORWARD', 'FORWARD_ALL', 'FULL', 'FULL_ALL'] as const;
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];
export const ENHANCED_MONITORING = ['DEFAULT', 'PER_BROKER', 'PER_TOPIC_PER_BROKER', 'PER_TOPIC_PER_PARTITION'] as const;
export const CDC_SOURCES = ['postgres', 'mysql'] as const;
export const MSK_CONNECT_MCU = [1, 2, 4, 8] as const;
export const FLINK_RUNTIMES = ['FLINK-1_18', 'FLINK-1_19', 'FLINK-1_20'] as const;

const int = (what: string, min: number, max: number) => z.number().int(`${what} must be a whole number`).min(min).max(max);
const s3Key = z.string().regex(/^[A-Za-z0-9!_.*'()/-]+$/, 'must be an S3 object key').max(1024);
const bucketName = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name');
const ArtifactSchema = z
  .strictObject({
    bucket: bucketName.optional().describe('Bucket holding the artifact. Omit to use the environment\'s streaming artifacts bucket.'),
    key: s3Key.describe('Object key of the artifact.'),
  })
  .describe('An artifact in S3 (plugin zip or application jar).');

const ConsumerGroupSchema = z.strictObject({
  name: z.string().min(1).max(255).describe('Kafka consumer group id.'),
  maxOffsetLag: int('maxOffsetLag', 1, 1_000_000_000).default(10_000).describe('Alarm when the group is this many records behind (MaxOffsetLag).'),
  maxTimeLagSeconds: int('maxTimeLagSeconds', 1, 604_800).default(300).describe('Alarm when the group is this many seconds behind (EstimatedMaxTimeLag).'),
});

const TopicSchema = z.strictObject({
  id: z.string().min(1).max(64).describe('Stable id: keys the CloudFormation logical id and the topic lock. Never reuse it for another topic.'),
  name: z.string().min(1).max(249).describe('Kafka topic name.'),
  owner: z.string().min(1).describe('Team accountable for the topic.'),
  description: z.string().max(200).optional(),
  durability: z.enum(DurabilityClass.ALL.map((d) => d.name) as [string, ...string[]]).default('standard').describe('Durability class; decides the default retention (transient 1 d, standard 7 d, replayable 30 d, record 365 d).'),
  retentionHours: int('retentionHours', 1, 87_600).optional().describe('Override of the durability class retention.'),
  throughput: z
    .strictObject({
      averageKiBPerSecond: z.number().min(0).describe('Average write rate; sizes retained storage.'),
      peakKiBPerSecond: z.number().min(0).describe('Peak write rate; sizes partitions.'),
    })
    .describe('Expected write throughput.'),
  consumerParallelism: int('consumerParallelism', 1, 10_000).default(1).describe('Most consumers of one group reading in parallel.'),
  partitions: int('partitions', 1, 10_000).optional().describe('Override of the sized partition count (can grow, never shrink).'),
  replicationFactor: int('replicationFactor', 1, 15).optional().describe('Replicas per partition. Default: the cluster\'s default.replication.factor.'),
  minInSyncReplicas: int('minInSyncReplicas', 1, 14).optional().describe('Topic min.insync.replicas. Default: the cluster\'s.'),
  cleanupPolicy: z.enum(CleanupPolicy.ALL.map((c) => c.value) as [string, ...string[]]).default('delete').describe('compact for CDC and tombstone-driven erasure.'),
  compactedSizeGiB: z.number().min(0).optional().describe('Live key space of a compacted topic, per replica (its retained size).'),
  compression: z.enum(CompressionType.ALL.map((c) => c.value) as [string, ...string[]]).default('producer'),
  maxMessageKiB: int('maxMessageKiB', 1, 8192).default(1024).describe('Largest record batch accepted.'),
  schema: z
    .strictObject({
      format: z.enum(SCHEMA_FORMATS),
      compatibility: z.enum(COMPATIBILITY_MODES).default('BACKWARD'),
      contract: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a folder name under contracts/').describe('Folder under contracts/ with v1, v2, ... schema files.'),
    })
    .optional()
    .describe('Value schema in the Glue Schema Registry.'),
  consumerGroups: z.array(ConsumerGroupSchema).default([]).describe('Consumer groups: IAM grants and lag alarms.'),
  allowReplacement: z.boolean().default(false).describe('Allow a change of name or replication factor, which replaces the topic (data is left behind in the old one).'),
});

const ClusterSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{0,63}$/, 'must be 1-64 letters, digits or hyphens, starting with a letter').optional().describe('Cluster name. Default: <environment>-events.'),
  kafkaVersion: z.string().default(KafkaVersion.V3_9_X.version).describe('Kafka version as MSK names it (3.9.x).'),
  instanceType: z.string().default(KafkaInstanceType.M7G_LARGE.name).describe('Broker instance type (kafka.m7g.large).'),
  brokerCount: int('brokerCount', 1, 90).describe('Brokers; a multiple of the number of availability zones.'),
  storage: z
    .strictObject({
      initialVolumeGiB: int('initialVolumeGiB', 1, 16_384).default(100),
      maxVolumeGiB: int('maxVolumeGiB', 1, 16_384).default(1000).describe('Storage autoscaling ceiling per broker.'),
      targetUtilizationPercent: int('targetUtilizationPercent', 10, 80).default(60).describe('Storage autoscaling target.'),
      budgetPercent: int('budgetPercent', 10, 95).default(80).describe('Share of the maximum storage topics may plan to retain.'),
    })
    .default({ initialVolumeGiB: 100, maxVolumeGiB: 1000, targetUtilizationPercent: 60, budgetPercent: 80 }),
  authentication: z
    .strictObject({
      iam: z.boolean().default(true),
      scramUsers: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'must be lowercase letters, digits and hyphens')).default([]).describe('SASL/SCRAM users for clients that cannot sign with IAM.'),
    })
    .default({ iam: true, scramUsers: [] }),
  enhancedMonitoring: z.enum(ENHANCED_MONITORING).default('PER_TOPIC_PER_BROKER'),
  serverProperties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}).describe('Overrides of the safe server.properties defaults.'),
  logRetentionDays: int('logRetentionDays', 1, 3653).default(90).describe('Broker log retention (a CloudWatch Logs period).'),
  diskUsedAlarmPercent: int('diskUsedAlarmPercent', 50, 95).default(85),
});

const CdcSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'must be lowercase letters, digits and hyphens').describe('Connector id.'),
  source: z.enum(CDC_SOURCES).describe('Database engine (Debezium connector class).'),
  database: z.strictObject({
    hostname: z.string().min(1),
    port: int('port', 1, 65_535),
    name: z.string().min(1).describe('Database name.'),
    credentialsSecretName: z.string().regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'must be a Secrets Manager secret name').describe('Secret (username, password) owned by the database team, encrypted with the environment\'s confidential key.'),
  }),
  topicPrefix: z.string().regex(/^[a-zA-Z0-9._-]{1,100}$/, 'must be a Kafka topic name prefix').describe('Debezium topic.prefix: records go to <prefix>.<schema>.<table>.'),
  tables: z.array(z.string().regex(/^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$/, 'must be <schema>.<table>')).min(1),
  plugin: ArtifactSchema,
  connectVersion: z.string().default('3.7.x'),
  capacity: z
    .strictObject({
      mcuCount: z.union(MSK_CONNECT_MCU.map((n) => z.literal(n)) as [z.ZodLiteral<number>, ...z.ZodLiteral<number>[]]).default(1),
      minWorkers: int('minWorkers', 1, 10).default(1),
      maxWorkers: int('maxWorkers', 1, 10).default(2),
    })
    .default({ mcuCount: 1, minWorkers: 1, maxWorkers: 2 }),
});

const FlinkSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'must be lowercase letters, digits and hyphens'),
  runtime: z.enum(FLINK_RUNTIMES).default('FLINK-1_20'),
  code: ArtifactSchema,
  sourceTopics: z.array(z.string()).min(1).describe('Topic ids read.'),
  sinkTopics: z.array(z.string()).default([]).describe('Topic ids written (exactly once, transactional).'),
  consumerGroup: z.string().min(1).describe('Consumer group of the sources; must be declared on each source topic.'),
  parallelism: int('parallelism', 1, 1000).default(2),
  parallelismPerKpu: int('parallelismPerKpu', 1, 4).default(1),
  maxParallelism: int('maxParallelism', 1, 1000).default(8).describe('Ceiling of parallelism autoscaling.'),
  checkpointIntervalSeconds: int('checkpointIntervalSeconds', 1, 3600).default(60),
  minPauseBetweenCheckpointsSeconds: int('minPauseBetweenCheckpointsSeconds', 0, 3600).default(10),
});

export const StreamingSchema = z
  .strictObject({
    cluster: ClusterSchema,
    topics: z.array(TopicSchema).default([]),
    cdc: z.array(CdcSchema).default([]),
    flink: z.array(FlinkSchema).default([]),
  })
  .describe('Real-time ingestion: MSK cluster, topics as code, schemas, CDC and stream processing.');

export type StreamingConfig = z.output<typeof StreamingSchema>;
export type TopicConfig = StreamingConfig['topics'][number];
export type ClusterConfig = StreamingConfig['cluster'];

/** The cluster name of an environment. */
export function clusterNameOf(envName: string, cluster: ClusterConfig): string {
  return cluster.name ?? `${envName}-events`;
}

/** Resolved server properties of the cluster (safe defaults + overrides). */
export function clusterServerProperties(cluster: ClusterConfig): ReturnType<typeof serverProperties> {
  return serverProperties(cluster.serverProperties);
}

/** Storage the topics may plan to retain: brokers x max volume x budget share. */
export function storageBudget(cluster: ClusterConfig): Size {
  return Size.gibibytes(Math.floor((cluster.brokerCount * cluster.storage.maxVolumeGiB * cluster.storage.budgetPercent) / 100));
}

/** Retention of a topic: its override, else its durability class. */
export function topicRetention(topic: TopicConfig): Duration {
  return topic.retentionHours !== undefined ? Duration.hours(topic.retentionHours) : DurabilityClass.of(topic.durability).retention;
}

/**
 * A configured topic as the construct's typed spec: partitions sized from throughput
 * and parallelism (unless overridden), retention from the durability class (unless
 * overridden), the retained size estimated for the storage budget.
 */
export function toTopicSpec(topic: TopicConfig, cluster: ClusterConfig): TopicSpec {
  const props = clusterServerProperties(cluster);
  const cleanup = CleanupPolicy.of(topic.cleanupPolicy);
  const retention = topicRetention(topic);
  const partitions =
    topic.partitions ??
    sizePartitions({
      peakWritePerSecond: Size.kibibytes(Math.ceil(topic.throughput.peakKiBPerSecond)),
      consumerParallelism: topic.consumerParallelism,
      brokerCount: cluster.brokerCount,
    }).partitions;
  const retained = retainedBytesPerReplica(
    {
      averageWritePerSecond: Size.kibibytes(Math.ceil(topic.throughput.averageKiBPerSecond)),
      retention,
      compactedSize: topic.compactedSizeGiB === undefined ? undefined : Size.mebibytes(Math.ceil(topic.compactedSizeGiB * 1024)),
    },
    cleanup.compacts,
    cleanup.deletesByAge,
  );
  return {
    id: topic.id,
    name: topic.name,
    partitions,
    replicationFactor: topic.replicationFactor ?? intProperty(props, 'default.replication.factor') ?? 3,
    owner: topic.owner,
    minInSyncReplicas: topic.minInSyncReplicas,
    retention,
    cleanupPolicy: cleanup,
    compression: CompressionType.of(topic.compression),
    maxMessageSize: Size.kibibytes(topic.maxMessageKiB),
    retainedSizePerReplica: Size.bytes(Math.ceil(retained)),
    consumerGroups: topic.consumerGroups.map((g) => g.name),
  };
}

/** The lowest replication factor allowed: 3 in production, 2 elsewhere. */
export function minReplicationFactor(production: boolean): number {
  return production ? 3 : 2;
}

type Issue = (path: (string | number)[], input: unknown, message: string) => void;

/**
 * Cross-field rules of `streaming`, given the environment fields they depend on.
 * `report` receives paths relative to the environment.
 */
export function checkStreaming(
  env: { name?: unknown; production?: unknown; availabilityZones?: unknown; streaming?: unknown },
  report: Issue,
): void {
  const parsed = StreamingSchema.safeParse(env.streaming);
  if (!parsed.success) return; // its own issues are already reported
  const streaming = parsed.data;
  const { cluster } = streaming;
  const production = env.production === true;
  const base = ['streaming'];
  const relay = (prefix: (string | number)[], problems: readonly StreamingProblem[]) => {
    for (const p of problems) report([...base, ...prefix, ...p.path], p.received, `allowed: ${p.allowed}`);
  };

  const azCount = Array.isArray(env.availabilityZones) ? env.availabilityZones.length : undefined;
  if (azCount && cluster.brokerCount % azCount !== 0) {
    report([...base, 'cluster', 'brokerCount'], cluster.brokerCount, `allowed: a multiple of the ${azCount} availability zones (brokers spread evenly across zones)`);
  }
  if (production && cluster.brokerCount < 3) {
    report([...base, 'cluster', 'brokerCount'], cluster.brokerCount, 'allowed: 3 or more in production (replication factor 3 needs 3 brokers)');
  }
  try {
    KafkaVersion.of(cluster.kafkaVersion);
  } catch {
    report([...base, 'cluster', 'kafkaVersion'], cluster.kafkaVersion, `allowed: an MSK Kafka version such as ${KafkaVersion.KNOWN.map((v) => v.version).join(', ')}`);
  }
  let instanceType: KafkaInstanceType | undefined;
  try {
    instanceType = KafkaInstanceType.of(cluster.instanceType);
  } catch {
    report([...base, 'cluster', 'instanceType'], cluster.instanceType, 'allowed: an MSK broker type such as kafka.m7g.large');
  }
  if (production && instanceType?.isBurstable) {
    report([...base, 'cluster', 'instanceType'], cluster.instanceType, 'allowed: a non-burstable broker type (m5, m7g) in production');
  }
  if (cluster.storage.maxVolumeGiB < cluster.storage.initialVolumeGiB) {
    report([...base, 'cluster', 'storage', 'maxVolumeGiB'], cluster.storage.maxVolumeGiB, `allowed: at least initialVolumeGiB (${cluster.storage.initialVolumeGiB})`);
  }
  if (!cluster.authentication.iam && cluster.authentication.scramUsers.length === 0) {
    report([...base, 'cluster', 'authentication'], cluster.authentication, 'allowed: IAM, SASL/SCRAM users, or both (unauthenticated access is never enabled)');
  }
  const logPeriods = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number' && v > 0);
  if (!logPeriods.includes(cluster.logRetentionDays)) {
    report([...base, 'cluster', 'logRetentionDays'], cluster.logRetentionDays, `not a CloudWatch Logs retention period; allowed: ${logPeriods.join(', ')}`);
  }
  if (production && cluster.logRetentionDays < 365) {
    report(
      [...base, 'cluster', 'logRetentionDays'],
      cluster.logRetentionDays,
      'allowed: 365 days or more in production (Control Tower CT.CLOUDWATCH.PR.2: log groups kept at least a year)',
    );
  }
  const properties = clusterServerProperties(cluster);
  relay(['cluster', 'serverProperties'], validateServerProperties(properties, cluster.brokerCount));
  const clusterRf = intProperty(properties, 'default.replication.factor');
  if (production && clusterRf !== undefined && clusterRf < 3) {
    report([...base, 'cluster', 'serverProperties', 'default.replication.factor'], clusterRf, 'allowed: 3 or more in production');
  }

  const specs = streaming.topics.map((t) => toTopicSpec(t, cluster));
  const defaultIsr = intProperty(properties, 'min.insync.replicas') ?? 2;
  relay(['topics'], validateTopics(specs, {
    brokerCount: cluster.brokerCount,
    defaultMinInSyncReplicas: defaultIsr,
    minReplicationFactor: minReplicationFactor(production),
    storageBudget: storageBudget(cluster),
  }));
  streaming.topics.forEach((t, i) => {
    const cleanup = CleanupPolicy.of(t.cleanupPolicy);
    if (cleanup.compacts && t.compactedSizeGiB === undefined) {
      report([...base, 'topics', i, 'compactedSizeGiB'], undefined, `allowed: the live key space in GiB (required for a '${t.cleanupPolicy}' topic's storage budget)`);
    }
    if (t.throughput.peakKiBPerSecond < t.throughput.averageKiBPerSecond) {
      report([...base, 'topics', i, 'throughput', 'peakKiBPerSecond'], t.throughput.peakKiBPerSecond, `allowed: at least averageKiBPerSecond (${t.throughput.averageKiBPerSecond})`);
    }
    if (t.schema) {
      try {
        loadContract(t.schema.contract, t.schema.format);
      } catch (e) {
        report([...base, 'topics', i, 'schema', 'contract'], t.schema.contract, `allowed: a folder under contracts/ with ${t.schema.format} versions (${(e as Error).message})`);
      }
    }
    if (t.partitions !== undefined) {
      const sized = sizePartitions({ peakWritePerSecond: Size.kibibytes(Math.ceil(t.throughput.peakKiBPerSecond)), consumerParallelism: t.consumerParallelism }).partitions;
      if (t.partitions < sized) {
        report([...base, 'topics', i, 'partitions'], t.partitions, `allowed: ${sized} or more (the throughput and consumer parallelism need them), or omit it to size automatically`);
      }
    }
  });

  const envName = typeof env.name === 'string' ? env.name : '';
  const lockable = streaming.topics.map((t, i) => ({ ...t, replicationFactor: specs[i].replicationFactor }));
  relay(['topics'], checkTopicLock(envName, lockable, readTopicLock()));

  const topicsById = new Map(streaming.topics.map((t) => [t.id, t]));
  const topicsByName = new Map(streaming.topics.map((t) => [t.name, t]));
  const ids = new Set<string>();
  streaming.cdc.forEach((c, i) => {
    if (ids.has(c.id)) report([...base, 'cdc', i, 'id'], c.id, 'allowed: a unique connector id');
    ids.add(c.id);
    if (c.capacity.maxWorkers < c.capacity.minWorkers) {
      report([...base, 'cdc', i, 'capacity', 'maxWorkers'], c.capacity.maxWorkers, `allowed: at least minWorkers (${c.capacity.minWorkers})`);
    }
    if (!cluster.authentication.iam) report([...base, 'cdc', i], c.id, 'allowed: CDC connectors only with IAM authentication enabled on the cluster (MSK Connect signs with IAM)');
    c.tables.forEach((table, j) => {
      const topicName = `${c.topicPrefix}.${table}`;
      const topic = topicsByName.get(topicName);
      if (!topic) {
        report([...base, 'cdc', i, 'tables', j], table, `allowed: a table whose topic '${topicName}' is declared in streaming.topics (topics are never auto-created)`);
      } else if (!CleanupPolicy.of(topic.cleanupPolicy).compacts) {
        report([...base, 'cdc', i, 'tables', j], table, `allowed: a table whose topic '${topicName}' is compacted (cleanupPolicy compact), so the latest row per key and deletes survive retention`);
      }
    });
  });
  streaming.flink.forEach((f, i) => {
    if (ids.has(f.id)) report([...base, 'flink', i, 'id'], f.id, 'allowed: an id unique among connectors and applications');
    ids.add(f.id);
    if (f.maxParallelism < f.parallelism) report([...base, 'flink', i, 'maxParallelism'], f.maxParallelism, `allowed: at least parallelism (${f.parallelism})`);
    if (f.minPauseBetweenCheckpointsSeconds >= f.checkpointIntervalSeconds) {
      report([...base, 'flink', i, 'minPauseBetweenCheckpointsSeconds'], f.minPauseBetweenCheckpointsSeconds, `allowed: less than checkpointIntervalSeconds (${f.checkpointIntervalSeconds})`);
    }
    f.sourceTopics.forEach((id, j) => {
      const topic = topicsById.get(id);
      if (!topic) report([...base, 'flink', i, 'sourceTopics', j], id, `allowed: a topic id of streaming.topics (${[...topicsById.keys()].join(', ')})`);
      else if (!topic.consumerGroups.some((g) => g.name === f.consumerGroup)) {
        report([...base, 'flink', i, 'consumerGroup'], f.consumerGroup, `allowed: a consumer group declared on topic '${id}' (${topic.consumerGroups.map((g) => g.name).join(', ') || 'none declared'})`);
      }
    });
    f.sinkTopics.forEach((id, j) => {
      if (!topicsById.has(id)) report([...base, 'flink', i, 'sinkTopics', j], id, `allowed: a topic id of streaming.topics (${[...topicsById.keys()].join(', ')})`);
    });
  });
}

/**
 * Topics of the application personas. The producer application writes the topics no
 * platform component writes (not a CDC output, not a Flink sink). The consumer application
 * reads, with each declared consumer group that no Flink application uses, every topic
 * except CDC outputs (raw change streams of operational databases go to their declared
 * processors, not to generic consumers).
 */
export function personaTopics(streaming: StreamingConfig): { produce: string[]; consume: { topic: string; groupId: string }[] } {
  const cdcTopics = new Set(streaming.cdc.flatMap((c) => c.tables.map((t) => `${c.topicPrefix}.${t}`)));
  const sinks = new Set(streaming.flink.flatMap((f) => f.sinkTopics));
  const flinkGroups = new Set(streaming.flink.map((f) => f.consumerGroup));
  const produce = streaming.topics.filter((t) => !cdcTopics.has(t.name) && !sinks.has(t.id)).map((t) => t.name);
  const consume = streaming.topics
    .filter((t) => !cdcTopics.has(t.name))
    .flatMap((t) => t.consumerGroups.filter((g) => !flinkGroups.has(g.name)).map((g) => ({ topic: t.name, groupId: g.name })));
  return { produce, consume };
}
