import { RemovalPolicy, Size } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { AlarmTopic } from '../observability/alarm-topic';
import { SparkServerlessApplication } from './spark-serverless-application';

/** How `rewrite_data_files` orders rows in the rewritten files. */
export enum CompactionStrategy {
  /** Lexicographic sort by the columns: best when queries filter on the first ones. */
  SORT = 'sort',
  /** Z-order: interleaves the columns, for filters on any of them. */
  ZORDER = 'zorder',
}

/** One Iceberg table to compact on a schedule. */
export interface CompactionTarget {
  /** Glue database of the table. */
  readonly database: string;
  readonly table: string;
  readonly strategy: CompactionStrategy;
  /** Columns to sort or Z-order by (Z-order needs two or more). */
  readonly columns: readonly string[];
  readonly schedule: scheduler.ScheduleExpression;
  /** @default Size.mebibytes(512) */
  readonly targetFileSize?: Size;
}

export interface IcebergCompactionProps {
  /** Application the jobs run on; its job role must be granted the tables' zones and catalog. */
  readonly application: SparkServerlessApplication;
  /** Warehouse location of the Iceberg catalog (`s3://<zone bucket>/`). */
  readonly warehouse: string;
  /** Tables to compact; one schedule each. */
  readonly targets: readonly CompactionTarget[];
  /** Topic notified when a compaction run fails (after its retries). */
  readonly alarmTopic: AlarmTopic;
  /** Key encrypting the schedules' payloads (usable through EventBridge Scheduler, e.g. a SchedulerKey). */
  readonly scheduleKey: kms.IKey;
  /** Key encrypting the state machine's log group. */
  readonly logKey: kms.IKey;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}
