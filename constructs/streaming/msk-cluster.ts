import { ArnFormat, Duration, Fn, RemovalPolicy, Size, SizeRoundingBehavior, Stack } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { KEY_ADMIN_ACTIONS, KEY_USE_ACTIONS } from '../encryption/platform-keys';
import { KafkaTopic } from './kafka-topic';
import { KafkaInstanceType } from './kafka-version';
import { EnhancedMonitoring, MskClusterProps } from './msk-cluster-props';
import { allowLogGroupEncryption } from './private/log-key';
import { StreamingProblem, throwIfProblems } from './problems';
import { intProperty, renderServerProperties, serverProperties, ServerPropertyValue, validateServerProperties } from './server-properties';
import { TopicSpec, validateTopics } from './topic-spec';

/** Client ports of MSK by authentication. */
export const MSK_PORTS = { TLS: 9094, SASL_SCRAM: 9096, SASL_IAM: 9098 } as const;

/** Options of a produce grant. */
export interface ProduceGrantOptions {
  /**
   * Transactional id prefix of an exactly-once producer: grants the transactional id
   * actions on `<prefix>*`.
   * @default - no transactions
   */
  readonly transactionalIdPrefix?: string;
}

/**
 * An Amazon MSK provisioned cluster that is secure by construction: brokers spread
 * evenly across private subnets, encryption at rest with a customer-managed key,
 * TLS only between clients and brokers and inside the cluster, IAM and/or SASL/SCRAM
 * authentication (never unauthenticated), broker logs to an encrypted log group,
 * enhanced monitoring, EBS storage autoscaling and a configuration with safe server
 * properties (`SAFE_SERVER_PROPERTIES`). Topics are added as code with `addTopic`.
 */
export class MskCluster extends Construct implements ec2.IConnectable {
  public readonly clusterName: string;
  /** The cluster's ARN. */
  public readonly clusterArn: string;
  public readonly brokerCount: number;
  /** The resolved server properties. */
  public readonly serverProperties: Readonly<Record<string, ServerPropertyValue>>;
  public readonly connections: ec2.Connections;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly logGroup: logs.LogGroup;
  public readonly configuration: msk.CfnConfiguration;
  public readonly resource: msk.CfnCluster;
  /** SCRAM secrets by user name. */
  public readonly scramSecrets: Readonly<Record<string, secretsmanager.Secret>>;
  /** Port clients connect to (IAM when enabled, else SCRAM). */
  public readonly clientPort: number;
  private readonly maxVolumeSize: Size;
  private readonly minTopicReplicationFactor: number;
  private readonly topicsById = new Map<string, KafkaTopic>();
  private bootstrap?: string;
  private readonly logEncryptionKey: kms.IKey;
  private readonly logRetention: logs.RetentionDays;
  private readonly removalPolicy: RemovalPolicy;

  constructor(scope: Construct, id: string, props: MskClusterProps) {
    super(scope, id);
    const subnets = props.vpc.selectSubnets(props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED });
    const storage = props.storage ?? {};
    const initial = storage.initialSize ?? Size.gibibytes(100);
    const max = storage.maxSize ?? Size.gibibytes(1000);
    const target = storage.targetUtilizationPercent ?? 60;
    const iamAuth = props.authentication?.iam ?? true;
    const scramUsers = props.authentication?.scramUsers ?? [];
    const properties = serverProperties(props.serverProperties);

