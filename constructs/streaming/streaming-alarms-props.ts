import { Duration } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { DebeziumConnector } from './debezium-connector';
import { FlinkApplication } from './flink-application';
import { MskCluster } from './msk-cluster';

/** Lag limits of one consumer group on one topic. */
export interface ConsumerLagLimit {
  readonly group: string;
  readonly topic: string;
  /** Alarm when the worst partition is this many records behind. */
  readonly maxOffsetLag: number;
  /** Alarm when the worst partition is this far behind in time. */
  readonly maxTimeLag: Duration;
}

export interface StreamingAlarmsProps {
  readonly cluster: MskCluster;
  /** Encrypted topic every alarm (and its recovery) notifies. */
  readonly alarmTopic: sns.ITopic;
  /**
   * Alarm when the fullest broker's data disk passes this percentage.
   * @default 85
   */
  readonly diskUsedPercent?: number;
  /** @default - no lag alarms */
  readonly consumerLag?: readonly ConsumerLagLimit[];
  /** @default - none */
  readonly connectors?: readonly DebeziumConnector[];
  /** @default - none */
  readonly flinkApplications?: readonly FlinkApplication[];
}
