import { Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { AlarmTopic } from '../../../constructs/observability/alarm-topic';
import { EmrRelease } from '../../../constructs/processing/emr-release';
import { IcebergCompaction } from '../../../constructs/processing/iceberg-compaction';
import { CompactionStrategy, IcebergCompactionProps } from '../../../constructs/processing/iceberg-compaction-props';
import { SchedulerKey } from '../../../constructs/processing/scheduler-key';
import { SparkServerlessApplication } from '../../../constructs/processing/spark-serverless-application';
import { testStack } from '../../support/app';
import { keyPolicyStatements, resourceOf } from '../template-helpers';

function fixture() {
  const stack = testStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', { availabilityZones: ['eu-west-1a', 'eu-west-1b'], natGateways: 0, subnetConfiguration: [{ name: 'd', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const key = new kms.Key(stack, 'Key');
  const logs = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
  const application = new SparkServerlessApplication(stack, 'App', {
    release: EmrRelease.EMR_7_5_0,
    vpc,
    maximumCapacity: { vcpus: 16, memory: Size.gibibytes(64) },
    logKey: key,
    logBucket: logs,
  });
  const scheduleKey = new SchedulerKey(stack, 'SchedulerKey');
  const props: IcebergCompactionProps = {
    application,
    warehouse: 's3://warehouse/',
    targets: [
      { database: 'dev_curated', table: 'orders', strategy: CompactionStrategy.SORT, columns: ['customer_id', 'updated_at'], schedule: scheduler.ScheduleExpression.expression('cron(0 2 * * ? *)') },
      { database: 'dev_curated', table: 'customers', strategy: CompactionStrategy.ZORDER, columns: ['customer_id', 'country'], schedule: scheduler.ScheduleExpression.expression('cron(0 4 ? * SUN *)'), targetFileSize: Size.mebibytes(256) },
    ],
    alarmTopic: new AlarmTopic(stack, 'Alarms', { encryptionKey: key }),
    scheduleKey: scheduleKey.key,
    logKey: key,
  };
  return { stack, props, scheduleKey };
}

describe('IcebergCompaction', () => {
  let stack: Stack;
  let template: Template;
  let compaction: IcebergCompaction;
  let f: ReturnType<typeof fixture>;
  let definition: string;

  beforeAll(() => {
    f = fixture();
    stack = f.stack;
    compaction = new IcebergCompaction(stack, 'Compaction', f.props);
    template = Template.fromStack(stack);
    definition = JSON.stringify(resourceOf(template, compaction.stateMachine).Properties.DefinitionString);
  });

  test('runs the repo\'s script on EMR Serverless and waits for it (.sync)', () => {
    expect(definition).toContain(':states:::emr-serverless:startJobRun.sync');
    expect(definition).toMatch(/EntryPoint.*s3:\/\/cdk-[a-z0-9]+-assets-.*\.py/);
    expect(definition).toContain('org.apache.iceberg.aws.glue.GlueCatalog');
    expect(compaction.script.assetPath).toBeDefined();
  });

  test('retries with exponential backoff and jitter, then fails the execution', () => {
    expect(definition).toContain('\\"BackoffRate\\":2');
    expect(definition).toContain('\\"MaxAttempts\\":3');
    expect(definition).toContain('\\"JitterStrategy\\":\\"FULL\\"');
    expect(definition).toContain('CompactionFailed');
  });

  test('logs every execution to an encrypted log group and traces', () => {
    const props = resourceOf(template, compaction.stateMachine).Properties as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(props.LoggingConfiguration.Level).toBe('ALL');
    expect(props.TracingConfiguration).toEqual({ Enabled: true });
  });

  test('schedules each table with its payload, encrypted with the scheduler key', () => {
    expect(compaction.schedules).toHaveLength(2);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 4 ? * SUN *)',
      KmsKeyArn: stack.resolve(f.scheduleKey.key.keyArn),
      Target: Match.objectLike({
        Input: JSON.stringify({ database: 'dev_curated', table: 'customers', strategy: 'zorder', columns: 'customer_id,country', targetFileSizeBytes: '268435456' }),
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
      }),
    });
  });

  test('the scheduler key is used only through EventBridge Scheduler, and no principal gets kms:*', () => {
    const statements = keyPolicyStatements(template, f.scheduleKey.key);
    expect(JSON.stringify(statements)).not.toContain('"kms:*"');
    expect(JSON.stringify(statements.find((s) => s.Sid === 'UseThroughServices')!.Condition)).toContain('scheduler.eu-west-1.');
  });

  test('a service key for other services lists them, and fails if none is given', () => {
    const own = testStack();
    const other = new SchedulerKey(own, 'SecretsKey', { services: ['secretsmanager'] });
    expect(JSON.stringify(keyPolicyStatements(Template.fromStack(own), other.key))).toContain('secretsmanager.eu-west-1.');
    expect(() => new SchedulerKey(own, 'NoKey', { services: [] })).toThrow(/services: received \[\]; allowed: one or more endpoint prefixes/);
  });

  test('alarms and notifies the alarm topic when a run fails', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('compaction run'), Threshold: 1, AlarmActions: Match.anyValue() });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ source: ['aws.states'], detail: Match.objectLike({ status: ['FAILED', 'TIMED_OUT', 'ABORTED'] }) }),
    });
  });
});

describe('IcebergCompaction fails if', () => {
  let shared: ReturnType<typeof fixture>;
  beforeAll(() => {
    shared = fixture();
  });
  const t = { database: 'db', table: 'tbl', strategy: CompactionStrategy.SORT, columns: ['a'], schedule: scheduler.ScheduleExpression.expression('rate(1 day)') };
  test.each<[string, Partial<IcebergCompactionProps>, RegExp]>([
    ['there is no table', { targets: [] }, /targets: received none; allowed: at least one table/],
    ['a database is not an identifier', { targets: [{ ...t, database: 'Bad-Db' }] }, /targets\[0\].database: received 'Bad-Db'/],
    ['a table is listed twice', { targets: [t, t] }, /targets\[1\]: received db.tbl twice; allowed: each table once/],
    ['there is no column', { targets: [{ ...t, columns: [] }] }, /targets\[0\].columns: received none; allowed: at least one column/],
    ['a column is not a name', { targets: [{ ...t, columns: ['A B'] }] }, /targets\[0\].columns\[0\]: received 'A B'; allowed: a column name/],
    ['Z-order has one column', { targets: [{ ...t, strategy: CompactionStrategy.ZORDER }] }, /targets\[0\].columns: received 1 column for zorder; allowed: 2 or more/],
    ['the file size is out of range', { targets: [{ ...t, targetFileSize: Size.mebibytes(4096) }] }, /targets\[0\].targetFileSize: received 4096 MiB; allowed: 64 to 2048 MiB/],
  ])('%s', (name, patch, expected) => {
    const { stack, props } = shared;
    expect(() => new IcebergCompaction(stack, name, { ...props, ...patch })).toThrow(expected);
  });
});