    const problems: StreamingProblem[] = [];
    if (!/^[a-zA-Z][a-zA-Z0-9-]{0,63}$/.test(props.clusterName)) {
      problems.push({ path: ['clusterName'], received: props.clusterName, allowed: '1-64 letters, digits or hyphens, starting with a letter' });
    }
    const subnetCount = subnets.subnetIds.length;
    if (!Number.isInteger(props.brokerCount) || props.brokerCount < 1 || (subnetCount > 0 && props.brokerCount % subnetCount !== 0)) {
      problems.push({ path: ['brokerCount'], received: props.brokerCount, allowed: `a positive multiple of the ${subnetCount} subnets (brokers spread evenly across availability zones)` });
    }
    if (subnetCount < 2 || subnetCount > 3) {
      problems.push({ path: ['vpcSubnets'], received: `${subnetCount} subnets`, allowed: '2 or 3 subnets, each in its own availability zone (MSK)' });
    }
    for (const [name, size] of [['initialSize', initial], ['maxSize', max]] as const) {
      const gib = size.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
      if (!Number.isInteger(gib) || gib < 1 || gib > 16384) problems.push({ path: ['storage', name], received: `${gib} GiB`, allowed: 'a whole number of GiB from 1 to 16384' });
    }
    if (max.toBytes() < initial.toBytes()) problems.push({ path: ['storage', 'maxSize'], received: `${max.toGibibytes({ rounding: SizeRoundingBehavior.NONE })} GiB`, allowed: `at least initialSize (${initial.toGibibytes({ rounding: SizeRoundingBehavior.NONE })} GiB)` });
    if (!Number.isInteger(target) || target < 10 || target > 80) problems.push({ path: ['storage', 'targetUtilizationPercent'], received: target, allowed: 'a whole percentage from 10 to 80' });
    if (!iamAuth && scramUsers.length === 0) {
      problems.push({ path: ['authentication'], received: props.authentication, allowed: 'IAM, SCRAM users or both (unauthenticated access is never enabled)' });
    }
    if (new Set(scramUsers).size !== scramUsers.length) problems.push({ path: ['authentication', 'scramUsers'], received: scramUsers, allowed: 'each user once' });
    scramUsers.forEach((u, i) => {
      if (!/^[a-z][a-z0-9-]{0,40}$/.test(u)) problems.push({ path: ['authentication', 'scramUsers', i], received: u, allowed: 'lowercase letters, digits and hyphens' });
    });
    for (const p of validateServerProperties(properties, props.brokerCount)) problems.push({ ...p, path: ['serverProperties', ...p.path] });
    throwIfProblems(`MskCluster '${this.node.path}'`, problems);

