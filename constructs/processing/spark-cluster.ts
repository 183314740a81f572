import { Aws, Duration, Size, Stack, Tags, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as emr from 'aws-cdk-lib/aws-emr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { InstanceGroupOptions, InstanceMarket, SparkClusterProps, TaskAutoScaling } from './spark-cluster-props';
import { EmrClassification, sizeSpark, SparkSizing, sparkClassifications, WorkloadProfile } from './spark-sizing';

/** Tag EMR's v2 managed service policy requires on the subnets and security groups it may use. */
export const EMR_MANAGED_POLICY_TAG = { key: 'for-use-with-amazon-emr-managed-policies', value: 'true' } as const;

/** EMR's placeholder for the cluster id in scaling alarm dimensions. */
const CLUSTER_ID_PLACEHOLDER = '$' + '{emr.clusterId}';

/** Glue Data Catalog as the Hive metastore of Spark. */
const GLUE_METASTORE = 'com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory';

/**
 * A Spark cluster on EMR on EC2, secure by construction:
 *
 * - private subnet, no public IP, EMR-managed security groups plus the service
 *   access group private subnets require; IMDSv2, encryption at rest and in transit
 *   and optional Kerberos through the typed security configuration;
 * - logs to an encrypted bucket (and encrypted with its key);
 * - terminates itself when idle;
 * - least privilege: the service role uses EMR's tag-scoped v2 policy, the
 *   instance profile role starts with nothing but its logs and TLS certificates;
 *   give it data with the lake's grants (`lake.grantRead(cluster, 'raw')`: the
 *   cluster is an `IGrantable`);
 * - on-demand core and Spot task capacity, with either managed scaling or custom
 *   YARN-metric rules with cooldowns on the task group;
 * - `spark-defaults` from the right-sizing calculator for the worker type and
 *   workload profile.
 */
export class SparkCluster extends Construct implements iam.IGrantable {
  public readonly resource: emr.CfnCluster;
  /** Role of the cluster's EC2 instances (what Spark jobs run as). */
  public readonly instanceRole: iam.Role;
  /** Role EMR uses to provision the cluster. */
  public readonly serviceRole: iam.Role;
  /** Role EMR and Application Auto Scaling use for custom scaling rules (only with task auto scaling). */
  public readonly autoScalingRole?: iam.Role;
  public readonly primarySecurityGroup: ec2.SecurityGroup;
  public readonly workerSecurityGroup: ec2.SecurityGroup;
  public readonly serviceAccessSecurityGroup: ec2.SecurityGroup;
  /** KDC admin password (only with Kerberos). */
  public readonly kdcAdminSecret?: secretsmanager.Secret;
  /** The Spark sizing behind the cluster's spark-defaults. */
  public readonly sizing: SparkSizing;
  /** The EMR configurations (classifications) the cluster applies. */
  public readonly classifications: readonly EmrClassification[];
  public readonly grantPrincipal: iam.IPrincipal;

  constructor(scope: Construct, id: string, props: SparkClusterProps) {
    super(scope, id);
    const problems = validate(props);
    if (problems.length > 0) throw new Error(`Invalid SparkCluster '${this.node.path}':\n  - ${problems.join('\n  - ')}`);
    const stack = Stack.of(this);
    const subnets = props.vpc.selectSubnets(props.subnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnets;
    for (const subnet of subnets) Tags.of(subnet).add(EMR_MANAGED_POLICY_TAG.key, EMR_MANAGED_POLICY_TAG.value);

    // Security groups: EMR manages the rules of the primary and worker groups; the
    // service access group carries the rules EMR needs in private subnets.
    const group = (groupId: string, description: string, allowAllOutbound: boolean) => {
      const sg = new ec2.SecurityGroup(this, groupId, { vpc: props.vpc, description, allowAllOutbound });
      Tags.of(sg).add(EMR_MANAGED_POLICY_TAG.key, EMR_MANAGED_POLICY_TAG.value);
      return sg;
    };
    this.primarySecurityGroup = group('PrimarySecurityGroup', 'EMR primary node (rules managed by EMR)', true);
    this.workerSecurityGroup = group('WorkerSecurityGroup', 'EMR core and task nodes (rules managed by EMR)', true);
    this.serviceAccessSecurityGroup = group('ServiceAccessSecurityGroup', 'EMR service access for clusters in private subnets', false);
    this.serviceAccessSecurityGroup.addIngressRule(this.primarySecurityGroup, ec2.Port.tcp(9443), 'EMR service from the primary node');
    this.serviceAccessSecurityGroup.addEgressRule(this.primarySecurityGroup, ec2.Port.tcp(8443), 'EMR service to the primary node');
    this.serviceAccessSecurityGroup.addEgressRule(this.workerSecurityGroup, ec2.Port.tcp(8443), 'EMR service to core and task nodes');
    this.primarySecurityGroup.addIngressRule(this.serviceAccessSecurityGroup, ec2.Port.tcp(8443), 'EMR service access');

    this.serviceRole = new iam.Role(this, 'ServiceRole', {
      assumedBy: new iam.ServicePrincipal('elasticmapreduce.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: 'EMR service role: provisions the cluster (tag-scoped v2 managed policy)',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEMRServicePolicy_v2')],
    });
    this.instanceRole = new iam.Role(this, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'EMR cluster instances: Spark jobs run with this role; data access is granted zone by zone',
    });
    this.grantPrincipal = this.instanceRole;
    this.instanceRole.grantPassRole(this.serviceRole);
    const instanceProfile = new iam.InstanceProfile(this, 'InstanceProfile', { role: this.instanceRole });
    const logPrefix = props.logPrefix ?? 'emr/';
    props.logBucket.grantWrite(this.instanceRole, `${logPrefix}*`);
    props.securityConfiguration.grantClusterUse(this.instanceRole, this.serviceRole);

    const profile = props.workloadProfile ?? WorkloadProfile.ETL;
    const workerNodes = props.core.count + (props.task?.autoScaling?.maxInstances ?? props.task?.count ?? 0);
    this.sizing = sizeSpark({
      instanceType: props.core.instanceType,
      nodeCount: Math.max(props.managedScaling?.maxInstances ?? 0, workerNodes),
      profile,
    });
    this.classifications = [
      ...sparkClassifications(this.sizing),
      { classification: 'spark-hive-site', properties: { 'hive.metastore.client.factory.class': GLUE_METASTORE } },
      { classification: 'iceberg-defaults', properties: { 'iceberg.enabled': 'true' } },
    ];

    let kerberosAttributes: emr.CfnCluster.KerberosAttributesProperty | undefined;
    if (props.securityConfiguration.kerberosEnabled) {
      this.kdcAdminSecret = new secretsmanager.Secret(this, 'KdcAdminPassword', {
        description: `KDC admin password of EMR cluster ${this.node.path}`,
        encryptionKey: props.secretKey,
        generateSecretString: { passwordLength: 32, excludeCharacters: '"\'`\\/@ ' },
      });
      kerberosAttributes = { realm: props.kerberosRealm ?? defaultRealm(stack), kdcAdminPassword: this.kdcAdminSecret.secretValue.unsafeUnwrap() };
    }

    const autoScaling = props.task?.autoScaling;
    if (autoScaling) {
      this.autoScalingRole = new iam.Role(this, 'AutoScalingRole', {
        assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('elasticmapreduce.amazonaws.com'), new iam.ServicePrincipal('application-autoscaling.amazonaws.com')),
        description: 'Applies the custom scaling rules of the EMR task group',
      });
      new iam.ManagedPolicy(this, 'AutoScalingPolicy', {
        description: 'Resize the instance groups of this environment\'s EMR clusters on their scaling alarms',
        roles: [this.autoScalingRole],
        statements: [
          new iam.PolicyStatement({ actions: ['cloudwatch:DescribeAlarms'], resources: ['*'] }),
          new iam.PolicyStatement({
            actions: ['elasticmapreduce:ListInstanceGroups', 'elasticmapreduce:ModifyInstanceGroups'],
            resources: [`arn:${Aws.PARTITION}:elasticmapreduce:${Aws.REGION}:${Aws.ACCOUNT_ID}:cluster/*`],
            conditions: { StringEquals: { 'aws:ResourceAccount': stack.account } },
          }),
        ],
      });
    }

    const name = props.clusterName ?? this.node.path.replace(/\//g, '-');
    this.resource = new emr.CfnCluster(this, 'Resource', {
      name,
      releaseLabel: props.release.label,
      applications: [{ name: 'Hadoop' }, { name: 'Spark' }, { name: 'Livy' }],
      serviceRole: this.serviceRole.roleArn,
      jobFlowRole: instanceProfile.instanceProfileArn,
      autoScalingRole: this.autoScalingRole?.roleArn,
      securityConfiguration: props.securityConfiguration.securityConfigurationName,
      kerberosAttributes,
      logUri: props.logBucket.s3UrlForObject(logPrefix),
      logEncryptionKmsKeyId: props.logBucket.encryptionKey?.keyArn,
      autoTerminationPolicy: { idleTimeout: (props.idleTimeout ?? Duration.hours(1)).toSeconds() },
      managedScalingPolicy: props.managedScaling
        ? {
            computeLimits: {
              unitType: 'Instances',
              minimumCapacityUnits: props.managedScaling.minInstances,
              maximumCapacityUnits: props.managedScaling.maxInstances,
              maximumOnDemandCapacityUnits: props.managedScaling.maxOnDemandInstances,
              maximumCoreCapacityUnits: props.managedScaling.maxCoreInstances,
            },
          }
        : undefined,
      configurations: this.classifications.map((c) => ({ classification: c.classification, configurationProperties: c.properties })),
      instances: {
        ec2SubnetId: subnets[0].subnetId,
        emrManagedMasterSecurityGroup: this.primarySecurityGroup.securityGroupId,
        emrManagedSlaveSecurityGroup: this.workerSecurityGroup.securityGroupId,
        serviceAccessSecurityGroup: this.serviceAccessSecurityGroup.securityGroupId,
        keepJobFlowAliveWhenNoSteps: true,
        terminationProtected: false,
        masterInstanceGroup: instanceGroup('Primary', props.primary),
        coreInstanceGroup: instanceGroup('Core', props.core),
        taskInstanceGroups: props.task
          ? [{ ...instanceGroup('Task', props.task), autoScalingPolicy: autoScaling ? scalingPolicy(autoScaling) : undefined }]
          : undefined,
      },
    });
    this.resource.node.addDependency(instanceProfile);
  }

  /** The cluster id (`j-...`). */
  public get clusterId(): string {
    return this.resource.ref;
  }
}

