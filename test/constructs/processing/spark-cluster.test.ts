import { Duration, Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EmrInstanceType } from '../../../constructs/processing/emr-instance-types';
import { EmrRelease } from '../../../constructs/processing/emr-release';
import { EmrSecurityConfiguration } from '../../../constructs/processing/emr-security-configuration';
import { SparkCluster } from '../../../constructs/processing/spark-cluster';
import { InstanceMarket, SparkClusterProps } from '../../../constructs/processing/spark-cluster-props';
import { WorkloadProfile } from '../../../constructs/processing/spark-sizing';
import { TlsCertificateProvider } from '../../../constructs/processing/tls-certificate-provider';
import { testStack } from '../../support/app';
import { resourceOf, rolePolicyStatements } from '../template-helpers';

function fixture(kerberos = true) {
  const stack = testStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    natGateways: 0,
    subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  const key = new kms.Key(stack, 'Key');
  const logs = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
  const security = new EmrSecurityConfiguration(stack, 'Security', {
    s3EncryptionKey: key,
    tlsCertificates: TlsCertificateProvider.pemZip(logs, 'tls/certs.zip'),
    kerberos: kerberos ? {} : undefined,
  });
  const base: SparkClusterProps = {
    vpc,
    release: EmrRelease.EMR_7_5_0,
    primary: { instanceType: EmrInstanceType.M5_XLARGE, count: 1 },
    core: { instanceType: EmrInstanceType.R5_2XLARGE, count: 3, ebsVolumeSize: Size.gibibytes(256) },
    task: {
      instanceType: EmrInstanceType.R5_2XLARGE,
      count: 2,
      market: InstanceMarket.SPOT,
      autoScaling: { minInstances: 0, maxInstances: 7, scaleOutCooldown: Duration.minutes(5), scaleInCooldown: Duration.minutes(15) },
    },
    securityConfiguration: security,
    logBucket: logs,
    secretKey: key,
    idleTimeout: Duration.minutes(45),
  };
  return { stack, vpc, key, logs, security, base };
}

