import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  DebeziumConnector,
  DebeziumSource,
  FlinkApplication,
  SchemaCompatibility,
  SchemaDataFormat,
  SchemaRegistry,
  StreamingAlarms,
} from '../../../constructs/streaming';
import { cluster, CUSTOMERS, ORDERS, streamingStack } from './fixture';

/** One stack with a cluster, a CDC connector, a Flink application, a registry and the alarms. */
function build(overrides: { connector?: object; flink?: object } = {}) {
  const { stack, vpc, key, logKey } = streamingStack();
  const msk = cluster(stack, vpc, key, logKey);
  msk.addTopic(ORDERS);
  msk.addTopic(CUSTOMERS);
  const bucket = new s3.Bucket(stack, 'Artifacts');
  const connector = new DebeziumConnector(stack, 'Cdc', {
    connectorName: 'crm-customers',
    cluster: msk,
    source: DebeziumSource.POSTGRES,
    database: { hostname: 'crm.internal', port: 5432, name: 'crm' },
    credentials: secretsmanager.Secret.fromSecretNameV2(stack, 'Db', 'cdc/crm'),
    topicPrefix: 'cdc.crm',
    tables: ['public.customers'],
    pluginBucket: bucket,
    pluginKey: 'plugins/debezium.zip',
    vpc,
    logEncryptionKey: logKey,
    ...overrides.connector,
  });
  const flink = new FlinkApplication(stack, 'Flink', {
    applicationName: 'orders-enrichment',
    codeBucket: bucket,
    codeKey: 'flink/app.jar',
    cluster: msk,
    sourceTopics: [ORDERS.name],
    sinkTopics: [CUSTOMERS.name],
    consumerGroup: 'orders-enrichment',
    vpc,
    logEncryptionKey: logKey,
    ...overrides.flink,
  });
  const registry = new SchemaRegistry(stack, 'Registry', { registryName: 'test-streaming' });
  registry.addSchema({ name: ORDERS.name, dataFormat: SchemaDataFormat.AVRO, compatibility: SchemaCompatibility.BACKWARD, versions: ['{"type":"string"}', '{"type":["null","string"]}'] });
  new StreamingAlarms(stack, 'Alarms', {
    cluster: msk,
    alarmTopic: new sns.Topic(stack, 'AlarmTopic'),
    consumerLag: [{ group: 'orders-enrichment', topic: ORDERS.name, maxOffsetLag: 5000, maxTimeLag: Duration.minutes(2) }],
    connectors: [connector],
    flinkApplications: [flink],
  });
  return Template.fromStack(stack);
}