    this.clusterName = props.clusterName;
    this.brokerCount = props.brokerCount;
    this.serverProperties = properties;
    this.maxVolumeSize = max;
    this.clientPort = iamAuth ? MSK_PORTS.SASL_IAM : MSK_PORTS.SASL_SCRAM;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.removalPolicy = removalPolicy;
    this.logEncryptionKey = props.logEncryptionKey;
    this.logRetention = props.logRetention ?? logs.RetentionDays.THREE_MONTHS;

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `MSK brokers of ${props.clusterName}: clients are allowed in explicitly`,
      allowAllOutbound: false,
    });
    this.connections = new ec2.Connections({ securityGroups: [this.securityGroup], defaultPort: ec2.Port.tcp(this.clientPort) });
    this.securityGroup.addIngressRule(this.securityGroup, ec2.Port.tcpRange(MSK_PORTS.TLS, MSK_PORTS.SASL_IAM), 'Broker to broker (replication, TLS)');

    const logGroupName = `/aws/msk/${props.clusterName}`;
    this.logGroup = new logs.LogGroup(this, 'BrokerLogs', {
      logGroupName,
      encryptionKey: props.logEncryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy,
    });
    allowLogGroupEncryption(this, props.logEncryptionKey, logGroupName);

    this.configuration = new msk.CfnConfiguration(this, 'Configuration', {
      name: `${props.clusterName}-server-properties`,
      description: `Server properties of ${props.clusterName}: durable defaults, topics only as code`,
      kafkaVersionsList: [props.kafkaVersion.version],
      serverProperties: renderServerProperties(properties),
    });

    this.resource = new msk.CfnCluster(this, 'Resource', {
      clusterName: props.clusterName,
      kafkaVersion: props.kafkaVersion.version,
      numberOfBrokerNodes: props.brokerCount,
      brokerNodeGroupInfo: {
        instanceType: (props.instanceType ?? KafkaInstanceType.M7G_LARGE).name,
        clientSubnets: subnets.subnetIds,
        securityGroups: [this.securityGroup.securityGroupId],
        storageInfo: { ebsStorageInfo: { volumeSize: initial.toGibibytes() } },
        connectivityInfo: { publicAccess: { type: 'DISABLED' } },
      },
      encryptionInfo: {
        encryptionAtRest: { dataVolumeKmsKeyId: props.encryptionKey.keyArn },
        encryptionInTransit: { clientBroker: 'TLS', inCluster: true },
      },
      clientAuthentication: {
        sasl: { iam: { enabled: iamAuth }, scram: { enabled: scramUsers.length > 0 } },
        unauthenticated: { enabled: false },
      },
      configurationInfo: { arn: this.configuration.attrArn, revision: this.configuration.attrLatestRevisionRevision },
      enhancedMonitoring: props.enhancedMonitoring ?? EnhancedMonitoring.PER_TOPIC_PER_BROKER,
      loggingInfo: { brokerLogs: { cloudWatchLogs: { enabled: true, logGroup: this.logGroup.logGroupName } } },
    });
    this.resource.applyRemovalPolicy(removalPolicy);
    this.clusterArn = this.resource.attrArn;

    // Storage autoscaling (Application Auto Scaling with its service-linked role; MSK never shrinks volumes).
    const scalable = new appscaling.CfnScalableTarget(this, 'StorageScalableTarget', {
      serviceNamespace: 'kafka',
      scalableDimension: 'kafka:broker-storage:VolumeSize',
      resourceId: this.clusterArn,
      minCapacity: initial.toGibibytes(),
      maxCapacity: max.toGibibytes(),
    });
    new appscaling.CfnScalingPolicy(this, 'StorageScalingPolicy', {
      policyName: `${props.clusterName}-storage`,
      policyType: 'TargetTrackingScaling',
      scalingTargetId: scalable.ref,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: target,
        disableScaleIn: true,
        predefinedMetricSpecification: { predefinedMetricType: 'KafkaBrokerStorageUtilization' },
      },
    });

    this.minTopicReplicationFactor = props.minTopicReplicationFactor ?? 2;
    this.node.addValidation({
      validate: () => {
        const budget = validateTopics(this.topics.map((t) => t.spec), this.topicContext()).filter((p) => p.path.length === 0);
        return budget.map((p) => `topics: received ${String(p.received)}; allowed: ${p.allowed}`);
      },
    });
    this.scramSecrets = scramUsers.length === 0 ? {} : this.createScramSecrets(props, scramUsers, removalPolicy);
  }

  /**
   * The bootstrap broker string for the cluster's client authentication (IAM, else
   * SCRAM), read at deployment with kafka:GetBootstrapBrokers (CloudFormation does
   * not expose it). Created on first use.
   */
  public get bootstrapBrokers(): string {
    if (!this.bootstrap) {
      const field = this.clientPort === MSK_PORTS.SASL_IAM ? 'BootstrapBrokerStringSaslIam' : 'BootstrapBrokerStringSaslScram';
      const call: cr.AwsSdkCall = {
        service: 'Kafka',
        action: 'getBootstrapBrokers',
        parameters: { ClusterArn: this.clusterArn },
        physicalResourceId: cr.PhysicalResourceId.of(`${this.clusterName}-bootstrap-brokers`),
        outputPaths: [field],
      };
      const lookupLogGroupName = `/aws/msk/${this.clusterName}/bootstrap-brokers-lookup`;
      allowLogGroupEncryption(this, this.logEncryptionKey, lookupLogGroupName);
      const lookupLogs = new logs.LogGroup(this, 'BootstrapBrokersLogs', {
        logGroupName: lookupLogGroupName,
        encryptionKey: this.logEncryptionKey,
        retention: this.logRetention,
        removalPolicy: this.removalPolicy,
      });
      const lookup = new cr.AwsCustomResource(this, 'BootstrapBrokers', {
        logGroup: lookupLogs,
        onCreate: call,
        onUpdate: call,
        installLatestAwsSdk: false,
        policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [this.clusterArn] }),
      });
      this.bootstrap = lookup.getResponseField(field);
    }
    return this.bootstrap;
  }

  /** A topic as code (`id` of the spec names the construct, so renames keep the logical id). */
  public addTopic(spec: TopicSpec): KafkaTopic {
    const problems = validateTopics([...[...this.topicsById.values()].map((t) => t.spec), spec], this.topicContext()).filter((p) => p.path[0] === this.topicsById.size);
    throwIfProblems(`topic '${spec.id}' of MskCluster '${this.node.path}'`, problems.map((p) => ({ ...p, path: p.path.slice(1) })));
    const topic = new KafkaTopic(this, `Topic${pascal(spec.id)}`, { clusterArn: this.clusterArn, spec });
    this.topicsById.set(spec.id, topic);
    return topic;
  }

  /** Topics added, in order. */
  public get topics(): readonly KafkaTopic[] {
    return [...this.topicsById.values()];
  }

  /** Storage the retained data of all topics (x replication factor) can never exceed: brokers x maximum volume. */
  public get storageCeiling(): Size {
    return Size.gibibytes(this.brokerCount * this.maxVolumeSize.toGibibytes());
  }

  /** Lets `grantee` produce to `topicName` (idempotently; transactionally with a prefix). */
  public grantProduce(grantee: iam.IGrantable, topicName: string, options: ProduceGrantOptions = {}): iam.Grant {
    let grant = this.grantConnect(grantee, ['kafka-cluster:WriteDataIdempotently']);
    grant = grant.combine(
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'],
        resourceArns: [this.arnFor('topic', topicName)],
      }),
    );
    if (options.transactionalIdPrefix !== undefined) {
      grant = grant.combine(
        iam.Grant.addToPrincipal({
          grantee,
          actions: ['kafka-cluster:DescribeTransactionalId', 'kafka-cluster:AlterTransactionalId'],
          resourceArns: [this.arnFor('transactional-id', `${options.transactionalIdPrefix}*`)],
        }),
      );
    }
    return grant;
  }

  /** Lets `grantee` read `topicName` as consumer group `groupName`. */
  public grantConsume(grantee: iam.IGrantable, topicName: string, groupName: string): iam.Grant {
    return this.grantConnect(grantee)
      .combine(
        iam.Grant.addToPrincipal({
          grantee,
          actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'],
          resourceArns: [this.arnFor('topic', topicName)],
        }),
      )
      .combine(
        iam.Grant.addToPrincipal({
          grantee,
          actions: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'],
          resourceArns: [this.arnFor('group', groupName)],
        }),
      );
  }

  /** Lets `grantee` find the bootstrap brokers of the cluster (kafka:GetBootstrapBrokers). */
  public grantBootstrapBrokers(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: ['kafka:GetBootstrapBrokers', 'kafka:DescribeClusterV2'], resourceArns: [this.clusterArn] });
  }

  /**
   * ARN of a cluster-scoped Kafka resource for IAM access control:
   * `arn:<partition>:kafka:<region>:<account>:<type>/<cluster name>/<cluster uuid>/<name>`.
   * An exact name gets the uuid from the cluster's ARN at deployment (`Fn::Select` over
   * `Fn::Split`), so it names exactly this cluster's resource. A name pattern (`prefix*`,
   * or no name) is already a wildcard: it keeps the uuid a wildcard too, scoped by the
   * cluster name, so the pattern reads as one literal ARN in reviews and findings.
   */
  public arnFor(type: 'cluster' | 'topic' | 'group' | 'transactional-id', name?: string): string {
    if (type === 'cluster') return this.clusterArn;
    const uuid = name !== undefined && !name.includes('*') ? Fn.select(2, Fn.split('/', this.clusterArn)) : '*';
    return Stack.of(this).formatArn({
      service: 'kafka',
      resource: type,
      resourceName: `${this.clusterName}/${uuid}/${name ?? '*'}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  /** A metric of this cluster in `AWS/Kafka`. */
  public metric(metricName: string, options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/Kafka',
      metricName,
      period: Duration.minutes(1),
      ...options,
      dimensionsMap: { 'Cluster Name': this.clusterName, ...options.dimensionsMap },
    });
  }

  /** Partitions without an active leader (must be 0). */
  public metricOfflinePartitionsCount(options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.metric('OfflinePartitionsCount', { statistic: 'Maximum', ...options });
  }

  /** Active controllers reported in the period, summed over brokers (must be exactly 1). */
  public metricActiveControllerCount(options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.metric('ActiveControllerCount', { statistic: 'Sum', ...options });
  }

  /** Under-replicated partitions, the largest over the brokers. */
  public metricUnderReplicatedPartitions(): cloudwatch.IMetric {
    return this.maxOverBrokers('UnderReplicatedPartitions', 'Maximum');
  }

  /** Data log disk used (percent), the fullest broker. */
  public metricDiskUsed(): cloudwatch.IMetric {
    return this.maxOverBrokers('KafkaDataLogsDiskUsed', 'Maximum');
  }

  /** Records a consumer group is behind on a topic, the worst partition. */
  public metricMaxOffsetLag(groupName: string, topicName: string, options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.metric('MaxOffsetLag', { statistic: 'Maximum', ...options, dimensionsMap: { 'Consumer Group': groupName, Topic: topicName } });
  }

  /** Seconds a consumer group is behind on a topic, the worst partition. */
  public metricEstimatedMaxTimeLag(groupName: string, topicName: string, options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.metric('EstimatedMaxTimeLag', { statistic: 'Maximum', ...options, dimensionsMap: { 'Consumer Group': groupName, Topic: topicName } });
  }

  private maxOverBrokers(metricName: string, statistic: string): cloudwatch.IMetric {
    const usingMetrics: Record<string, cloudwatch.IMetric> = {};
    for (let broker = 1; broker <= this.brokerCount; broker++) {
      usingMetrics[`b${broker}`] = this.metric(metricName, { statistic, dimensionsMap: { 'Broker ID': String(broker) } });
    }
    return new cloudwatch.MathExpression({
      expression: `MAX([${Object.keys(usingMetrics).join(', ')}])`,
      usingMetrics,
      label: `${metricName} (max over brokers)`,
      period: Duration.minutes(1),
    });
  }

  private grantConnect(grantee: iam.IGrantable, extra: string[] = []): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster', ...extra],
      resourceArns: [this.arnFor('cluster')],
    });
  }

  private topicContext() {
    return {
      brokerCount: this.brokerCount,
      defaultMinInSyncReplicas: intProperty(this.serverProperties, 'min.insync.replicas') ?? 2,
      minReplicationFactor: this.minTopicReplicationFactor,
      storageBudget: this.storageCeiling,
    };
  }

  private createScramSecrets(props: MskClusterProps, users: readonly string[], removalPolicy: RemovalPolicy): Record<string, secretsmanager.Secret> {
    const key = props.scramSecretsKey ?? this.createScramKey(removalPolicy);
    const secrets: Record<string, secretsmanager.Secret> = {};
    for (const user of users) {
      secrets[user] = new secretsmanager.Secret(this, `Scram${pascal(user)}`, {
        secretName: `AmazonMSK_${props.clusterName}_${user}`,
        description: `SASL/SCRAM credentials of ${user} on ${props.clusterName}`,
        encryptionKey: key,
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ username: user }),
          generateStringKey: 'password',
          excludePunctuation: true,
          passwordLength: 32,
        },
        removalPolicy,
      });
    }
    new msk.CfnBatchScramSecret(this, 'ScramSecrets', {
      clusterArn: this.clusterArn,
      secretArnList: users.map((u) => secrets[u].secretArn),
    });
    return secrets;
  }

  private createScramKey(removalPolicy: RemovalPolicy): kms.Key {
    const stack = Stack.of(this);
    const root = new iam.AccountRootPrincipal();
    return new kms.Key(this, 'ScramSecretsKey', {
      description: `SASL/SCRAM secrets of MSK cluster ${this.clusterName}`,
      enableKeyRotation: true,
      removalPolicy,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ sid: 'KeyAdministrationByAccount', principals: [root], actions: [...KEY_ADMIN_ACTIONS], resources: ['*'] }),
          new iam.PolicyStatement({
            sid: 'UseThroughSecretsManager',
            principals: [root],
            actions: [...KEY_USE_ACTIONS, 'kms:CreateGrant'],
            resources: ['*'],
            conditions: { StringEquals: { 'kms:CallerAccount': stack.account, 'kms:ViaService': `secretsmanager.${stack.region}.${stack.urlSuffix}` } },
          }),
        ],
      }),
    });
  }
}

/** `orders-events` -> `OrdersEvents`. */
export function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
