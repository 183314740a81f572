import { CfnTemplate, EnvironmentTemplates } from '../../../lib/diff/synth';

/** A small environment built from hand-written templates (no synth), for fast diff and cost tests. */
export function fixtureEnvironment(
  environment: string,
  region: string,
  stacks: Record<string, Record<string, unknown>>,
  options: { account?: string; description?: string } = {},
): EnvironmentTemplates {
  return {
    environment,
    region,
    account: options.account,
    stacks: Object.entries(stacks).map(([id, resources]) => ({
      id,
      stackName: `${environment}-${id}`,
      template: { Description: options.description ?? `Data platform ${environment}: ${id}`, Resources: structuredClone(resources) } as CfnTemplate,
    })),
  };
}

/** An MSK cluster as the streaming domain would declare it (L1). */
export function mskCluster(overrides: { brokers?: number; instanceType?: string; volumeGb?: number; name?: string } = {}): Record<string, unknown> {
  return {
    Type: 'AWS::MSK::Cluster',
    Properties: {
      ClusterName: overrides.name ?? 'platform-events',
      KafkaVersion: '3.6.0',
      NumberOfBrokerNodes: overrides.brokers ?? 3,
      BrokerNodeGroupInfo: {
        InstanceType: overrides.instanceType ?? 'kafka.m5.large',
        ClientSubnets: ['subnet-1', 'subnet-2', 'subnet-3'],
        StorageInfo: { EBSStorageInfo: { VolumeSize: overrides.volumeGb ?? 1000 } },
      },
      Tags: { owner: 'streaming-team', environment: 'dev-eu' },
    },
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
  };
}

/** An MSK topic (AWS::MSK::Topic). */
export function mskTopic(overrides: { name?: string; partitions?: number; replication?: number } = {}): Record<string, unknown> {
  return {
    Type: 'AWS::MSK::Topic',
    Properties: {
      ClusterArn: { Ref: 'Cluster' },
      TopicName: overrides.name ?? 'orders',
      PartitionCount: overrides.partitions ?? 12,
      ReplicationFactor: overrides.replication ?? 3,
    },
  };
}

/** An EMR cluster with instance groups (master and core on-demand, one spot task group). */
export function emrCluster(overrides: { coreCount?: number; name?: string } = {}): Record<string, unknown> {
  return {
    Type: 'AWS::EMR::Cluster',
    Properties: {
      Name: overrides.name ?? 'spark-batch',
      ReleaseLabel: 'emr-7.2.0',
      Instances: {
        MasterInstanceGroup: { InstanceType: 'm5.xlarge', InstanceCount: 1, Market: 'ON_DEMAND' },
        CoreInstanceGroup: {
          InstanceType: 'r5.xlarge',
          InstanceCount: overrides.coreCount ?? 2,
          Market: 'ON_DEMAND',
          EbsConfiguration: { EbsBlockDeviceConfigs: [{ VolumeSpecification: { SizeInGB: 100, VolumeType: 'gp3' }, VolumesPerInstance: 2 }] },
        },
        TaskInstanceGroups: [{ InstanceType: 'm5.xlarge', InstanceCount: 4, Market: 'SPOT' }],
      },
      JobFlowRole: 'role',
      ServiceRole: 'role',
    },
  };
}

/** A lake zone bucket with a lifecycle. */
export function zoneBucket(zone: string, lifecycle: Record<string, unknown>, deletionPolicy = 'Retain'): Record<string, unknown> {
  return {
    Type: 'AWS::S3::Bucket',
    Properties: {
      LifecycleConfiguration: { Rules: [{ Id: 'storage-tiers', Status: 'Enabled', ...lifecycle }] },
      Tags: [
        { Key: 'data-zone', Value: zone },
        { Key: 'cost-centre', Value: 'cc-1' },
      ],
    },
    DeletionPolicy: deletionPolicy,
    UpdateReplacePolicy: deletionPolicy,
  };
}
