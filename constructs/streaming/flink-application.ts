import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kda from 'aws-cdk-lib/aws-kinesisanalyticsv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FlinkApplicationProps, FlinkRuntime } from './flink-application-props';
import { ManagedPolicyGrantee } from './private/managed-policy-grantee';
import { allowLogGroupEncryption } from './private/log-key';
import { StreamingProblem, throwIfProblems } from './problems';

/**
 * A Managed Service for Apache Flink application reading and writing MSK topics:
 * code from S3, exactly-once checkpoints at a fixed interval with a minimum pause
 * (the service's RocksDB state backend, incremental), snapshots on update,
 * parallelism autoscaling, INFO logs to an encrypted log group, inside the VPC.
 */
export class FlinkApplication extends Construct {
  public readonly applicationName: string;
  public readonly resource: kda.CfnApplication;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: FlinkApplicationProps) {
    super(scope, id);
    const parallelism = props.parallelism ?? 2;
    const perKpu = props.parallelismPerKpu ?? 1;
    const maxParallelism = props.maxParallelism ?? 8;
    const interval = props.checkpointInterval ?? Duration.minutes(1);
    const pause = props.minPauseBetweenCheckpoints ?? Duration.seconds(10);
    const problems: StreamingProblem[] = [];
    if (!/^[a-zA-Z0-9_.-]{1,128}$/.test(props.applicationName)) problems.push({ path: ['applicationName'], received: props.applicationName, allowed: "1-128 letters, digits, '_', '.', '-'" });
    if (!Number.isInteger(parallelism) || parallelism < 1) problems.push({ path: ['parallelism'], received: parallelism, allowed: 'a whole number, 1 or more' });
    if (!Number.isInteger(perKpu) || perKpu < 1 || perKpu > 4) problems.push({ path: ['parallelismPerKpu'], received: perKpu, allowed: '1 to 4' });
    if (maxParallelism < parallelism) problems.push({ path: ['maxParallelism'], received: maxParallelism, allowed: `at least parallelism (${parallelism})` });
    if (interval.toMilliseconds() < 1000) problems.push({ path: ['checkpointInterval'], received: interval.toHumanString(), allowed: '1 second or more' });
    if (pause.toMilliseconds() >= interval.toMilliseconds()) problems.push({ path: ['minPauseBetweenCheckpoints'], received: pause.toHumanString(), allowed: `less than checkpointInterval (${interval.toHumanString()})` });
    if (props.sourceTopics.length === 0) problems.push({ path: ['sourceTopics'], received: [], allowed: 'at least one topic' });
    throwIfProblems(`FlinkApplication '${this.node.path}'`, problems);

    const stack = Stack.of(this);
    this.applicationName = props.applicationName;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.role = new iam.Role(this, 'ServiceRole', {
      assumedBy: new iam.ServicePrincipal('kinesisanalytics.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: `Flink application ${props.applicationName}: reads its sources, writes its sinks exactly once`,
    });
    const grantee = new ManagedPolicyGrantee(this.role, new iam.ManagedPolicy(this, 'Permissions', { description: `Permissions of Flink application ${props.applicationName}` }));
    for (const topic of props.sourceTopics) props.cluster.grantConsume(grantee, topic, props.consumerGroup);
    for (const topic of props.sinkTopics ?? []) props.cluster.grantProduce(grantee, topic, { transactionalIdPrefix: props.applicationName });
    props.cluster.grantBootstrapBrokers(grantee);
    props.codeBucket.grantRead(grantee, props.codeKey);

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', { vpc: props.vpc, description: `Flink application ${props.applicationName}`, allowAllOutbound: false });
    props.cluster.connections.allowDefaultPortFrom(this.securityGroup, `Flink ${props.applicationName}`);
    this.securityGroup.addEgressRule(props.cluster.connections.securityGroups[0], ec2.Port.tcp(props.cluster.clientPort), 'Kafka (IAM, TLS)');
    this.securityGroup.addEgressRule(ec2.Peer.ipv4(props.vpc.vpcCidrBlock), ec2.Port.tcp(443), 'AWS APIs through VPC endpoints');
    // Networking permissions the service needs to attach ENIs in the VPC.
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:DescribeDhcpOptions', 'ec2:DescribeNetworkInterfaces', 'ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface'],
      resourceArns: ['*'],
    });

    const logGroupName = `/aws/kinesis-analytics/${props.applicationName}`;
    this.logGroup = new logs.LogGroup(this, 'ApplicationLogs', {
      logGroupName,
      encryptionKey: props.logEncryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy,
    });
    allowLogGroupEncryption(this, props.logEncryptionKey, logGroupName);
    const logArn = (name: string) => stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const logStream = new logs.LogStream(this, 'ApplicationLogStream', { logGroup: this.logGroup, logStreamName: 'application', removalPolicy });
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      resourceArns: [logArn(`${logGroupName}:*`), logArn(`${logGroupName}:log-stream:*`)],
    });

    const subnets = props.vpc.selectSubnets(props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED });
    this.resource = new kda.CfnApplication(this, 'Resource', {
      applicationName: props.applicationName,
      applicationDescription: `Filter/transform at ingestion: ${props.sourceTopics.join(', ')} -> ${(props.sinkTopics ?? []).join(', ') || 'no sink topic'}`,
      runtimeEnvironment: (props.runtime ?? FlinkRuntime.FLINK_1_20).name,
      serviceExecutionRole: this.role.roleArn,
      applicationConfiguration: {
        applicationCodeConfiguration: {
          codeContentType: 'ZIPFILE',
          codeContent: { s3ContentLocation: { bucketArn: props.codeBucket.bucketArn, fileKey: props.codeKey } },
        },
        applicationSnapshotConfiguration: { snapshotsEnabled: true },
        flinkApplicationConfiguration: {
          checkpointConfiguration: {
            configurationType: 'CUSTOM',
            checkpointingEnabled: true,
            checkpointInterval: interval.toMilliseconds(),
            minPauseBetweenCheckpoints: pause.toMilliseconds(),
          },
          parallelismConfiguration: { configurationType: 'CUSTOM', parallelism, parallelismPerKpu: perKpu, autoScalingEnabled: true },
          monitoringConfiguration: { configurationType: 'CUSTOM', logLevel: 'INFO', metricsLevel: 'TASK' },
        },
        environmentProperties: {
          propertyGroups: [
            {
              propertyGroupId: 'FlinkApplicationProperties',
              propertyMap: {
                'cluster.arn': props.cluster.clusterArn,
                'source.topics': props.sourceTopics.join(','),
                'source.group.id': props.consumerGroup,
                'source.isolation.level': 'read_committed',
                'sink.topics': (props.sinkTopics ?? []).join(','),
                'sink.delivery.guarantee': 'EXACTLY_ONCE',
                'sink.transactional.id.prefix': props.applicationName,
                'checkpointing.mode': 'EXACTLY_ONCE',
                'state.backend': 'rocksdb',
                'state.backend.incremental': 'true',
                'max.parallelism': String(maxParallelism),
                ...props.properties,
              },
            },
          ],
        },
        vpcConfigurations: [{ subnetIds: subnets.subnetIds, securityGroupIds: [this.securityGroup.securityGroupId] }],
      },
    });
    this.resource.node.addDependency(grantee.policy);
    new kda.CfnApplicationCloudWatchLoggingOption(this, 'Logging', {
      applicationName: this.resource.ref,
      cloudWatchLoggingOption: {
        logStreamArn: logArn(`${logGroupName}:log-stream:${logStream.logStreamName}`),
      },
    });
  }

  /** A metric of this application in `AWS/KinesisAnalytics`. */
  public metric(metricName: string, options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/KinesisAnalytics',
      metricName,
      period: Duration.minutes(1),
      ...options,
      dimensionsMap: { Application: this.applicationName, ...options.dimensionsMap },
    });
  }

  /** Job restarts (failures) in the period. */
  public metricFullRestarts(options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.metric('fullRestarts', { statistic: 'Maximum', ...options });
  }

  /** Checkpoints that failed in the period. */
  public metricFailedCheckpoints(options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.metric('numberOfFailedCheckpoints', { statistic: 'Maximum', ...options });
  }

  /** Time the job has been down (non-zero means it is not running). */
  public metricDowntime(options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.metric('downtime', { statistic: 'Maximum', ...options });
  }
}
