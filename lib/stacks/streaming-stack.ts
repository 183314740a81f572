import { Duration, RemovalPolicy, Size, Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { PlatformKeys } from '../../constructs/encryption';
import { PlatformTagKeys } from '../../constructs/governance';
import { PlatformNetwork } from '../../constructs/network';
import { AccessLogsBucket, SecureBucket } from '../../constructs/storage';
import {
  DebeziumConnector,
  DebeziumSource,
  EnhancedMonitoring,
  FlinkApplication,
  FlinkRuntime,
  KafkaInstanceType,
  KafkaVersion,
  MskCluster,
  SchemaCompatibility,
  SchemaDataFormat,
  SchemaRegistry,
  StreamingAlarms,
} from '../../constructs/streaming';
import { EnvironmentConfig } from '../config/schema';
import { clusterNameOf, minReplicationFactor, StreamingConfig, toTopicSpec } from '../config/streaming';
import { loadContract } from '../streaming/schema-evolution';

export interface StreamingStackProps extends StackProps {
  /** The environment; its `streaming` section must be set. */
  readonly config: EnvironmentConfig;
  readonly keys: PlatformKeys;
  readonly network: PlatformNetwork;
  /** The environment's encrypted alarm topic. */
  readonly alarmTopic: sns.ITopic;
}

/**
 * Real-time ingestion of one environment: the MSK cluster with its topics as code,
 * the Glue Schema Registry, Debezium CDC connectors, Flink applications, their
 * artifacts bucket and their alarms.
 */
export class StreamingStack extends Stack {
  public readonly cluster: MskCluster;
  public readonly registry: SchemaRegistry;
  /** Holds connector plugins and application code (`msk-connect/plugins/...`, `flink/<app>/...`). */
  public readonly artifacts: SecureBucket;
  public readonly connectors: DebeziumConnector[] = [];
  public readonly applications: FlinkApplication[] = [];

  constructor(scope: Construct, id: string, props: StreamingStackProps) {
    super(scope, id, props);
    const { config, keys, network } = props;
    if (!config.streaming) throw new Error(`StreamingStack '${id}': environment ${config.name} has no streaming section`);
    const streaming: StreamingConfig = config.streaming;
    const removalPolicy = config.removal.destroyDataOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const { cluster: clusterConfig } = streaming;
    const logRetention = clusterConfig.logRetentionDays as logs.RetentionDays;

    const accessLogs = new AccessLogsBucket(this, 'ArtifactAccessLogs', { removalPolicy });
    this.artifacts = new SecureBucket(this, 'Artifacts', {
      encryptionKey: keys.keyFor('internal'),
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'artifacts/',
      removalPolicy,
    });
    const artifactBucket = (bucket: string | undefined, id: string): s3.IBucket =>
      bucket === undefined ? this.artifacts : s3.Bucket.fromBucketName(this, id, bucket);

    this.cluster = new MskCluster(this, 'Cluster', {
      clusterName: clusterNameOf(config.name, clusterConfig),
      kafkaVersion: KafkaVersion.of(clusterConfig.kafkaVersion),
      instanceType: KafkaInstanceType.of(clusterConfig.instanceType),
      brokerCount: clusterConfig.brokerCount,
      vpc: network.vpc,
      vpcSubnets: network.dataSubnets,
      storage: {
        initialSize: Size.gibibytes(clusterConfig.storage.initialVolumeGiB),
        maxSize: Size.gibibytes(clusterConfig.storage.maxVolumeGiB),
        targetUtilizationPercent: clusterConfig.storage.targetUtilizationPercent,
      },
      encryptionKey: keys.keyFor('restricted'),
      authentication: { iam: clusterConfig.authentication.iam, scramUsers: clusterConfig.authentication.scramUsers },
      logEncryptionKey: keys.auditKey,
      logRetention,
      enhancedMonitoring: clusterConfig.enhancedMonitoring as EnhancedMonitoring,
      serverProperties: clusterConfig.serverProperties,
      minTopicReplicationFactor: minReplicationFactor(config.production),
      removalPolicy,
    });
    Tags.of(this.cluster).add(PlatformTagKeys.DATA_CLASSIFICATION, 'restricted');
    for (const topic of streaming.topics) this.cluster.addTopic(toTopicSpec(topic, clusterConfig));

    this.registry = new SchemaRegistry(this, 'SchemaRegistry', {
      registryName: `${config.name}-streaming`,
      description: `Value schemas of the ${config.name} topics`,
    });
    for (const topic of streaming.topics) {
      if (!topic.schema) continue;
      this.registry.addSchema({
        name: topic.name,
        dataFormat: topic.schema.format as SchemaDataFormat,
        compatibility: topic.schema.compatibility as SchemaCompatibility,
        versions: loadContract(topic.schema.contract, topic.schema.format).map((v) => v.definition),
        description: `${topic.description ?? topic.name} (owner ${topic.owner})`,
      });
    }

    for (const cdc of streaming.cdc) {
      const connector = new DebeziumConnector(this, `Cdc-${cdc.id}`, {
        connectorName: `${config.name}-${cdc.id}`,
        cluster: this.cluster,
        source: DebeziumSource.of(cdc.source),
        database: { hostname: cdc.database.hostname, port: cdc.database.port, name: cdc.database.name },
        credentials: secretsmanager.Secret.fromSecretNameV2(this, `Cdc-${cdc.id}-Credentials`, cdc.database.credentialsSecretName),
        credentialsKey: keys.keyFor('confidential'),
        topicPrefix: cdc.topicPrefix,
        tables: cdc.tables,
        pluginBucket: artifactBucket(cdc.plugin.bucket, `Cdc-${cdc.id}-PluginBucket`),
        pluginKey: cdc.plugin.key,
        vpc: network.vpc,
        vpcSubnets: network.dataSubnets,
        logEncryptionKey: keys.auditKey,
        logRetention,
        connectVersion: cdc.connectVersion,
        capacity: cdc.capacity,
        removalPolicy,
      });
      this.connectors.push(connector);
    }

    const topicName = (topicId: string) => streaming.topics.find((t) => t.id === topicId)!.name;
    for (const app of streaming.flink) {
      this.applications.push(
        new FlinkApplication(this, `Flink-${app.id}`, {
          applicationName: `${config.name}-${app.id}`,
          runtime: FlinkRuntime.of(app.runtime),
          codeBucket: artifactBucket(app.code.bucket, `Flink-${app.id}-CodeBucket`),
          codeKey: app.code.key,
          cluster: this.cluster,
          sourceTopics: app.sourceTopics.map(topicName),
          sinkTopics: app.sinkTopics.map(topicName),
          consumerGroup: app.consumerGroup,
          parallelism: app.parallelism,
          parallelismPerKpu: app.parallelismPerKpu,
          maxParallelism: app.maxParallelism,
          checkpointInterval: Duration.seconds(app.checkpointIntervalSeconds),
          minPauseBetweenCheckpoints: Duration.seconds(app.minPauseBetweenCheckpointsSeconds),
          vpc: network.vpc,
          vpcSubnets: network.dataSubnets,
          logEncryptionKey: keys.auditKey,
          logRetention,
          removalPolicy,
        }),
      );
    }

    new StreamingAlarms(this, 'Alarms', {
      cluster: this.cluster,
      alarmTopic: props.alarmTopic,
      diskUsedPercent: clusterConfig.diskUsedAlarmPercent,
      consumerLag: streaming.topics.flatMap((t) =>
        t.consumerGroups.map((g) => ({ group: g.name, topic: t.name, maxOffsetLag: g.maxOffsetLag, maxTimeLag: Duration.seconds(g.maxTimeLagSeconds) })),
      ),
      connectors: this.connectors,
      flinkApplications: this.applications,
    });
  }
}
