import { RemovalPolicy, Size } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { KafkaInstanceType, KafkaVersion } from './kafka-version';
import { ServerPropertyValue } from './server-properties';

/** MSK enhanced monitoring level. */
export enum EnhancedMonitoring {
  DEFAULT = 'DEFAULT',
  PER_BROKER = 'PER_BROKER',
  PER_TOPIC_PER_BROKER = 'PER_TOPIC_PER_BROKER',
  PER_TOPIC_PER_PARTITION = 'PER_TOPIC_PER_PARTITION',
}

/** How clients authenticate. Unauthenticated access is never enabled. */
export interface ClientAuthentication {
  /**
   * IAM access control (SASL/IAM, port 9098): topic- and group-scoped grants.
   * @default true
   */
  readonly iam?: boolean;
  /**
   * SASL/SCRAM users (port 9096), for clients that cannot sign with IAM. Each gets a
   * secret `AmazonMSK_<cluster>_<user>` encrypted with `scramSecretsKey`.
   * @default - none
   */
  readonly scramUsers?: readonly string[];
}

/** Broker EBS storage and its autoscaling. */
export interface BrokerStorage {
  /**
   * Volume size per broker at creation.
   * @default Size.gibibytes(100)
   */
  readonly initialSize?: Size;
  /**
   * Ceiling storage autoscaling may grow each broker's volume to (MSK never shrinks it).
   * @default Size.gibibytes(1000)
   */
  readonly maxSize?: Size;
  /**
   * Disk utilisation (percent) storage autoscaling keeps each broker at.
   * @default 60
   */
  readonly targetUtilizationPercent?: number;
}

export interface MskClusterProps {
  /** Cluster name (1-64 letters, digits, hyphens); part of every topic and group ARN. */
  readonly clusterName: string;
  /** Kafka version. */
  readonly kafkaVersion: KafkaVersion;
  /**
   * Broker instance type.
   * @default KafkaInstanceType.M7G_LARGE
   */
  readonly instanceType?: KafkaInstanceType;
  /** Number of brokers: a multiple of the number of subnets (one subnet per availability zone). */
  readonly brokerCount: number;
  /** VPC of the brokers. */
  readonly vpc: ec2.IVpc;
  /**
   * Subnets of the brokers, one per availability zone.
   * @default - the VPC's private isolated subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Broker storage and its autoscaling.
   * @default - 100 GiB growing to 1000 GiB at 60 % utilisation
   */
  readonly storage?: BrokerStorage;
  /** Customer-managed key encrypting data at rest. */
  readonly encryptionKey: kms.IKey;
  /**
   * Client authentication.
   * @default - IAM only
   */
  readonly authentication?: ClientAuthentication;
  /**
   * Key encrypting SCRAM secrets (MSK refuses secrets under the AWS managed key).
   * @default - a dedicated rotating key, created when there are SCRAM users
   */
  readonly scramSecretsKey?: kms.IKey;
  /** Customer-managed key encrypting the broker log group (its policy must allow CloudWatch Logs). */
  readonly logEncryptionKey: kms.IKey;
  /**
   * Broker log retention.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Enhanced monitoring level.
   * @default EnhancedMonitoring.PER_TOPIC_PER_BROKER
   */
  readonly enhancedMonitoring?: EnhancedMonitoring;
  /**
   * Overrides of the safe server properties (`SAFE_SERVER_PROPERTIES`); validated
   * against the broker count.
   * @default - the safe defaults
   */
  readonly serverProperties?: Readonly<Record<string, ServerPropertyValue>>;
  /**
   * Lowest replication factor a topic may have (3 in production).
   * @default 2
   */
  readonly minTopicReplicationFactor?: number;
  /**
   * What happens to the cluster, its log group and its topics when they leave the
   * stack. Topics are always retained.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}