describe('Debezium connector, Flink application, registry and alarms', () => {
  let template: Template;
  beforeAll(() => {
    template = build();
  });

  test('the connector authenticates with IAM over TLS, autoscales and logs to its encrypted group', () => {
    template.hasResourceProperties('AWS::KafkaConnect::Connector', {
      KafkaClusterClientAuthentication: { AuthenticationType: 'IAM' },
      KafkaClusterEncryptionInTransit: { EncryptionType: 'TLS' },
      Capacity: { AutoScaling: { McuCount: 1, MinWorkerCount: 1, MaxWorkerCount: 2, ScaleOutPolicy: { CpuUtilizationPercentage: 75 } } },
      LogDelivery: { WorkerLogDelivery: { CloudWatchLogs: { Enabled: true } } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/aws/kafkaconnect/crm-customers', KmsKeyId: Match.anyValue() });
  });

  test('credentials come from Secrets Manager through the config provider, never the template', () => {
    const [connector] = Object.values(template.findResources('AWS::KafkaConnect::Connector')) as { Properties: { ConnectorConfiguration: Record<string, string> } }[];
    const config = connector.Properties.ConnectorConfiguration;
    expect(config['database.user']).toBe('${secretsmanager:cdc/crm:username}');
    expect(config['database.password']).toBe('${secretsmanager:cdc/crm:password}');
    expect(config['tombstones.on.delete']).toBe('true');
    expect(config['topic.creation.enable']).toBe('false');
    expect(config['connector.class']).toBe('io.debezium.connector.postgresql.PostgresConnector');
    template.hasResourceProperties('AWS::KafkaConnect::WorkerConfiguration', { PropertiesFileContent: { 'Fn::Base64': Match.stringLikeRegexp('SecretsManagerConfigProvider') } });
    template.hasResourceProperties('AWS::KafkaConnect::CustomPlugin', { ContentType: 'ZIP', Location: { S3Location: { FileKey: 'plugins/debezium.zip' } } });
  });

  test('roles get customer-managed policies, not inline ones', () => {
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 2);
    expect(Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p).includes('kafka-cluster'))).toEqual([]);
  });

  test('Flink checkpoints exactly once at the interval, autoscales parallelism and logs', () => {
    template.hasResourceProperties('AWS::KinesisAnalyticsV2::Application', {
      RuntimeEnvironment: 'FLINK-1_20',
      ApplicationConfiguration: {
        FlinkApplicationConfiguration: {
          CheckpointConfiguration: { ConfigurationType: 'CUSTOM', CheckpointingEnabled: true, CheckpointInterval: 60000, MinPauseBetweenCheckpoints: 10000 },
          ParallelismConfiguration: { ConfigurationType: 'CUSTOM', Parallelism: 2, ParallelismPerKPU: 1, AutoScalingEnabled: true },
          MonitoringConfiguration: { ConfigurationType: 'CUSTOM', LogLevel: 'INFO' },
        },
        ApplicationSnapshotConfiguration: { SnapshotsEnabled: true },
        EnvironmentProperties: {
          PropertyGroups: [Match.objectLike({ PropertyMap: Match.objectLike({ 'checkpointing.mode': 'EXACTLY_ONCE', 'state.backend': 'rocksdb', 'sink.delivery.guarantee': 'EXACTLY_ONCE' }) })],
        },
      },
    });
    template.resourceCountIs('AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption', 1);
  });

  test('the registry registers every version in order with the declared compatibility', () => {
    template.hasResourceProperties('AWS::Glue::Schema', { Name: 'orders.events.v1', DataFormat: 'AVRO', Compatibility: 'BACKWARD', SchemaDefinition: '{"type":"string"}' });
    template.hasResource('AWS::Glue::SchemaVersion', { Properties: { SchemaDefinition: '{"type":["null","string"]}' }, DependsOn: [Match.stringLikeRegexp('RegistrySchema')] });
  });

  test.each([
    ['offline partitions', 'test-events-offline-partitions', 0],
    ['under-replicated partitions', 'test-events-under-replicated-partitions', 0],
    ['active controller', 'test-events-active-controller', 0],
    ['disk used', 'test-events-disk-used', 85],
    ['offset lag', 'test-events-lag-records-orders-enrichment-orders.events.v1', 5000],
    ['time lag', 'test-events-lag-seconds-orders-enrichment-orders.events.v1', 120],
    ['connector failures', 'crm-customers-errored-tasks', 0],
    ['Flink restarts', 'orders-enrichment-restarts', 0],
    ['Flink failed checkpoints', 'orders-enrichment-failed-checkpoints', 0],
  ])('alarm on %s notifies the alarm topic', (_, name, threshold) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: name,
      Threshold: threshold,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('AlarmTopic') }],
      OKActions: [{ Ref: Match.stringLikeRegexp('AlarmTopic') }],
    });
  });
});

describe('fails if', () => {
  test('a CDC table has no declared topic', () => {
    expect(() => build({ connector: { tables: ['public.orders'] } })).toThrow("tables[0]: received \"public.orders\"; allowed: a table whose topic 'cdc.crm.public.orders' was added to the cluster");
  });
  test('a CDC topic is not compacted', () => {
    expect(() => build({ connector: { topicPrefix: 'orders', tables: ['events.v1'] } })).toThrow("a table whose topic 'orders.events.v1' is compacted");
  });
  test('connector capacity is impossible', () => {
    expect(() => build({ connector: { capacity: { mcuCount: 3, minWorkers: 3, maxWorkers: 2 } } })).toThrow(/capacity.mcuCount: received 3; allowed: 1, 2, 4 or 8\n.*capacity: received "3-2 workers"/);
  });
  test('the checkpoint pause is not shorter than the interval', () => {
    expect(() => build({ flink: { checkpointInterval: Duration.seconds(10), minPauseBetweenCheckpoints: Duration.seconds(10) } })).toThrow(
      'minPauseBetweenCheckpoints: received "10 seconds"; allowed: less than checkpointInterval (10 seconds)',
    );
  });
  test('max parallelism is below parallelism', () => {
    expect(() => build({ flink: { parallelism: 4, maxParallelism: 2 } })).toThrow('maxParallelism: received 2; allowed: at least parallelism (4)');
  });
});
