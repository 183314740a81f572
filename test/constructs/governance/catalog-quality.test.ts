import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { CatalogQuality } from '../../../constructs/governance/catalog-quality';
import { CatalogQualityProps } from '../../../constructs/governance/catalog-quality-props';
import { AlarmTopic } from '../../../constructs/observability/alarm-topic';
import { testStack } from '../../support/app';

function fixture() {
  const stack = testStack();
  const key = new kms.Key(stack, 'Key');
  const props: CatalogQualityProps = {
    environment: 'dev-eu',
    alarmTopic: new AlarmTopic(stack, 'Alarms', { encryptionKey: key }),
    scheduleKey: key,
    resultsBucket: new s3.Bucket(stack, 'Results', { encryption: s3.BucketEncryption.KMS, encryptionKey: key }),
    rulesets: [
      {
        dataset: 'orders',
        database: 'dev_eu_curated',
        table: 'orders',
        schedule: scheduler.ScheduleExpression.expression('cron(15 * * * ? *)'),
        rules: [
          { type: 'completeness', column: 'order_id' },
          { type: 'referentialIntegrity', column: 'customer_id', referenceAlias: 'customers', referenceColumn: 'customer_id', threshold: 0.99 },
          { type: 'freshness', column: 'updated_at', maxAge: Duration.hours(1) },
        ],
        references: { customers: { database: 'dev_eu_curated', table: 'customers' } },
      },
    ],
  };
  return { stack, key, props };
}

describe('CatalogQuality', () => {
  let stack: Stack;
  let template: Template;
  let quality: CatalogQuality;

  beforeAll(() => {
    const f = fixture();
    stack = f.stack;
    quality = new CatalogQuality(stack, 'Quality', f.props);
    template = Template.fromStack(stack);
  });

  test('generates the ruleset from the typed rules, targeting the table', () => {
    template.hasResourceProperties('AWS::Glue::DataQualityRuleset', {
      Name: 'dev-eu-curated-orders',
      Ruleset: 'Rules = [\n    Completeness "order_id" = 1.0,\n    ReferentialIntegrity "customer_id" "customers.customer_id" >= 0.99,\n    DataFreshness "updated_at" <= 1 hours\n]',
      TargetTable: { DatabaseName: 'dev_eu_curated', TableName: 'orders' },
    });
  });

  test('schedules the evaluation with metrics, results in S3 and the referenced table as a data source', () => {
    const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0].Properties;
    expect(schedule.ScheduleExpression).toBe('cron(15 * * * ? *)');
    expect(JSON.stringify(schedule.Target.Arn)).toContain(':scheduler:::aws-sdk:glue:startDataQualityRulesetEvaluationRun');
    const text = JSON.stringify(schedule.Target.Input);
    expect(text).toContain('CloudWatchMetricsEnabled');
    expect(text).toContain('AdditionalDataSources');
    expect(text).toContain('dev-eu-curated-orders');
    expect(schedule.KmsKeyArn).toBeDefined();
  });

  test('the circuit breaker matches failed results of these rulesets and notifies the alarm topic', () => {
    expect(quality.circuitBreakerPattern).toEqual({
      source: ['aws.glue-dataquality'],
      detailType: ['Data Quality Evaluation Results Available'],
      detail: { rulesetNames: ['dev-eu-curated-orders'], numRulesFailed: [{ numeric: ['>', 0] }] },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.glue-dataquality'], 'detail-type': ['Data Quality Evaluation Results Available'], detail: Match.anyValue() },
      Targets: [Match.objectLike({ InputTransformer: Match.anyValue() })],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'MatchedEvents', Namespace: 'AWS/Events', Threshold: 1, AlarmActions: Match.anyValue() });
  });
});

describe('CatalogQuality fails if', () => {
  let shared: ReturnType<typeof fixture>;
  beforeAll(() => {
    shared = fixture();
  });
  const ruleset = () => shared.props.rulesets[0];
  test.each<[string, () => Partial<CatalogQualityProps>, RegExp]>([
    ['there is no ruleset', () => ({ rulesets: [] }), /rulesets: received none; allowed: at least one ruleset/],
    ['a rule is invalid', () => ({ rulesets: [{ ...ruleset(), rules: [{ type: 'range', column: 'amount' }] }] }), /rulesets\[0\].rules\[0\]: received a range with no bound/],
    ['a table has two rulesets', () => ({ rulesets: [ruleset(), ruleset()] }), /rulesets\[1\]: received dev_eu_curated.orders twice; allowed: one ruleset per table/],
    ['a referential rule names an alias without a data source', () => ({ rulesets: [{ ...ruleset(), references: {} }] }), /rulesets\[0\].rules\[1\].referenceAlias: received 'customers'; allowed: an alias listed in references \(none\)/],
  ])('%s', (name, patch, expected) => {
    expect(() => new CatalogQuality(shared.stack, name, { ...shared.props, ...patch() })).toThrow(expected);
  });
});
