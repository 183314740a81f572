import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { MskCluster } from './msk-cluster';

/** Managed Service for Apache Flink runtime. */
export class FlinkRuntime {
  public static readonly FLINK_1_18 = new FlinkRuntime('FLINK-1_18');
  public static readonly FLINK_1_19 = new FlinkRuntime('FLINK-1_19');
  public static readonly FLINK_1_20 = new FlinkRuntime('FLINK-1_20');

  /** A runtime by name (`FLINK-1_20`). */
  public static of(name: string): FlinkRuntime {
    if (!/^FLINK-\d+_\d+$/.test(name)) throw new Error(`FlinkRuntime must look like 'FLINK-1_20'; received '${name}'`);
    return new FlinkRuntime(name);
  }

  private constructor(public readonly name: string) {}
}

export interface FlinkApplicationProps {
  /** Application name. */
  readonly applicationName: string;
  /** @default FlinkRuntime.FLINK_1_20 */
  readonly runtime?: FlinkRuntime;
  /** Bucket and key of the application jar. */
  readonly codeBucket: s3.IBucket;
  readonly codeKey: string;
  /** Cluster read from and written to (IAM authentication). */
  readonly cluster: MskCluster;
  /** Topic names read, and the consumer group reading them. */
  readonly sourceTopics: readonly string[];
  readonly consumerGroup: string;
  /**
   * Topic names written with exactly-once (transactional) producers.
   * @default - none
   */
  readonly sinkTopics?: readonly string[];
  /**
   * Starting parallelism.
   * @default 2
   */
  readonly parallelism?: number;
  /** @default 1 */
  readonly parallelismPerKpu?: number;
  /**
   * Ceiling of parallelism autoscaling, passed to the job as `maxParallelism` (key groups).
   * @default 8
   */
  readonly maxParallelism?: number;
  /**
   * Interval between checkpoints (exactly-once; RocksDB incremental state).
   * @default Duration.minutes(1)
   */
  readonly checkpointInterval?: Duration;
  /**
   * Minimum pause after a checkpoint before the next starts (gives processing room under backpressure).
   * @default Duration.seconds(10)
   */
  readonly minPauseBetweenCheckpoints?: Duration;
  readonly vpc: ec2.IVpc;
  /** @default - the VPC's private isolated subnets */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** Key of the application log group (its policy must allow CloudWatch Logs). */
  readonly logEncryptionKey: kms.IKey;
  /** @default logs.RetentionDays.THREE_MONTHS */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Extra runtime properties, in the `FlinkApplicationProperties` group.
   * @default - none
   */
  readonly properties?: Readonly<Record<string, string>>;
  /** @default RemovalPolicy.RETAIN (log group) */
  readonly removalPolicy?: RemovalPolicy;
}