describe('SparkCluster', () => {
  let stack: Stack;
  let template: Template;
  let cluster: SparkCluster;
  let props: ReturnType<typeof fixture>;
  let resource: Record<string, unknown> & { Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

  beforeAll(() => {
    props = fixture();
    stack = props.stack;
    cluster = new SparkCluster(stack, 'Cluster', props.base);
    props.logs.grantRead(cluster, 'data/*'); // the cluster is an IGrantable
    template = Template.fromStack(stack);
    resource = resourceOf(template, cluster);
  });

  test('runs in a private subnet with EMR-managed groups and a service access group', () => {
    const instances = resource.Properties.Instances;
    expect(instances.Ec2SubnetId).toEqual(stack.resolve(props.vpc.isolatedSubnets[0].subnetId));
    expect(instances.ServiceAccessSecurityGroup).toEqual(stack.resolve(cluster.serviceAccessSecurityGroup.securityGroupId));
    expect(instances.EmrManagedMasterSecurityGroup).toEqual(stack.resolve(cluster.primarySecurityGroup.securityGroupId));
    expect(instances.Ec2KeyName).toBeUndefined(); // no SSH key pair
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 9443, ToPort: 9443, GroupId: stack.resolve(cluster.serviceAccessSecurityGroup.securityGroupId) });
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { FromPort: 8443, GroupId: stack.resolve(cluster.serviceAccessSecurityGroup.securityGroupId) });
  });

  test('tags its subnets and groups for EMR\'s tag-scoped service policy', () => {
    template.hasResourceProperties('AWS::EC2::Subnet', { Tags: Match.arrayWith([{ Key: 'for-use-with-amazon-emr-managed-policies', Value: 'true' }]) });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'EMR service access for clusters in private subnets',
      Tags: Match.arrayWith([{ Key: 'for-use-with-amazon-emr-managed-policies', Value: 'true' }]),
    });
  });

  test('uses the security configuration and Kerberos with a secret-held KDC password', () => {
    expect(resource.Properties.SecurityConfiguration).toEqual(stack.resolve(props.security.securityConfigurationName));
    expect(resource.Properties.KerberosAttributes.Realm).toBe('EU-WEST-1.COMPUTE.INTERNAL');
    expect(JSON.stringify(resource.Properties.KerberosAttributes.KdcAdminPassword)).toContain('{{resolve:secretsmanager:');
    template.hasResourceProperties('AWS::SecretsManager::Secret', { KmsKeyId: stack.resolve(props.key.keyArn) });
  });

  test('logs to the encrypted bucket, encrypted with its key', () => {
    expect(JSON.stringify(resource.Properties.LogUri)).toContain('/emr/');
    expect(resource.Properties.LogEncryptionKmsKeyId).toEqual(stack.resolve(props.key.keyArn));
  });

  test('terminates itself when idle', () => {
    expect(resource.Properties.AutoTerminationPolicy).toEqual({ IdleTimeout: 2700 });
  });

  test('core on demand with encrypted-by-configuration gp3 volumes; task on Spot', () => {
    const instances = resource.Properties.Instances;
    expect(instances.CoreInstanceGroup).toMatchObject({ InstanceType: 'r5.2xlarge', InstanceCount: 3, Market: 'ON_DEMAND' });
    expect(instances.CoreInstanceGroup.EbsConfiguration.EbsBlockDeviceConfigs[0].VolumeSpecification).toEqual({ VolumeType: 'gp3', SizeInGB: 256 });
    expect(instances.TaskInstanceGroups[0]).toMatchObject({ InstanceType: 'r5.2xlarge', InstanceCount: 2, Market: 'SPOT' });
  });

  test('scales the task group on YARN metrics with cooldowns', () => {
    const policy = resource.Properties.Instances.TaskInstanceGroups[0].AutoScalingPolicy;
    expect(policy.Constraints).toEqual({ MinCapacity: 0, MaxCapacity: 7 });
    const rules = Object.fromEntries(policy.Rules.map((r: { Name: string }) => [r.Name, r]));
    expect(rules.ScaleOutOnLowYarnMemory.Trigger.CloudWatchAlarmDefinition).toMatchObject({ MetricName: 'YARNMemoryAvailablePercentage', ComparisonOperator: 'LESS_THAN', Threshold: 15 });
    expect(rules.ScaleOutOnLowYarnMemory.Action.SimpleScalingPolicyConfiguration).toEqual({ AdjustmentType: 'CHANGE_IN_CAPACITY', ScalingAdjustment: 2, CoolDown: 300 });
    expect(rules.ScaleOutOnPendingContainers.Trigger.CloudWatchAlarmDefinition).toMatchObject({ MetricName: 'ContainerPendingRatio', Threshold: 0.75 });
    expect(rules.ScaleInOnIdleYarnMemory.Action.SimpleScalingPolicyConfiguration).toEqual({ AdjustmentType: 'CHANGE_IN_CAPACITY', ScalingAdjustment: -1, CoolDown: 900 });
    expect(rules.ScaleInOnIdleYarnMemory.Trigger.CloudWatchAlarmDefinition.Dimensions).toEqual([{ Key: 'JobFlowId', Value: '${emr.clusterId}' }]);
    expect(resource.Properties.AutoScalingRole).toEqual(stack.resolve(cluster.autoScalingRole!.roleArn));
    expect(resource.Properties.ManagedScalingPolicy).toBeUndefined();
  });

  test('applies the calculator\'s sizing for the worker type at full scale', () => {
    // r5.2xlarge, etl, 3 core + 7 task = 10 nodes: usable 7 -> 2 executors of 3 cores (5 -> 1 x 5, 4 -> 1 x 4, 3 -> 2 x 3 = 6)
    // container 57344 / 2 = 28672; overhead 2868; heap 25804; slots 20 -> max 19; partitions 20 x 3 x 2 = 120
    const configs = Object.fromEntries(
      (resource.Properties.Configurations as { Classification: string; ConfigurationProperties: Record<string, string> }[]).map((c) => [c.Classification, c.ConfigurationProperties]),
    );
    expect(configs['spark-defaults']).toMatchObject({ 'spark.executor.memory': '25804m', 'spark.executor.cores': '3', 'spark.dynamicAllocation.maxExecutors': '19', 'spark.sql.shuffle.partitions': '120' });
    expect(configs['spark-hive-site']['hive.metastore.client.factory.class']).toContain('AWSGlueDataCatalogHiveClientFactory');
    expect(configs['iceberg-defaults']).toEqual({ 'iceberg.enabled': 'true' });
    expect(cluster.sizing.nodeCount).toBe(10);
  });

  test('service role: EMR\'s tag-scoped v2 policy, assumed only from this account', () => {
    const role = resourceOf(template, cluster.serviceRole);
    expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toContain('service-role/AmazonEMRServicePolicy_v2');
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('aws:SourceAccount');
  });

  test('instance role: only its logs prefix, the TLS object and what is granted', () => {
    const statements = rolePolicyStatements(template, cluster.instanceRole);
    const resources = JSON.stringify(statements.map((s) => s.Resource));
    expect(resources).toContain('/emr/*');
    expect(resources).toContain('/tls/certs.zip');
    expect(resources).toContain('/data/*');
    expect(resources).not.toContain('"*"');
  });
});

