import { Duration, Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EmrRelease } from '../../../constructs/processing/emr-release';
import { SparkServerlessApplication } from '../../../constructs/processing/spark-serverless-application';
import { ServerlessArchitecture, SparkServerlessApplicationProps } from '../../../constructs/processing/spark-serverless-application-props';
import { testStack } from '../../support/app';
import { resourceOf, rolePolicyStatements } from '../template-helpers';

function fixture() {
  const stack = testStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', { availabilityZones: ['eu-west-1a', 'eu-west-1b'], natGateways: 0, subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const key = new kms.Key(stack, 'Key');
  const logs = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
  const props: SparkServerlessApplicationProps = {
    release: EmrRelease.EMR_7_5_0,
    vpc,
    maximumCapacity: { vcpus: 32, memory: Size.gibibytes(128), disk: Size.gibibytes(500) },
    idleTimeout: Duration.minutes(5),
    logKey: key,
    logBucket: logs,
  };
  return { stack, vpc, key, logs, props };
}

describe('SparkServerlessApplication', () => {
  let stack: Stack;
  let app: SparkServerlessApplication;
  let template: Template;
  let f: ReturnType<typeof fixture>;
  let props: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  let caller: iam.Role;

  beforeAll(() => {
    f = fixture();
    stack = f.stack;
    app = new SparkServerlessApplication(stack, 'App', f.props);
    caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
    app.grantStartJobRun(caller);
    template = Template.fromStack(stack);
    props = resourceOf(template, app).Properties;
  });

  test('caps capacity and starts and stops on demand', () => {
    expect(props.MaximumCapacity).toEqual({ Cpu: '32 vCPU', Memory: '128 GB', Disk: '500 GB' });
    expect(props.AutoStartConfiguration).toEqual({ Enabled: true });
    expect(props.AutoStopConfiguration).toEqual({ Enabled: true, IdleTimeoutMinutes: 5 });
    expect(props.Architecture).toBe(ServerlessArchitecture.ARM64);
    expect(props.ReleaseLabel).toBe('emr-7.5.0');
  });

  test('runs in the private subnets behind its own security group', () => {
    expect(props.NetworkConfiguration.SubnetIds).toEqual(f.vpc.isolatedSubnets.map((s) => stack.resolve(s.subnetId)));
    expect(props.NetworkConfiguration.SecurityGroupIds).toEqual([stack.resolve(app.securityGroup.securityGroupId)]);
  });

  test('encrypts logs in CloudWatch, S3 and managed persistence with the CMK', () => {
    const keyArn = stack.resolve(f.key.keyArn);
    const monitoring = props.MonitoringConfiguration;
    expect(monitoring.CloudWatchLoggingConfiguration).toMatchObject({ Enabled: true, EncryptionKeyArn: keyArn, LogGroupName: stack.resolve(app.logGroup.logGroupName) });
    expect(monitoring.S3MonitoringConfiguration.EncryptionKeyArn).toEqual(keyArn);
    expect(monitoring.ManagedPersistenceMonitoringConfiguration).toEqual({ Enabled: true, EncryptionKeyArn: keyArn });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: keyArn });
  });

  test('the job role is assumed only by EMR Serverless of this account and reaches only its logs', () => {
    const role = resourceOf(template, app.jobRole);
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('emr-serverless.amazonaws.com');
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('aws:SourceAccount');
    expect(JSON.stringify(rolePolicyStatements(template, app.jobRole).map((s) => s.Resource))).toContain('/emr-serverless/*');
  });

  test('grantStartJobRun: start, watch and cancel runs of this application, and pass the job role', () => {
    const statements = rolePolicyStatements(template, caller);
    expect(JSON.stringify(statements)).toContain('emr-serverless:StartJobRun');
    expect(JSON.stringify(statements)).toContain('iam:PassRole');
    expect(JSON.stringify(statements)).toContain('/jobruns/*');
  });
});

describe('SparkServerlessApplication fails if', () => {
  let shared: ReturnType<typeof fixture>;
  beforeAll(() => {
    shared = fixture();
  });
  test.each<[string, Partial<SparkServerlessApplicationProps>, RegExp]>([
    ['vCPUs are not a positive whole number', { maximumCapacity: { vcpus: 0, memory: Size.gibibytes(8) } }, /maximumCapacity.vcpus: received 0; allowed: a whole number, at least 1/],
    ['memory is under 2 GiB per vCPU', { maximumCapacity: { vcpus: 16, memory: Size.gibibytes(16) } }, /maximumCapacity.memory: received 16 GiB; allowed: at least 2 GiB per vCPU \(32 GiB\)/],
    ['the idle timeout is not whole minutes in range', { idleTimeout: Duration.seconds(30) }, /idleTimeout: received 0.5 minutes; allowed: whole minutes from 1 to 10080/],
  ])('%s', (name, patch, expected) => {
    const { stack, props } = shared;
    expect(() => new SparkServerlessApplication(stack, name, { ...props, ...patch })).toThrow(expected);
  });
});
