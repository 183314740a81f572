import { Aws, Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import * as path from 'node:path';
import { allowCloudWatchLogs } from '../encryption/service-key-access';
import { CompactionStrategy, IcebergCompactionProps } from './iceberg-compaction-props';

/** The PySpark job, versioned with the infrastructure. */
export const COMPACTION_SCRIPT = path.join(__dirname, '..', '..', 'jobs', 'compaction', 'compact_iceberg.py');

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * Scheduled Iceberg compaction: per table, an EventBridge Scheduler schedule (its
 * payload encrypted with a customer-managed key) starts one Step Functions
 * state machine, which runs `jobs/compaction/compact_iceberg.py` on EMR Serverless
 * (`startJobRun.sync`: it waits for the job) with `rewrite_data_files` sorting or
 * Z-ordering by the table's columns, then expires snapshots and removes orphans.
 * Failed runs are retried with exponential backoff and jitter; a run that still
 * fails notifies the alarm topic (EventBridge) and raises a CloudWatch alarm.
 */
export class IcebergCompaction extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly schedules: readonly scheduler.Schedule[];
  /** Alarm on failed, timed-out or aborted runs. */
  public readonly failureAlarm: cloudwatch.Alarm;
  public readonly script: s3assets.Asset;

  constructor(scope: Construct, id: string, props: IcebergCompactionProps) {
    super(scope, id);
    const problems: string[] = [];
    if (props.targets.length === 0) problems.push('targets: received none; allowed: at least one table');
    const seen = new Set<string>();
    props.targets.forEach((t, i) => {
      for (const [field, value] of [['database', t.database], ['table', t.table]] as const) {
        if (!IDENTIFIER.test(value)) problems.push(`targets[${i}].${field}: received '${value}'; allowed: lowercase letters, digits and underscores`);
      }
      if (seen.has(`${t.database}.${t.table}`)) problems.push(`targets[${i}]: received ${t.database}.${t.table} twice; allowed: each table once`);
      seen.add(`${t.database}.${t.table}`);
      if (t.columns.length === 0) problems.push(`targets[${i}].columns: received none; allowed: at least one column`);
      t.columns.forEach((c, j) => {
        if (!IDENTIFIER.test(c)) problems.push(`targets[${i}].columns[${j}]: received '${c}'; allowed: a column name`);
      });
      if (t.strategy === CompactionStrategy.ZORDER && t.columns.length < 2) {
        problems.push(`targets[${i}].columns: received ${t.columns.length} column for zorder; allowed: 2 or more (use SORT for one)`);
      }
      const size = (t.targetFileSize ?? Size.mebibytes(512)).toMebibytes();
      if (size < 64 || size > 2048) problems.push(`targets[${i}].targetFileSize: received ${size} MiB; allowed: 64 to 2048 MiB`);
    });
    if (problems.length > 0) throw new Error(`Invalid IcebergCompaction '${this.node.path}':\n  - ${problems.join('\n  - ')}`);

    const stack = Stack.of(this);
    const app = props.application;
    this.script = new s3assets.Asset(this, 'Script', { path: COMPACTION_SCRIPT });
    // Only the script object, not the whole asset bucket.
    this.script.bucket.grantRead(app.jobRole, this.script.s3ObjectKey);

    const sparkSubmitParameters = [
      '--conf spark.jars=/usr/share/aws/iceberg/lib/iceberg-spark3-runtime.jar',
      '--conf spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions',
      '--conf spark.sql.catalog.lake=org.apache.iceberg.spark.SparkCatalog',
      '--conf spark.sql.catalog.lake.catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog',
      '--conf spark.sql.catalog.lake.io-impl=org.apache.iceberg.aws.s3.S3FileIO',
      `--conf spark.sql.catalog.lake.warehouse=${props.warehouse}`,
      '--conf spark.hadoop.hive.metastore.client.factory.class=com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory',
      '--conf spark.sql.adaptive.enabled=true',
    ].join(' ');
    const runJob = new sfn.CustomState(this, 'CompactTable', {
      stateJson: {
        Type: 'Task',
        Comment: 'Run compact_iceberg.py on EMR Serverless and wait for it',
        Resource: `arn:${Aws.PARTITION}:states:::emr-serverless:startJobRun.sync`,
        Parameters: {
          ApplicationId: app.applicationId,
          ExecutionRoleArn: app.jobRole.roleArn,
          'Name.$': "States.Format('compact-{}-{}', $.database, $.table)",
          'ClientToken.$': '$$.Execution.Name',
          ExecutionTimeoutMinutes: 240,
          JobDriver: {
            SparkSubmit: {
              EntryPoint: this.script.s3ObjectUrl,
              'EntryPointArguments.$':
                "States.Array('--database', $.database, '--table', $.table, '--strategy', $.strategy, '--columns', $.columns, '--target-file-size-bytes', $.targetFileSizeBytes)",
              SparkSubmitParameters: sparkSubmitParameters,
            },
          },
        },
        ResultSelector: { 'jobRunId.$': '$.JobRunId', 'state.$': '$.JobRun.State' },
      },
    });
    // Commit conflicts with concurrent writers and capacity limits are transient: retry with backoff.
    runJob.addRetry({ errors: ['States.ALL'], interval: Duration.minutes(2), maxAttempts: 3, backoffRate: 2, jitterStrategy: sfn.JitterType.FULL });
    const failed = new sfn.Fail(this, 'CompactionFailed', { error: 'CompactionFailed', causePath: '$.error.Cause' });
    runJob.addCatch(failed, { resultPath: '$.error' });
    const done = new sfn.Succeed(this, 'Compacted');

    allowCloudWatchLogs(props.logKey);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.logKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(runJob.next(done)),
      timeout: Duration.hours(6),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
    app.grantStartJobRun(this.stateMachine);
    // `.sync` watches the job through a Step Functions-managed EventBridge rule.
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        resources: [stack.formatArn({ service: 'events', resource: 'rule', resourceName: 'StepFunctionsGetEventsForEMRServerlessJobRule' })],
      }),
    );

    const role = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: 'Starts compaction runs on their schedules',
    });
    this.schedules = props.targets.map(
      (t) =>
        new scheduler.Schedule(this, `Schedule-${t.database}-${t.table}`, {
          description: `Compact ${t.database}.${t.table} (${t.strategy} by ${t.columns.join(', ')})`,
          schedule: t.schedule,
          key: props.scheduleKey,
          timeWindow: scheduler.TimeWindow.flexible(Duration.minutes(15)),
          target: new schedulerTargets.StepFunctionsStartExecution(this.stateMachine, {
            role,
            retryAttempts: 3,
            maxEventAge: Duration.hours(1),
            input: scheduler.ScheduleTargetInput.fromObject({
              database: t.database,
              table: t.table,
              strategy: t.strategy,
              columns: t.columns.join(','),
              targetFileSizeBytes: String((t.targetFileSize ?? Size.mebibytes(512)).toBytes()),
            }),
          }),
        }),
    );

    this.failureAlarm = new cloudwatch.Alarm(this, 'FailureAlarm', {
      alarmDescription: `A compaction run of ${this.node.path} failed after its retries`,
      metric: new cloudwatch.MathExpression({
        expression: 'failed + timedOut + aborted',
        usingMetrics: {
          failed: this.stateMachine.metricFailed({ statistic: 'Sum' }),
          timedOut: this.stateMachine.metricTimedOut({ statistic: 'Sum' }),
          aborted: this.stateMachine.metricAborted({ statistic: 'Sum' }),
        },
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    props.alarmTopic.notify(this.failureAlarm);
    props.alarmTopic.allowService('events.amazonaws.com');
    new events.Rule(this, 'FailureNotification', {
      description: 'Notifies the alarm topic of each failed compaction run, with its table and cause',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: { stateMachineArn: [this.stateMachine.stateMachineArn], status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
      },
      targets: [
        new eventTargets.SnsTopic(props.alarmTopic.topic, {
          message: events.RuleTargetInput.fromText(
            `Compaction run ${events.EventField.fromPath('$.detail.name')} ended ${events.EventField.fromPath('$.detail.status')}: ${events.EventField.fromPath('$.detail.input')}`,
          ),
        }),
      ],
    });
  }
}
