import { Size } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { EnhancedMonitoring, KafkaInstanceType, MskCluster } from '../../../constructs/streaming';
import { cluster, CUSTOMERS, ORDERS, streamingStack } from './fixture';

describe('a default cluster', () => {
  let template: Template;
  let msk: MskCluster;
  beforeAll(() => {
    const { stack, vpc, key, logKey } = streamingStack();
    msk = cluster(stack, vpc, key, logKey);
    msk.addTopic(ORDERS);
    msk.addTopic(CUSTOMERS);
    const producer = new iam.Role(stack, 'Producer', { assumedBy: new iam.AccountRootPrincipal() });
    msk.grantProduce(producer, ORDERS.name, { transactionalIdPrefix: 'orders-writer' });
    const consumer = new iam.Role(stack, 'Consumer', { assumedBy: new iam.AccountRootPrincipal() });
    msk.grantConsume(consumer, ORDERS.name, 'orders-enrichment');
    template = Template.fromStack(stack);
  });

  test('encrypts at rest with the CMK and allows TLS only, in the cluster too', () => {
    template.hasResourceProperties('AWS::MSK::Cluster', {
      EncryptionInfo: {
        EncryptionAtRest: { DataVolumeKMSKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('DataKey'), 'Arn'] } },
        EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true },
      },
    });
  });

  test('authenticates with IAM, never unauthenticated, no SCRAM without users', () => {
    template.hasResourceProperties('AWS::MSK::Cluster', {
      ClientAuthentication: { Sasl: { Iam: { Enabled: true }, Scram: { Enabled: false } }, Unauthenticated: { Enabled: false } },
    });
    template.resourceCountIs('AWS::MSK::BatchScramSecret', 0);
  });

  test('spreads brokers over the isolated subnets, no public access, default m7g.large', () => {
    template.hasResourceProperties('AWS::MSK::Cluster', {
      NumberOfBrokerNodes: 3,
      KafkaVersion: '3.9.x',
      BrokerNodeGroupInfo: {
        InstanceType: 'kafka.m7g.large',
        ClientSubnets: Match.arrayWith([{ Ref: Match.stringLikeRegexp('VpcdataSubnet1') }]),
        ConnectivityInfo: { PublicAccess: { Type: 'DISABLED' } },
        StorageInfo: { EBSStorageInfo: { VolumeSize: 100 } },
      },
      EnhancedMonitoring: 'PER_TOPIC_PER_BROKER',
    });
  });

  test('logs brokers to a log group encrypted with the log key', () => {
    template.hasResourceProperties('AWS::MSK::Cluster', {
      LoggingInfo: { BrokerLogs: { CloudWatchLogs: { Enabled: true, LogGroup: { Ref: Match.stringLikeRegexp('ClusterBrokerLogs') } } } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/msk/test-events',
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('LogKey'), 'Arn'] },
      RetentionInDays: 90,
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'LogsEncryptawsmsktestevents',
            Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111111111111:log-group:/aws/msk/test-events' } },
          }),
        ]),
      },
    });
  });

  test('applies the safe server properties through a configuration', () => {
    const configs = template.findResources('AWS::MSK::Configuration');
    const [config] = Object.values(configs) as { Properties: { ServerProperties: string; KafkaVersionsList: string[] } }[];
    expect(config.Properties.KafkaVersionsList).toEqual(['3.9.x']);
    for (const line of [
      'auto.create.topics.enable=false',
      'default.replication.factor=3',
      'min.insync.replicas=2',
      'unclean.leader.election.enable=false',
      'transaction.state.log.replication.factor=3',
      'transaction.state.log.min.isr=2',
    ]) {
      expect(config.Properties.ServerProperties.split('\n')).toContain(line);
    }
    template.hasResourceProperties('AWS::MSK::Cluster', {
      ConfigurationInfo: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ClusterConfiguration'), 'Arn'] }, Revision: { 'Fn::GetAtt': [Match.anyValue(), 'LatestRevision.Revision'] } },
    });
  });

  test('autoscales broker storage by target tracking, never scaling in', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ServiceNamespace: 'kafka',
      ScalableDimension: 'kafka:broker-storage:VolumeSize',
      MinCapacity: 100,
      MaxCapacity: 1000,
      ResourceId: { 'Fn::GetAtt': [Match.stringLikeRegexp('Cluster'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 60,
        DisableScaleIn: true,
        PredefinedMetricSpecification: { PredefinedMetricType: 'KafkaBrokerStorageUtilization' },
      },
    });
  });

  test('retains the cluster by default', () => {
    template.hasResource('AWS::MSK::Cluster', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('security group: nothing out, only brokers in', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('MSK brokers of test-events'),
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
    });
    expect(JSON.stringify(template.findResources('AWS::EC2::SecurityGroupIngress'))).not.toContain('0.0.0.0/0');
  });

  test('creates topics as AWS::MSK::Topic, retained, with their configs', () => {
    template.resourceCountIs('AWS::MSK::Topic', 2);
    template.hasResource('AWS::MSK::Topic', {
      DeletionPolicy: 'Retain',
      Properties: {
        TopicName: 'orders.events.v1',
        PartitionCount: 6,
        ReplicationFactor: 3,
        ClusterArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('Cluster'), 'Arn'] },
        Configs: Buffer.from('cleanup.policy=delete\ncompression.type=producer\nmax.message.bytes=1048576\nretention.ms=604800000').toString('base64'),
      },
    });
    const compacted = Object.values(template.findResources('AWS::MSK::Topic', { Properties: { TopicName: 'cdc.crm.public.customers' } }))[0] as {
      Properties: { Configs: string };
    };
    expect(Buffer.from(compacted.Properties.Configs, 'base64').toString()).toBe(
      'cleanup.policy=compact\ncompression.type=producer\ndelete.retention.ms=86400000\nmax.message.bytes=1048576',
    );
  });

  test('keys topic logical ids by the stable topic id, not the name', () => {
    const ids = Object.keys(template.findResources('AWS::MSK::Topic'));
    expect(ids.some((id) => id.startsWith('ClusterTopicOrdersEvents'))).toBe(true);
    expect(ids.some((id) => id.startsWith('ClusterTopicCustomersCdc'))).toBe(true);
  });

  // The stack's region is known, so CDK renders its partition (aws); formatArn keeps it partition-agnostic.
  // The cluster uuid comes from the cluster's ARN, so every ARN names exactly this cluster.
  const clusterArn = Match.objectLike({ 'Fn::GetAtt': [Match.stringLikeRegexp('Cluster'), 'Arn'] });
  const arn = (type: string, name: string) => ({
    'Fn::Join': ['', [`arn:aws:kafka:eu-west-1:111111111111:${type}/test-events/`, { 'Fn::Select': [2, { 'Fn::Split': ['/', clusterArn] }] }, `/${name}`]],
  });

  test('grantProduce: connect, idempotent and transactional writes on the topic of this cluster (uuid from its ARN); the transactional-id prefix by cluster name', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('Producer') }],
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster', 'kafka-cluster:WriteDataIdempotently'], Resource: clusterArn },
          { Effect: 'Allow', Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'], Resource: arn('topic', 'orders.events.v1') },
          { Effect: 'Allow', Action: ['kafka-cluster:AlterTransactionalId', 'kafka-cluster:DescribeTransactionalId'], Resource: 'arn:aws:kafka:eu-west-1:111111111111:transactional-id/test-events/*/orders-writer*' },
        ],
      },
    });
  });

  test('grantConsume: read on the topic, its group only', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('Consumer') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'], Resource: arn('topic', 'orders.events.v1') }),
          Match.objectLike({ Action: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'], Resource: arn('group', 'orders-enrichment') }),
        ]),
      },
    });
  });

  test('exposes IAM port 9098 for clients', () => {
    expect(msk.clientPort).toBe(9098);
    expect(msk.connections.defaultPort?.toString()).toBe('9098');
  });
});

