import { Aws, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { CatalogQualityProps } from './catalog-quality-props';
import { qualityRuleProblems, toDqdl } from './catalog-quality-rules';

/** Source and detail type of Glue Data Quality result events. */
export const GLUE_DQ_EVENT = { source: 'aws.glue-dataquality', detailType: 'Data Quality Evaluation Results Available' } as const;

/**
 * Data-quality gates on catalog tables:
 *
 * - one `AWS::Glue::DataQualityRuleset` per table, its DQDL generated from typed
 *   rules (`toDqdl`);
 * - an EventBridge Scheduler schedule per table that starts the evaluation
 *   (`glue:StartDataQualityRulesetEvaluationRun`, with CloudWatch metrics and
 *   results in S3) as `evaluationRole`, which the stack grants read access to the
 *   table's zone and catalog;
 * - the circuit breaker: an EventBridge rule matching Glue Data Quality results of
 *   these rulesets with failed rules, which notifies the alarm topic; its
 *   `circuitBreakerPattern` is the contract a dependent service subscribes to
 *   (docs/processing.md); and a CloudWatch alarm on the rule's matches.
 */
export class CatalogQuality extends Construct {
  public readonly rulesets: ReadonlyMap<string, glue.CfnDataQualityRuleset>;
  /** Role Glue Data Quality evaluations run as: grant it the tables' data and catalog. */
  public readonly evaluationRole: iam.Role;
  public readonly schedules: readonly scheduler.Schedule[];
  /** Matches failed evaluations of this construct's rulesets. */
  public readonly failureRule: events.Rule;
  /** In ALARM while rulesets fail (the rule matched in the last period). */
  public readonly failureAlarm: cloudwatch.Alarm;
  /** EventBridge pattern of a failed evaluation of one of these rulesets (the circuit-breaker contract). */
  public readonly circuitBreakerPattern: events.EventPattern;

  constructor(scope: Construct, id: string, props: CatalogQualityProps) {
    super(scope, id);
    const problems: string[] = [];
    if (props.rulesets.length === 0) problems.push('rulesets: received none; allowed: at least one ruleset');
    const seen = new Set<string>();
    props.rulesets.forEach((r, i) => {
      for (const p of qualityRuleProblems(r.rules)) problems.push(`rulesets[${i}].${p}`);
      if (seen.has(`${r.database}.${r.table}`)) problems.push(`rulesets[${i}]: received ${r.database}.${r.table} twice; allowed: one ruleset per table`);
      seen.add(`${r.database}.${r.table}`);
      r.rules.forEach((rule, j) => {
        if (rule.type === 'referentialIntegrity' && !r.references?.[rule.referenceAlias]) {
          problems.push(`rulesets[${i}].rules[${j}].referenceAlias: received '${rule.referenceAlias}'; allowed: an alias listed in references (${Object.keys(r.references ?? {}).join(', ') || 'none'})`);
        }
      });
    });
    if (problems.length > 0) throw new Error(`Invalid CatalogQuality '${this.node.path}':\n  - ${problems.join('\n  - ')}`);

    const stack = Stack.of(this);
    const prefix = props.resultsPrefix ?? 'data-quality/';
    this.evaluationRole = new iam.Role(this, 'EvaluationRole', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: 'Glue Data Quality evaluations: reads the evaluated tables, writes results and metrics',
    });
    props.resultsBucket.grantReadWrite(this.evaluationRole, `${prefix}*`);
    new iam.ManagedPolicy(this, 'EvaluationPolicy', {
      description: 'Publish data-quality metrics and evaluation logs',
      roles: [this.evaluationRole],
      statements: [
        new iam.PolicyStatement({ actions: ['cloudwatch:PutMetricData'], resources: ['*'], conditions: { StringEquals: { 'cloudwatch:namespace': 'Glue Data Quality' } } }),
        new iam.PolicyStatement({
          actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws-glue/data-quality/*`],
        }),
      ],
    });

    const rulesets = new Map<string, glue.CfnDataQualityRuleset>();
    const names: string[] = [];
    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: 'Starts data-quality evaluations on their schedules',
    });
    this.evaluationRole.grantPassRole(schedulerRole);
    this.schedules = props.rulesets.map((r) => {
      const name = `${r.database}-${r.table}`.replace(/_/g, '-');
      names.push(name);
      const ruleset = new glue.CfnDataQualityRuleset(this, `Ruleset-${r.database}-${r.table}`, {
        name,
        description: `Quality gate of ${r.dataset} (${r.database}.${r.table})`,
        ruleset: toDqdl(r.rules),
        targetTable: { databaseName: r.database, tableName: r.table },
      });
      rulesets.set(`${r.database}.${r.table}`, ruleset);
      const additional = Object.fromEntries(
        Object.entries(r.references ?? {}).map(([alias, ref]) => [alias, { GlueTable: { DatabaseName: ref.database, TableName: ref.table } }]),
      );
      const schedule = new scheduler.Schedule(this, `Schedule-${r.database}-${r.table}`, {
        description: `Evaluate data quality of ${r.database}.${r.table}`,
        schedule: r.schedule,
        key: props.scheduleKey,
        timeWindow: scheduler.TimeWindow.flexible(Duration.minutes(10)),
        target: new schedulerTargets.Universal({
          service: 'glue',
          action: 'startDataQualityRulesetEvaluationRun',
          role: schedulerRole,
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
          policyStatements: [
            new iam.PolicyStatement({
              actions: ['glue:StartDataQualityRulesetEvaluationRun'],
              resources: [stack.formatArn({ service: 'glue', resource: 'dataQualityRuleset', resourceName: name })],
            }),
          ],
          input: scheduler.ScheduleTargetInput.fromObject({
            DataSource: { GlueTable: { DatabaseName: r.database, TableName: r.table } },
            Role: this.evaluationRole.roleArn,
            RulesetNames: [name],
            NumberOfWorkers: 2,
            Timeout: 60,
            AdditionalRunOptions: { CloudWatchMetricsEnabled: true, ResultsS3Prefix: props.resultsBucket.s3UrlForObject(`${prefix}${r.database}/${r.table}/`) },
            ...(Object.keys(additional).length > 0 ? { AdditionalDataSources: additional } : {}),
          }),
        }),
      });
      schedule.node.addDependency(ruleset);
      return schedule;
    });
    this.rulesets = rulesets;

    this.circuitBreakerPattern = {
      source: [GLUE_DQ_EVENT.source],
      detailType: [GLUE_DQ_EVENT.detailType],
      detail: { rulesetNames: names, numRulesFailed: [{ numeric: ['>', 0] }] },
    };
    props.alarmTopic.allowService('events.amazonaws.com');
    this.failureRule = new events.Rule(this, 'FailureRule', {
      description: `Circuit breaker: a data-quality ruleset of ${props.environment} failed`,
      eventPattern: this.circuitBreakerPattern,
      targets: [
        new eventTargets.SnsTopic(props.alarmTopic.topic, {
          message: events.RuleTargetInput.fromText(
            `Data quality failed: ${events.EventField.fromPath('$.detail.rulesetNames')} on ${events.EventField.fromPath('$.detail.context.databaseName')}.${events.EventField.fromPath('$.detail.context.tableName')}, ${events.EventField.fromPath('$.detail.numRulesFailed')} rules failed (result ${events.EventField.fromPath('$.detail.resultId')})`,
          ),
        }),
      ],
    });
    this.failureAlarm = new cloudwatch.Alarm(this, 'FailureAlarm', {
      alarmDescription: `A data-quality ruleset of ${props.environment} failed: dependent jobs should hold (circuit breaker)`,
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Events',
        metricName: 'MatchedEvents',
        dimensionsMap: { RuleName: this.failureRule.ruleName },
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    props.alarmTopic.notify(this.failureAlarm);
  }
}
