import { Annotations, Duration, RemovalPolicy, Size, SizeRoundingBehavior, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as emrserverless from 'aws-cdk-lib/aws-emrserverless';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { allowCloudWatchLogs } from '../encryption/service-key-access';
import { ServerlessArchitecture, SparkServerlessApplicationProps } from './spark-serverless-application-props';

/**
 * An EMR Serverless Spark application with the cluster's posture: workers in
 * private subnets behind a security group, a capacity ceiling, start on demand and
 * stop when idle, driver and executor logs to an encrypted log group and an
 * encrypted bucket (both with a customer-managed key). Jobs run as `jobRole`,
 * which starts with nothing but its logs: grant data with the lake's grants
 * (`lake.grantReadWrite(app, 'curated')`; the application is an `IGrantable`).
 */
export class SparkServerlessApplication extends Construct implements iam.IGrantable {
  public readonly resource: emrserverless.CfnApplication;
  /** Runtime role of the application's jobs. */
  public readonly jobRole: iam.Role;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly logGroup: logs.LogGroup;
  public readonly grantPrincipal: iam.IPrincipal;
  /** S3 URI job runs send their logs to. */
  public readonly logUri: string;

  constructor(scope: Construct, id: string, props: SparkServerlessApplicationProps) {
    super(scope, id);
    const problems: string[] = [];
    const cap = props.maximumCapacity;
    const memoryGiB = cap.memory.toGibibytes({ rounding: SizeRoundingBehavior.FLOOR });
    if (!Number.isInteger(cap.vcpus) || cap.vcpus < 1) problems.push(`maximumCapacity.vcpus: received ${cap.vcpus}; allowed: a whole number, at least 1`);
    if (memoryGiB < cap.vcpus * 2) problems.push(`maximumCapacity.memory: received ${memoryGiB} GiB; allowed: at least 2 GiB per vCPU (${cap.vcpus * 2} GiB)`);
    const idle = (props.idleTimeout ?? Duration.minutes(15)).toMinutes({ integral: false });
    if (!Number.isInteger(idle) || idle < 1 || idle > 10080) problems.push(`idleTimeout: received ${idle} minutes; allowed: whole minutes from 1 to 10080`);
    if (problems.length > 0) throw new Error(`Invalid SparkServerlessApplication '${this.node.path}':\n  - ${problems.join('\n  - ')}`);

    const stack = Stack.of(this);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'EMR Serverless workers: no inbound; outbound only reaches VPC endpoints (no internet route)',
      allowAllOutbound: true,
    });
    if (!allowCloudWatchLogs(props.logKey)) {
      Annotations.of(this).addWarningV2('data-platform:serverless-imported-key', 'The log key is imported: its policy must allow the regional CloudWatch Logs service principal.');
    }
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.logKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.jobRole = new iam.Role(this, 'JobRole', {
      assumedBy: new iam.ServicePrincipal('emr-serverless.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: 'EMR Serverless job runtime role; data access is granted zone by zone',
    });
    this.grantPrincipal = this.jobRole;
    const logPrefix = props.logPrefix ?? 'emr-serverless/';
    this.logUri = props.logBucket.s3UrlForObject(logPrefix);
    props.logBucket.grantReadWrite(this.jobRole, `${logPrefix}*`);
    this.logGroup.grantWrite(this.jobRole);
    this.logGroup.grant(this.jobRole, 'logs:DescribeLogStreams');
    props.logKey.grantEncryptDecrypt(this.jobRole);

    const subnets = props.vpc.selectSubnets(props.subnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED });
    this.resource = new emrserverless.CfnApplication(this, 'Resource', {
      name: props.applicationName ?? this.node.path.replace(/\//g, '-'),
      releaseLabel: props.release.label,
      type: 'SPARK',
      architecture: props.architecture ?? ServerlessArchitecture.ARM64,
      maximumCapacity: {
        cpu: `${cap.vcpus} vCPU`,
        memory: `${memoryGiB} GB`,
        disk: `${(cap.disk ?? Size.gibibytes(1000)).toGibibytes()} GB`,
      },
      autoStartConfiguration: { enabled: true },
      autoStopConfiguration: { enabled: true, idleTimeoutMinutes: idle },
      networkConfiguration: { subnetIds: subnets.subnetIds, securityGroupIds: [this.securityGroup.securityGroupId] },
      monitoringConfiguration: {
        s3MonitoringConfiguration: { logUri: this.logUri, encryptionKeyArn: props.logKey.keyArn },
        cloudWatchLoggingConfiguration: {
          enabled: true,
          logGroupName: this.logGroup.logGroupName,
          logStreamNamePrefix: 'spark',
          encryptionKeyArn: props.logKey.keyArn,
        },
        managedPersistenceMonitoringConfiguration: { enabled: true, encryptionKeyArn: props.logKey.keyArn },
      },
    });
  }

  public get applicationId(): string {
    return this.resource.attrApplicationId;
  }

  public get applicationArn(): string {
    return this.resource.attrArn;
  }

  /** Lets a principal (a state machine) start, watch and cancel job runs that run as `jobRole`. */
  public grantStartJobRun(grantee: iam.IGrantable): iam.Grant {
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: ['emr-serverless:StartJobRun', 'emr-serverless:GetJobRun', 'emr-serverless:CancelJobRun', 'emr-serverless:GetApplication'],
      resourceArns: [this.applicationArn, `${this.applicationArn}/jobruns/*`],
    });
    this.jobRole.grantPassRole(grantee.grantPrincipal);
    return grant;
  }
}