function defaultRealm(stack: Stack): string {
  if (Token.isUnresolved(stack.region)) return 'EC2.INTERNAL';
  return stack.region === 'us-east-1' ? 'EC2.INTERNAL' : `${stack.region.toUpperCase()}.COMPUTE.INTERNAL`;
}

function instanceGroup(name: string, options: InstanceGroupOptions): emr.CfnCluster.InstanceGroupConfigProperty {
  return {
    name,
    instanceType: options.instanceType.name,
    instanceCount: options.count,
    market: options.market ?? InstanceMarket.ON_DEMAND,
    ebsConfiguration: {
      ebsOptimized: true,
      ebsBlockDeviceConfigs: [{ volumeSpecification: { volumeType: 'gp3', sizeInGb: (options.ebsVolumeSize ?? Size.gibibytes(64)).toGibibytes() }, volumesPerInstance: 1 }],
    },
  };
}

/** Scale-out on low YARN memory or pending containers; scale-in on idle memory; each with its cooldown. */
function scalingPolicy(s: TaskAutoScaling): emr.CfnCluster.AutoScalingPolicyProperty {
  const alarm = (metricName: string, comparisonOperator: string, threshold: number, unit: string) => ({
    cloudWatchAlarmDefinition: {
      comparisonOperator,
      metricName,
      threshold,
      unit,
      namespace: 'AWS/ElasticMapReduce',
      statistic: 'AVERAGE',
      period: 300,
      evaluationPeriods: 1,
      // EMR substitutes its placeholder with the cluster id.
      dimensions: [{ key: 'JobFlowId', value: CLUSTER_ID_PLACEHOLDER }],
    },
  });
  const action = (adjustment: number, cooldown: Duration) => ({
    simpleScalingPolicyConfiguration: { adjustmentType: 'CHANGE_IN_CAPACITY', scalingAdjustment: adjustment, coolDown: cooldown.toSeconds() },
  });
  const out = s.scaleOutBy ?? 2;
  const outCooldown = s.scaleOutCooldown ?? Duration.minutes(5);
  return {
    constraints: { minCapacity: s.minInstances, maxCapacity: s.maxInstances },
    rules: [
      {
        name: 'ScaleOutOnLowYarnMemory',
        description: 'Add task nodes when YARN memory runs low',
        action: action(out, outCooldown),
        trigger: alarm('YARNMemoryAvailablePercentage', 'LESS_THAN', s.scaleOutMemoryAvailableBelowPercent ?? 15, 'PERCENT'),
      },
      {
        name: 'ScaleOutOnPendingContainers',
        description: 'Add task nodes when containers wait for capacity',
        action: action(out, outCooldown),
        trigger: alarm('ContainerPendingRatio', 'GREATER_THAN', s.scaleOutPendingRatioAbove ?? 0.75, 'COUNT'),
      },
      {
        name: 'ScaleInOnIdleYarnMemory',
        description: 'Remove task nodes when YARN memory sits idle',
        action: action(-(s.scaleInBy ?? 1), s.scaleInCooldown ?? Duration.minutes(10)),
        trigger: alarm('YARNMemoryAvailablePercentage', 'GREATER_THAN', s.scaleInMemoryAvailableAbovePercent ?? 75, 'PERCENT'),
      },
    ],
  };
}