describe('SASL/SCRAM', () => {
  let template: Template;
  beforeAll(() => {
    const { stack, vpc, key, logKey } = streamingStack();
    cluster(stack, vpc, key, logKey, {
      authentication: { iam: false, scramUsers: ['legacy-reporting'] },
      instanceType: KafkaInstanceType.T3_SMALL,
      enhancedMonitoring: EnhancedMonitoring.PER_BROKER,
    });
    template = Template.fromStack(stack);
  });

  test('secrets are named AmazonMSK_*, encrypted with a rotating dedicated key, and associated with the cluster', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'AmazonMSK_test-events_legacy-reporting',
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('ClusterScramSecretsKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, Description: Match.stringLikeRegexp('SASL/SCRAM') });
    template.hasResourceProperties('AWS::MSK::BatchScramSecret', {
      ClusterArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('Cluster'), 'Arn'] },
      SecretArnList: [{ Ref: Match.stringLikeRegexp('ClusterScramLegacyReporting') }],
    });
    template.hasResourceProperties('AWS::MSK::Cluster', {
      ClientAuthentication: { Sasl: { Iam: { Enabled: false }, Scram: { Enabled: true } }, Unauthenticated: { Enabled: false } },
    });
  });
});

describe('fails if', () => {
  const build = (overrides: Parameters<typeof cluster>[4]) => () => {
    const { stack, vpc, key, logKey } = streamingStack();
    cluster(stack, vpc, key, logKey, overrides);
  };

  test.each<[string, Parameters<typeof cluster>[4], string]>([
    ['the broker count is not a multiple of the subnets', { brokerCount: 4 }, 'brokerCount: received 4; allowed: a positive multiple of the 3 subnets'],
    ['the name is malformed', { clusterName: '1-bad_name' }, 'clusterName: received "1-bad_name"; allowed: 1-64 letters'],
    ['storage max is below initial', { storage: { initialSize: Size.gibibytes(200), maxSize: Size.gibibytes(100) } }, 'storage.maxSize: received "100 GiB"; allowed: at least initialSize (200 GiB)'],
    ['storage is not whole GiB', { storage: { initialSize: Size.mebibytes(1500) } }, 'storage.initialSize: received "1.46484375 GiB"; allowed: a whole number of GiB from 1 to 16384'],
    ['the target utilisation is out of range', { storage: { targetUtilizationPercent: 95 } }, 'storage.targetUtilizationPercent: received 95; allowed: a whole percentage from 10 to 80'],
    ['no authentication is left', { authentication: { iam: false } }, 'authentication: received {"iam":false}; allowed: IAM, SCRAM users or both'],
    ['a SCRAM user is malformed', { authentication: { scramUsers: ['Bad User'] } }, 'authentication.scramUsers[0]: received "Bad User"; allowed: lowercase'],
    ['min ISR is not below the replication factor', { serverProperties: { 'min.insync.replicas': 3 } }, 'serverProperties.min.insync.replicas: received 3; allowed: a whole number from 1 to 2'],
    ['the replication factor exceeds the brokers', { serverProperties: { 'default.replication.factor': 4 } }, 'serverProperties.default.replication.factor: received 4; allowed: a whole number from 1 to the broker count (3)'],
    ['topics may be auto-created', { serverProperties: { 'auto.create.topics.enable': true } }, 'serverProperties.auto.create.topics.enable: received true; allowed: false'],
    ['unclean election is on', { serverProperties: { 'unclean.leader.election.enable': 'true' } }, 'serverProperties.unclean.leader.election.enable: received "true"; allowed: false'],
  ])('%s', (_, overrides, message) => {
    expect(build(overrides)).toThrow(message);
  });

  test('one subnet is selected', () => {
    expect(build({ vpcSubnets: { availabilityZones: ['eu-west-1a'], subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, brokerCount: 2 })).toThrow(
      'vpcSubnets: received "1 subnets"; allowed: 2 or 3 subnets',
    );
  });

  test('several problems: all listed at once', () => {
    expect(build({ brokerCount: 4, clusterName: '-' })).toThrow(/\(2 problems\)/);
  });

  test('a topic breaks the rules (reported with the topic id)', () => {
    const { stack, vpc, key, logKey } = streamingStack();
    const msk = cluster(stack, vpc, key, logKey);
    expect(() => msk.addTopic({ ...ORDERS, replicationFactor: 4 })).toThrow("topic 'orders-events'");
    expect(() => msk.addTopic({ ...ORDERS, replicationFactor: 4 })).toThrow('replicationFactor: received 4; allowed: a whole number from 2 to the broker count 3');
  });

  test('topics overflow the storage ceiling (at synth, naming them)', () => {
    const { stack, vpc, key, logKey } = streamingStack();
    const msk = cluster(stack, vpc, key, logKey, { storage: { maxSize: Size.gibibytes(100) } });
    msk.addTopic({ ...ORDERS, retainedSizePerReplica: Size.gibibytes(90) });
    msk.addTopic({ ...CUSTOMERS, retainedSizePerReplica: Size.gibibytes(20) });
    expect(() => stack.node.root.node.findAll()).not.toThrow();
    const errors = msk.node.validate();
    expect(errors).toEqual([expect.stringContaining('over budget from: cdc.crm.public.customers (60.0 GiB)')]);
  });
});