describe('SparkCluster with managed scaling and no Kerberos', () => {
  test('sets compute limits and no autoscaling role or KDC', () => {
    const { stack, base } = fixture(false);
    const cluster = new SparkCluster(stack, 'Cluster', {
      ...base,
      core: { instanceType: EmrInstanceType.M5_XLARGE, count: 2, market: InstanceMarket.SPOT },
      task: undefined,
      secretKey: undefined,
      managedScaling: { minInstances: 2, maxInstances: 6, maxCoreInstances: 2 },
      workloadProfile: WorkloadProfile.STREAMING,
    });
    const props = resourceOf(Template.fromStack(stack), cluster).Properties as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(props.ManagedScalingPolicy).toEqual({ ComputeLimits: { UnitType: 'Instances', MinimumCapacityUnits: 2, MaximumCapacityUnits: 6, MaximumCoreCapacityUnits: 2 } });
    expect(props.AutoScalingRole).toBeUndefined();
    expect(props.KerberosAttributes).toBeUndefined();
    expect(cluster.sizing).toMatchObject({ nodeCount: 6, profile: 'streaming' });
  });
});

describe('SparkCluster fails if', () => {
  let shared: ReturnType<typeof fixture>;
  let n = 0;
  beforeAll(() => {
    shared = fixture();
  });
  const build = (patch: (base: SparkClusterProps) => Partial<SparkClusterProps>) => () =>
    new SparkCluster(shared.stack, `Cluster${n++}`, { ...shared.base, ...patch(shared.base) });

  test.each<[string, (b: SparkClusterProps) => Partial<SparkClusterProps>, RegExp]>([
    ['there is not exactly one primary node', (b) => ({ primary: { ...b.primary, count: 2 } }), /primary.count: received 2; allowed: 1/],
    ['there is no core node', (b) => ({ core: { ...b.core, count: 0 } }), /core.count: received 0; allowed: a whole number, at least 1/],
    ['the task count is negative', (b) => ({ task: { ...b.task!, count: -1, autoScaling: undefined } }), /task.count: received -1; allowed: a whole number, at least 0/],
    ['task and core types differ', (b) => ({ task: { ...b.task!, instanceType: EmrInstanceType.M5_XLARGE } }), /task.instanceType: received m5.xlarge; allowed: r5.2xlarge, the core type/],
    ['the idle timeout is out of range', () => ({ idleTimeout: Duration.days(8) }), /idleTimeout: received 691200 seconds; allowed: 60 seconds to 7 days/],
    ['managed and custom scaling are combined', () => ({ managedScaling: { minInstances: 1, maxInstances: 10 } }), /task.autoScaling: received custom scaling rules while managedScaling is set; allowed: one of them/],
    ['managed scaling minimum exceeds maximum', (b) => ({ task: { ...b.task!, autoScaling: undefined }, managedScaling: { minInstances: 8, maxInstances: 6 } }), /managedScaling.minInstances: received 8; allowed: 1 to maxInstances \(6\)/],
    ['a managed cap exceeds the maximum', (b) => ({ task: { ...b.task!, autoScaling: undefined }, managedScaling: { minInstances: 1, maxInstances: 6, maxCoreInstances: 9 } }), /managedScaling.maxCoreInstances: received 9; allowed: at most maxInstances \(6\)/],
    ['custom scaling minimum exceeds maximum', (b) => ({ task: { ...b.task!, count: 2, autoScaling: { minInstances: 5, maxInstances: 4 } } }), /task.autoScaling.minInstances: received 5; allowed: 0 to maxInstances \(4\)/],
    ['scale-in memory threshold is not above scale-out', (b) => ({ task: { ...b.task!, autoScaling: { minInstances: 0, maxInstances: 4, scaleOutMemoryAvailableBelowPercent: 50, scaleInMemoryAvailableAbovePercent: 50 } } }), /scaleInMemoryAvailableAbovePercent: received 50; allowed: above scaleOutMemoryAvailableBelowPercent \(50\)/],
    ['a cooldown is out of range', (b) => ({ task: { ...b.task!, autoScaling: { minInstances: 0, maxInstances: 4, scaleInCooldown: Duration.seconds(30) } } }), /task.autoScaling.scaleInCooldown: received 30 seconds; allowed: 60 to 3600 seconds/],
    ['the task count is outside the scaling range', (b) => ({ task: { ...b.task!, count: 9 } }), /task.count: received 9; allowed: within task.autoScaling 0..7/],
    ['Kerberos is on but no secret key is given', () => ({ secretKey: undefined }), /secretKey: received nothing; allowed: a KMS key for the KDC admin password/],
  ])('%s', (_name, patch, expected) => {
    expect(build(patch)).toThrow(expected);
  });

  test('several props are wrong: every problem is listed', () => {
    expect(build((b) => ({ primary: { ...b.primary, count: 0 }, idleTimeout: Duration.seconds(1) }))).toThrow(/primary.count[\s\S]*idleTimeout/);
  });
});
