import { Duration, Size } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EmrInstanceType } from './emr-instance-types';
import { EmrRelease } from './emr-release';
import { EmrSecurityConfiguration } from './emr-security-configuration';
import { WorkloadProfile } from './spark-sizing';

/** How instances of a group are bought. */
export enum InstanceMarket {
  /** Capacity that must stay (primary, core nodes holding HDFS). */
  ON_DEMAND = 'ON_DEMAND',
  /** Interruptible, cheaper capacity (task nodes; core nodes in development). */
  SPOT = 'SPOT',
}

/** One instance group of the cluster. */
export interface InstanceGroupOptions {
  readonly instanceType: EmrInstanceType;
  /** Instances at launch. */
  readonly count: number;
  /**
   * @default InstanceMarket.ON_DEMAND
   */
  readonly market?: InstanceMarket;
  /**
   * gp3 data volume per instance (encrypted with the local disk key).
   * @default Size.gibibytes(64)
   */
  readonly ebsVolumeSize?: Size;
}

/** Custom automatic scaling of the task group on YARN metrics (exclusive with managed scaling). */
export interface TaskAutoScaling {
  readonly minInstances: number;
  readonly maxInstances: number;
  /** Scale out when `YARNMemoryAvailablePercentage` is below this (1-99). @default 15 */
  readonly scaleOutMemoryAvailableBelowPercent?: number;
  /** Scale out when `ContainerPendingRatio` is above this. @default 0.75 */
  readonly scaleOutPendingRatioAbove?: number;
  /** Scale in when `YARNMemoryAvailablePercentage` is above this (1-99). @default 75 */
  readonly scaleInMemoryAvailableAbovePercent?: number;
  /** Instances added per scale-out. @default 2 */
  readonly scaleOutBy?: number;
  /** Instances removed per scale-in. @default 1 */
  readonly scaleInBy?: number;
  /** Wait after a scale-out before the next activity. @default Duration.minutes(5) */
  readonly scaleOutCooldown?: Duration;
  /** Wait after a scale-in before the next activity. @default Duration.minutes(10) */
  readonly scaleInCooldown?: Duration;
}

/** The task group, optionally with its own automatic scaling. */
export interface TaskGroupOptions extends InstanceGroupOptions {
  /**
   * Custom scaling rules with cooldowns.
   * @default - no custom scaling
   */
  readonly autoScaling?: TaskAutoScaling;
}

/** EMR managed scaling limits, in instances (core plus task). */
export interface ManagedScalingLimits {
  readonly minInstances: number;
  readonly maxInstances: number;
  /** @default - no cap: any share may be on demand */
  readonly maxOnDemandInstances?: number;
  /** @default - no cap on core instances */
  readonly maxCoreInstances?: number;
}

export interface SparkClusterProps {
  /** VPC of the cluster. */
  readonly vpc: ec2.IVpc;
  /**
   * Subnets; the cluster runs in the first (instance groups live in one subnet).
   * Must be private: the cluster gets no public IP.
   * @default - the VPC's private isolated subnets
   */
  readonly subnets?: ec2.SubnetSelection;
  readonly release: EmrRelease;
  readonly primary: InstanceGroupOptions;
  readonly core: InstanceGroupOptions;
  /**
   * Task group (usually Spot), same instance type as core (Spark is sized for one worker type).
   * @default - no task group
   */
  readonly task?: TaskGroupOptions;
  /**
   * Managed scaling limits (exclusive with `task.autoScaling`).
   * @default - no managed scaling
   */
  readonly managedScaling?: ManagedScalingLimits;
  /**
   * What the Spark jobs stress; the sizing calculator turns it into spark-defaults.
   * @default WorkloadProfile.ETL
   */
  readonly workloadProfile?: WorkloadProfile;
  /** Encryption, TLS, IMDSv2 and Kerberos settings. */
  readonly securityConfiguration: EmrSecurityConfiguration;
  /** Encrypted bucket receiving the cluster's logs; its key encrypts them too. */
  readonly logBucket: s3.IBucket;
  /**
   * Key prefix of the logs.
   * @default 'emr/'
   */
  readonly logPrefix?: string;
  /**
   * The cluster terminates after this long without running work (1 minute to 7 days).
   * @default Duration.hours(1)
   */
  readonly idleTimeout?: Duration;
  /**
   * Key of the KDC admin password secret (required when the security configuration enables Kerberos).
   * @default - no secret (Kerberos off)
   */
  readonly secretKey?: kms.IKey;
  /**
   * Kerberos realm of the cluster-dedicated KDC.
   * @default - the EC2 internal domain of the region, upper-cased (EC2.INTERNAL in us-east-1, <REGION>.COMPUTE.INTERNAL elsewhere)
   */
  readonly kerberosRealm?: string;
  /**
   * Cluster name.
   * @default - the construct path
   */
  readonly clusterName?: string;
}
