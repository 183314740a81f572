import { Duration, Size, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CleanupPolicy, KafkaVersion, MskCluster, MskClusterProps, TopicSpec } from '../../../constructs/streaming';
import { testStack } from '../../support/app';

/** A stack with a 3-AZ isolated VPC and two keys, for streaming constructs. */
export function streamingStack(): { stack: Stack; vpc: ec2.Vpc; key: kms.Key; logKey: kms.Key } {
  const stack = testStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    natGateways: 0,
    subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  return { stack, vpc, key: new kms.Key(stack, 'DataKey'), logKey: new kms.Key(stack, 'LogKey') };
}

/** A 3-broker cluster in `streamingStack`, with overrides. */
export function cluster(stack: Stack, vpc: ec2.IVpc, key: kms.IKey, logKey: kms.IKey, overrides: Partial<MskClusterProps> = {}): MskCluster {
  return new MskCluster(stack, 'Cluster', {
    clusterName: 'test-events',
    kafkaVersion: KafkaVersion.V3_9_X,
    brokerCount: 3,
    vpc,
    encryptionKey: key,
    logEncryptionKey: logKey,
    ...overrides,
  });
}

export const ORDERS: TopicSpec = {
  id: 'orders-events',
  name: 'orders.events.v1',
  partitions: 6,
  replicationFactor: 3,
  owner: 'orders-team',
  retention: Duration.days(7),
  retainedSizePerReplica: Size.gibibytes(10),
  consumerGroups: ['orders-enrichment'],
};

export const CUSTOMERS: TopicSpec = {
  id: 'customers-cdc',
  name: 'cdc.crm.public.customers',
  partitions: 3,
  replicationFactor: 3,
  owner: 'crm-team',
  cleanupPolicy: CleanupPolicy.COMPACT,
  retainedSizePerReplica: Size.gibibytes(1),
};
