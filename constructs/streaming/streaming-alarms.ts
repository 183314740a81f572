import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Construct } from 'constructs';
import { pascal } from './msk-cluster';
import { throwIfProblems } from './problems';
import { StreamingAlarmsProps } from './streaming-alarms-props';

/**
 * The alarms of the streaming layer, each notifying (and resolving to) the
 * environment's encrypted alarm topic: offline partitions, under-replicated
 * partitions, a missing or duplicated controller, broker disk, consumer lag per
 * declared group (records and time), failed connector tasks and Flink restarts,
 * failed checkpoints and downtime.
 */
export class StreamingAlarms extends Construct {
  public readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: StreamingAlarmsProps) {
    super(scope, id);
    const disk = props.diskUsedPercent ?? 85;
    throwIfProblems(`StreamingAlarms '${this.node.path}'`, disk > 0 && disk < 100 ? [] : [{ path: ['diskUsedPercent'], received: disk, allowed: 'a percentage between 0 and 100' }]);
    const cluster = props.cluster;
    const name = cluster.clusterName;
    const action = new actions.SnsAction(props.alarmTopic);
    const add = (alarmId: string, metric: cloudwatch.IMetric, options: Omit<cloudwatch.CreateAlarmOptions, 'alarmName'> & { alarmName: string }) => {
      const alarm = new cloudwatch.Alarm(this, alarmId, { metric, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING, ...options });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
      return alarm;
    };
    const gt = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;

    add('OfflinePartitions', cluster.metricOfflinePartitionsCount(), {
      alarmName: `${name}-offline-partitions`,
      alarmDescription: `Partitions of ${name} have no leader: producers and consumers of them are stopped.`,
      threshold: 0, comparisonOperator: gt, evaluationPeriods: 1,
    });
    add('UnderReplicatedPartitions', cluster.metricUnderReplicatedPartitions(), {
      alarmName: `${name}-under-replicated-partitions`,
      alarmDescription: `Partitions of ${name} have fewer in-sync replicas than their replication factor for 5 minutes.`,
      threshold: 0, comparisonOperator: gt, evaluationPeriods: 5,
    });
    add('ActiveController', new cloudwatch.MathExpression({
      expression: 'ABS(FILL(c, 0) - 1)',
      usingMetrics: { c: cluster.metricActiveControllerCount() },
      label: 'Distance from exactly one active controller',
      period: Duration.minutes(1),
    }), {
      alarmName: `${name}-active-controller`,
      alarmDescription: `${name} does not have exactly one active controller (none: metadata changes stop; two: split brain).`,
      threshold: 0, comparisonOperator: gt, evaluationPeriods: 3,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    add('DiskUsed', cluster.metricDiskUsed(), {
      alarmName: `${name}-disk-used`,
      alarmDescription: `A broker of ${name} has used more than ${disk}% of its data volume (storage autoscaling did not keep up, or reached its maximum).`,
      threshold: disk, comparisonOperator: gt, evaluationPeriods: 5,
    });
    for (const lag of props.consumerLag ?? []) {
      const key = `${pascal(lag.group)}On${pascal(lag.topic)}`;
      add(`OffsetLag${key}`, cluster.metricMaxOffsetLag(lag.group, lag.topic), {
        alarmName: `${name}-lag-records-${lag.group}-${lag.topic}`,
        alarmDescription: `Consumer group ${lag.group} is more than ${lag.maxOffsetLag} records behind on ${lag.topic}.`,
        threshold: lag.maxOffsetLag, comparisonOperator: gt, evaluationPeriods: 5,
      });
      add(`TimeLag${key}`, cluster.metricEstimatedMaxTimeLag(lag.group, lag.topic), {
        alarmName: `${name}-lag-seconds-${lag.group}-${lag.topic}`,
        alarmDescription: `Consumer group ${lag.group} is more than ${lag.maxTimeLag.toHumanString()} behind on ${lag.topic}.`,
        threshold: lag.maxTimeLag.toSeconds(), comparisonOperator: gt, evaluationPeriods: 5,
      });
    }
    for (const connector of props.connectors ?? []) {
      // Construct ids come from the connector's and application's construct ids, not their physical names,
      // which carry the environment name: logical ids stay the same in every environment.
      add(`ConnectorErrors${pascal(connector.node.id)}`, connector.metricErroredTaskCount(), {
        alarmName: `${connector.connectorName}-errored-tasks`,
        alarmDescription: `Connector ${connector.connectorName} has failed tasks: change capture has stopped.`,
        threshold: 0, comparisonOperator: gt, evaluationPeriods: 1,
      });
    }
    for (const app of props.flinkApplications ?? []) {
      const appId = pascal(app.node.id);
      add(`FlinkRestarts${appId}`, new cloudwatch.MathExpression({
        expression: 'DIFF(r)',
        usingMetrics: { r: app.metricFullRestarts() },
        label: 'Restarts in the period',
        period: Duration.minutes(1),
      }), {
        alarmName: `${app.applicationName}-restarts`,
        alarmDescription: `Flink application ${app.applicationName} restarted (a failure in the job).`,
        threshold: 0, comparisonOperator: gt, evaluationPeriods: 1,
      });
      add(`FlinkCheckpoints${appId}`, app.metricFailedCheckpoints(), {
        alarmName: `${app.applicationName}-failed-checkpoints`,
        alarmDescription: `Flink application ${app.applicationName} failed checkpoints: exactly-once output is delayed and recovery would replay more.`,
        threshold: 0, comparisonOperator: gt, evaluationPeriods: 1,
      });
      add(`FlinkDowntime${appId}`, app.metricDowntime(), {
        alarmName: `${app.applicationName}-downtime`,
        alarmDescription: `Flink application ${app.applicationName} is not running.`,
        threshold: 0, comparisonOperator: gt, evaluationPeriods: 3,
      });
    }
  }
}
