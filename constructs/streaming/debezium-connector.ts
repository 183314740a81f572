import { Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kafkaconnect from 'aws-cdk-lib/aws-kafkaconnect';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DebeziumConnectorProps } from './debezium-connector-props';
import { ManagedPolicyGrantee } from './private/managed-policy-grantee';
import { allowLogGroupEncryption } from './private/log-key';
import { StreamingProblem, throwIfProblems } from './problems';

/**
 * Debezium change data capture on MSK Connect: custom plugin from S3, a worker
 * configuration with the Secrets Manager config provider (credentials never appear
 * in the template), IAM authentication and TLS to the cluster, autoscaled workers,
 * worker logs to an encrypted log group. Records go to compacted topics, with
 * deletes as tombstones, so the latest row per key and erasures survive retention.
 */
export class DebeziumConnector extends Construct {
  public readonly connectorName: string;
  public readonly resource: kafkaconnect.CfnConnector;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: DebeziumConnectorProps) {
    super(scope, id);
    const capacity = { mcuCount: 1, minWorkers: 1, maxWorkers: 2, ...props.capacity };
    const problems: StreamingProblem[] = [];
    if (!/^[a-zA-Z0-9-]{1,128}$/.test(props.connectorName)) problems.push({ path: ['connectorName'], received: props.connectorName, allowed: '1-128 letters, digits or hyphens' });
    if (![1, 2, 4, 8].includes(capacity.mcuCount)) problems.push({ path: ['capacity', 'mcuCount'], received: capacity.mcuCount, allowed: '1, 2, 4 or 8' });
    if (capacity.minWorkers < 1 || capacity.maxWorkers < capacity.minWorkers || capacity.maxWorkers > 10) {
      problems.push({ path: ['capacity'], received: `${capacity.minWorkers}-${capacity.maxWorkers} workers`, allowed: '1 <= minWorkers <= maxWorkers <= 10' });
    }
    if (props.tables.length === 0) problems.push({ path: ['tables'], received: [], allowed: 'at least one <schema>.<table>' });
    const topics = new Map(props.cluster.topics.map((t) => [t.topicName, t]));
    props.tables.forEach((table, i) => {
      const topic = topics.get(`${props.topicPrefix}.${table}`);
      if (!topic) problems.push({ path: ['tables', i], received: table, allowed: `a table whose topic '${props.topicPrefix}.${table}' was added to the cluster` });
      else if (!topic.spec.cleanupPolicy?.compacts) problems.push({ path: ['tables', i], received: table, allowed: `a table whose topic '${topic.topicName}' is compacted` });
    });
    if (props.cluster.clientPort !== 9098) problems.push({ path: ['cluster'], received: 'no IAM authentication', allowed: 'a cluster with IAM authentication (MSK Connect signs with IAM)' });
    throwIfProblems(`DebeziumConnector '${this.node.path}'`, problems);

    const stack = Stack.of(this);
    this.connectorName = props.connectorName;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.role = new iam.Role(this, 'ServiceRole', {
      assumedBy: new iam.ServicePrincipal('kafkaconnect.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: `MSK Connect connector ${props.connectorName}: reads its source secret, writes its CDC topics`,
    });
    const grantee = new ManagedPolicyGrantee(this.role, new iam.ManagedPolicy(this, 'Permissions', { description: `Permissions of connector ${props.connectorName}` }));
    for (const table of props.tables) props.cluster.grantProduce(grantee, `${props.topicPrefix}.${table}`);
    // Kafka Connect's own internal topics and group (offsets, configs, status) live under the connector's name.
    props.cluster.grantConsume(grantee, `__amazon_msk_connect_*`, `connect-${props.connectorName}`);
    props.cluster.grantProduce(grantee, `__amazon_msk_connect_*`);
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['kafka-cluster:CreateTopic', 'kafka-cluster:AlterTopic', 'kafka-cluster:DescribeTopicDynamicConfiguration'],
      resourceArns: [props.cluster.arnFor('topic', '__amazon_msk_connect_*')],
    });
    props.credentials.grantRead(grantee);
    props.credentialsKey?.grantDecrypt(grantee);

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `MSK Connect workers of ${props.connectorName}`,
      allowAllOutbound: false,
    });
    props.cluster.connections.allowDefaultPortFrom(this.securityGroup, `Connector ${props.connectorName}`);
    this.securityGroup.addEgressRule(props.cluster.connections.securityGroups[0], ec2.Port.tcp(props.cluster.clientPort), 'Kafka (IAM, TLS)');
    this.securityGroup.addEgressRule(ec2.Peer.ipv4(props.vpc.vpcCidrBlock), ec2.Port.tcp(443), 'AWS APIs through VPC endpoints');
    this.securityGroup.addEgressRule(ec2.Peer.ipv4(props.vpc.vpcCidrBlock), ec2.Port.tcp(props.database.port), 'Source database');

    const logGroupName = `/aws/kafkaconnect/${props.connectorName}`;
    this.logGroup = new logs.LogGroup(this, 'WorkerLogs', {
      logGroupName,
      encryptionKey: props.logEncryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy,
    });
    allowLogGroupEncryption(this, props.logEncryptionKey, logGroupName);

    const plugin = new kafkaconnect.CfnCustomPlugin(this, 'Plugin', {
      name: `${props.connectorName}-debezium-${props.source.name}`,
      contentType: 'ZIP',
      location: { s3Location: { bucketArn: props.pluginBucket.bucketArn, fileKey: props.pluginKey } },
      description: `Debezium ${props.source.name} connector with the MSK config providers`,
    });
    props.pluginBucket.grantRead(grantee, props.pluginKey);

    const workerProperties = [
      'key.converter=org.apache.kafka.connect.storage.StringConverter',
      'value.converter=org.apache.kafka.connect.json.JsonConverter',
      'value.converter.schemas.enable=false',
      'config.providers=secretsmanager',
      'config.providers.secretsmanager.class=com.amazonaws.kafka.config.providers.SecretsManagerConfigProvider',
      `config.providers.secretsmanager.param.region=${stack.region}`,
    ].join('\n');
    const worker = new kafkaconnect.CfnWorkerConfiguration(this, 'WorkerConfiguration', {
      name: `${props.connectorName}-worker`,
      description: 'Secrets from Secrets Manager through the config provider; JSON values',
      propertiesFileContent: Fn.base64(workerProperties),
    });

    const secret = props.credentials.secretName;
    const subnets = props.vpc.selectSubnets(props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED });
    this.resource = new kafkaconnect.CfnConnector(this, 'Resource', {
      connectorName: props.connectorName,
      connectorDescription: `Debezium CDC of ${props.database.name} (${props.tables.join(', ')}) into compacted topics`,
      kafkaConnectVersion: props.connectVersion ?? '3.7.x',
      capacity: {
        autoScaling: {
          mcuCount: capacity.mcuCount,
          minWorkerCount: capacity.minWorkers,
          maxWorkerCount: capacity.maxWorkers,
          scaleInPolicy: { cpuUtilizationPercentage: 20 },
          scaleOutPolicy: { cpuUtilizationPercentage: 75 },
        },
      },
      connectorConfiguration: {
        'connector.class': props.source.connectorClass,
        'tasks.max': '1',
        'database.hostname': props.database.hostname,
        'database.port': String(props.database.port),
        'database.dbname': props.database.name,
        'database.user': `\${secretsmanager:${secret}:username}`,
        'database.password': `\${secretsmanager:${secret}:password}`,
        'database.sslmode': 'require',
        'topic.prefix': props.topicPrefix,
        'table.include.list': props.tables.join(','),
        'tombstones.on.delete': 'true',
        'topic.creation.enable': 'false',
        'snapshot.mode': 'initial',
        'heartbeat.interval.ms': '30000',
        ...(props.source.name === 'postgres' ? { 'plugin.name': 'pgoutput', 'slot.name': props.connectorName.replace(/-/g, '_') } : {}),
      },
      kafkaCluster: {
        apacheKafkaCluster: {
          bootstrapServers: props.cluster.bootstrapBrokers,
          vpc: { securityGroups: [this.securityGroup.securityGroupId], subnets: subnets.subnetIds },
        },
      },
      kafkaClusterClientAuthentication: { authenticationType: 'IAM' },
      kafkaClusterEncryptionInTransit: { encryptionType: 'TLS' },
      plugins: [{ customPlugin: { customPluginArn: plugin.attrCustomPluginArn, revision: plugin.attrRevision } }],
      workerConfiguration: { workerConfigurationArn: worker.attrWorkerConfigurationArn, revision: worker.attrRevision },
      serviceExecutionRoleArn: this.role.roleArn,
      logDelivery: { workerLogDelivery: { cloudWatchLogs: { enabled: true, logGroup: this.logGroup.logGroupName } } },
    });
    this.resource.node.addDependency(grantee.policy);
  }

  /** A metric of this connector in `AWS/KafkaConnect`. */
  public metric(metricName: string, options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/KafkaConnect',
      metricName,
      period: Duration.minutes(1),
      statistic: 'Sum',
      ...options,
      dimensionsMap: { ConnectorName: this.connectorName, ...options.dimensionsMap },
    });
  }

  /** Failed tasks (Kafka Connect `ErroredTaskCount`). */
  public metricErroredTaskCount(options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.metric('ErroredTaskCount', { statistic: 'Maximum', ...options });
  }
}
