import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EmrRelease } from './emr-release';

/** CPU architecture of EMR Serverless workers. */
export enum ServerlessArchitecture {
  /** Graviton: cheaper per vCPU-hour. */
  ARM64 = 'ARM64',
  X86_64 = 'X86_64',
}

/** Upper bound on what the application may run at once (across all its jobs). */
export interface ServerlessCapacity {
  /** vCPUs. */
  readonly vcpus: number;
  readonly memory: Size;
  /** @default Size.gibibytes(1000) */
  readonly disk?: Size;
}

export interface SparkServerlessApplicationProps {
  readonly release: EmrRelease;
  /** VPC the workers run in (to reach the lake through its endpoints only). */
  readonly vpc: ec2.IVpc;
  /** @default - the VPC's private isolated subnets */
  readonly subnets?: ec2.SubnetSelection;
  readonly maximumCapacity: ServerlessCapacity;
  /**
   * Workers stop after this long without jobs (the application starts on demand when a job is submitted).
   * @default Duration.minutes(15)
   */
  readonly idleTimeout?: Duration;
  /** @default ServerlessArchitecture.ARM64 */
  readonly architecture?: ServerlessArchitecture;
  /** Key encrypting the driver and executor logs (CloudWatch Logs and S3 copies). */
  readonly logKey: kms.IKey;
  /** Encrypted bucket receiving the job logs. */
  readonly logBucket: s3.IBucket;
  /** @default 'emr-serverless/' */
  readonly logPrefix?: string;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** @default - the construct path */
  readonly applicationName?: string;
}