/** Every problem with the props, each naming the field, the value and what is allowed. */
function validate(props: SparkClusterProps): string[] {
  const problems: string[] = [];
  if (props.primary.count !== 1) problems.push(`primary.count: received ${props.primary.count}; allowed: 1`);
  if (!Number.isInteger(props.core.count) || props.core.count < 1) problems.push(`core.count: received ${props.core.count}; allowed: a whole number, at least 1`);
  if (props.task) {
    if (!Number.isInteger(props.task.count) || props.task.count < 0) problems.push(`task.count: received ${props.task.count}; allowed: a whole number, at least 0`);
    if (props.task.instanceType !== props.core.instanceType) {
      problems.push(`task.instanceType: received ${props.task.instanceType.name}; allowed: ${props.core.instanceType.name}, the core type (spark-defaults are sized for one worker type)`);
    }
  }
  const idle = (props.idleTimeout ?? Duration.hours(1)).toSeconds();
  if (idle < 60 || idle > 604800) problems.push(`idleTimeout: received ${idle} seconds; allowed: 60 seconds to 7 days`);
  const managed = props.managedScaling;
  const custom = props.task?.autoScaling;
  if (managed && custom) {
    problems.push('task.autoScaling: received custom scaling rules while managedScaling is set; allowed: one of them (EMR does not combine managed scaling with custom policies)');
  }
  if (managed) {
    if (managed.minInstances < 1 || managed.minInstances > managed.maxInstances) {
      problems.push(`managedScaling.minInstances: received ${managed.minInstances}; allowed: 1 to maxInstances (${managed.maxInstances})`);
    }
    for (const field of ['maxOnDemandInstances', 'maxCoreInstances'] as const) {
      const v = managed[field];
      if (v !== undefined && v > managed.maxInstances) problems.push(`managedScaling.${field}: received ${v}; allowed: at most maxInstances (${managed.maxInstances})`);
    }
  }
  if (custom) {
    if (custom.minInstances < 0 || custom.minInstances > custom.maxInstances) {
      problems.push(`task.autoScaling.minInstances: received ${custom.minInstances}; allowed: 0 to maxInstances (${custom.maxInstances})`);
    }
    const out = custom.scaleOutMemoryAvailableBelowPercent ?? 15;
    const inn = custom.scaleInMemoryAvailableAbovePercent ?? 75;
    if (out >= inn) problems.push(`task.autoScaling.scaleInMemoryAvailableAbovePercent: received ${inn}; allowed: above scaleOutMemoryAvailableBelowPercent (${out})`);
    for (const field of ['scaleOutCooldown', 'scaleInCooldown'] as const) {
      const v = custom[field];
      if (v && (v.toSeconds() < 60 || v.toSeconds() > 3600)) problems.push(`task.autoScaling.${field}: received ${v.toSeconds()} seconds; allowed: 60 to 3600 seconds`);
    }
    if (props.task && (props.task.count < custom.minInstances || props.task.count > custom.maxInstances)) {
      problems.push(`task.count: received ${props.task.count}; allowed: within task.autoScaling ${custom.minInstances}..${custom.maxInstances}`);
    }
  }
  if (props.securityConfiguration.kerberosEnabled && !props.secretKey) {
    problems.push('secretKey: received nothing; allowed: a KMS key for the KDC admin password (the security configuration enables Kerberos)');
  }
  return problems;
}
