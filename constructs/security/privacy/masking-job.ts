import { Arn, ArnFormat, Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { moveDefaultPolicyToManaged, PolicyAttachment } from '../../private/managed-policy';
import * as path from 'node:path';
import { MaskingJobProps } from './masking-job-props';

/** The repository's masking script. */
export const MASKING_SCRIPT_PATH = path.join(__dirname, '..', '..', '..', 'jobs', 'masking', 'mask_pii.py');

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,254}$/;
const CRON = /^cron\((\S+ ){5}\S+\)$/;

/** Spark settings reading Iceberg tables through the Glue catalog as `glue_catalog`. */
const ICEBERG_CONF = [
  'spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions',
  '--conf spark.sql.catalog.glue_catalog=org.apache.iceberg.spark.SparkCatalog',
  '--conf spark.sql.catalog.glue_catalog.catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog',
  '--conf spark.sql.catalog.glue_catalog.io-impl=org.apache.iceberg.aws.s3.S3FileIO',
].join(' ');

/**
 * A Glue (PySpark) job producing the masked copy of one personal-data dataset: pii
 * columns replaced by HMAC-SHA256 tokens keyed with a secret in Secrets Manager
 * (customer-managed key), written as Parquet under a `masked/` prefix. The job
 * reads only the dataset's prefix and writes only the masked prefix; its logs,
 * bookmarks and output are encrypted with customer-managed keys (a Glue security
 * configuration). Optionally scheduled.
 */
export class MaskingJob extends Construct {
  /** The job. */
  public readonly job: glue.PySparkEtlJob;
  /** The job's role. */
  public readonly role: iam.Role;
  /** The HMAC key. */
  public readonly hmacSecret: secretsmanager.ISecret;
  /** Encryption of the job's output, logs and bookmarks. */
  public readonly securityConfiguration: glue.SecurityConfiguration;
  /** `s3://bucket/prefix/` of the masked copy. */
  public readonly targetPath: string;
  /** The schedule trigger, if a schedule was given. */
  public readonly trigger?: glue.CfnTrigger;
  private readonly maskedBucket: s3.IBucket;
  private readonly maskedPrefix: string;

  constructor(scope: Construct, id: string, props: MaskingJobProps) {
    super(scope, id);
    const problems: string[] = [];
    for (const [field, value] of [['database', props.database], ['table', props.table]] as const) {
      if (!IDENTIFIER.test(value)) problems.push(`${field}: received '${value}'; allowed: lowercase letters, digits and underscores`);
    }
    if (props.piiColumns.length === 0) problems.push('piiColumns: received none; allowed: at least one column to tokenise');
    [...props.piiColumns, ...(props.partitionKeys ?? [])].forEach((c) => {
      if (!IDENTIFIER.test(c)) problems.push(`column '${c}': allowed: lowercase letters, digits and underscores`);
    });
    const overlap = props.piiColumns.filter((c) => (props.partitionKeys ?? []).includes(c));
    if (overlap.length > 0) problems.push(`partitionKeys: received pii column(s) ${overlap.join(', ')}; allowed: columns that are not tokenised (a partition path would expose them)`);
    const workers = props.workers ?? 2;
    if (!Number.isInteger(workers) || workers < 2 || workers > 100) problems.push(`workers: received ${workers}; allowed: a whole number from 2 to 100`);
    if (props.schedule !== undefined && !CRON.test(props.schedule)) problems.push(`schedule: received '${props.schedule}'; allowed: a cron expression such as cron(0 2 * * ? *)`);
    const sourcePrefix = props.sourcePrefix ?? `${props.table}/`;
    const targetPrefix = props.targetPrefix ?? `masked/${props.table}/`;
    if (!targetPrefix.endsWith('/') || targetPrefix === sourcePrefix || targetPrefix.startsWith(sourcePrefix)) {
      problems.push(`targetPrefix: received '${targetPrefix}'; allowed: a prefix ending in '/' outside the source prefix '${sourcePrefix}'`);
    }
    if (problems.length > 0) throw new Error(`Invalid MaskingJob '${this.node.path}':\n  - ${problems.join('\n  - ')}`);

    const stack = Stack.of(this);
    this.hmacSecret =
      props.hmacSecret ??
      new secretsmanager.Secret(this, 'HmacKey', {
        description: `HMAC key of the masking job for ${props.database}.${props.table}`,
        encryptionKey: props.encryptionKey,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        removalPolicy: RemovalPolicy.RETAIN,
      });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: `Masking job for ${props.database}.${props.table}: reads the dataset, writes the masked copy`,
    });
    this.securityConfiguration = new glue.SecurityConfiguration(this, 'Encryption', {
      s3Encryption: glue.S3Encryption.kms(props.targetKey),
      cloudWatchEncryption: glue.CloudWatchEncryption.kms(props.encryptionKey),
      jobBookmarksEncryption: glue.JobBookmarksEncryption.clientSideKms(props.encryptionKey),
    });

    this.maskedBucket = props.targetBucket;
    this.maskedPrefix = targetPrefix;
    this.targetPath = props.targetBucket.s3UrlForObject(targetPrefix);
    this.job = new glue.PySparkEtlJob(this, 'Job', {
      role: this.role,
      script: props.script ?? this.defaultScript(),
      description: `Masked copy of ${props.database}.${props.table}: pii columns replaced by HMAC-SHA256 tokens`,
      glueVersion: glue.GlueVersion.V5_0,
      workerConfiguration: { workerType: glue.WorkerType.G_1X, numberOfWorkers: workers },
      timeout: props.timeout ?? Duration.hours(2),
      maxRetries: 1,
      maxConcurrentRuns: 1,
      securityConfiguration: this.securityConfiguration,
      connections: props.connections ? [...props.connections] : undefined,
      defaultArguments: {
        '--datalake-formats': 'iceberg',
        '--conf': ICEBERG_CONF,
        '--job-bookmark-option': 'job-bookmark-disable',
        '--source_database': props.database,
        '--source_table': props.table,
        '--target_path': this.targetPath,
        '--pii_columns': props.piiColumns.join(','),
        '--partition_keys': (props.partitionKeys ?? []).join(','),
        '--secret_id': this.hmacSecret.secretArn,
      },
    });

    props.sourceBucket.grantRead(this.role, `${sourcePrefix}*`);
    props.targetBucket.grantReadWrite(this.role, `${targetPrefix}*`);
    props.targetKey.grantEncryptDecrypt(this.role);
    this.hmacSecret.grantRead(this.role);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadSourceTable',
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
        resources: [
          stack.formatArn({ service: 'glue', resource: 'catalog' }),
          stack.formatArn({ service: 'glue', resource: 'database', resourceName: props.database }),
          stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${props.database}/${props.table}` }),
        ],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteEncryptedJobLogs',
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:AssociateKmsKey'],
        // Glue names the groups (/aws-glue/jobs/<security configuration>-role/...); region and account as pseudo parameters.
        resources: [
          Arn.format({ partition: Aws.PARTITION, service: 'logs', region: Aws.REGION, account: Aws.ACCOUNT_ID, resource: 'log-group', resourceName: '/aws-glue/*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
        ],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PublishJobMetrics',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': 'Glue' } },
      }),
    );

    if ((props.connections ?? []).length > 0) {
      // A job in a VPC gets elastic network interfaces in the connection's subnet (AWS Glue's documented
      // permissions); Describe* and the interface lifecycle support no resource-level scoping.
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'RunInVpc',
          actions: [
            'ec2:CreateNetworkInterface',
            'ec2:DeleteNetworkInterface',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DescribeRouteTables',
            'ec2:DescribeSecurityGroups',
            'ec2:DescribeSubnets',
            'ec2:DescribeVpcAttribute',
            'ec2:DescribeVpcEndpoints',
          ],
          resources: ['*'],
        }),
      );
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'TagGlueNetworkInterfaces',
          actions: ['ec2:CreateTags', 'ec2:DeleteTags'],
          resources: [Arn.format({ partition: Aws.PARTITION, service: 'ec2', region: Aws.REGION, account: Aws.ACCOUNT_ID, resource: 'network-interface', resourceName: '*' })],
          conditions: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['aws-glue-service-resource'] } },
        }),
      );
    }

    if (props.schedule !== undefined) {
      this.trigger = new glue.CfnTrigger(this, 'Schedule', {
        type: 'SCHEDULED',
        schedule: props.schedule,
        startOnCreation: true,
        description: `Refreshes the masked copy of ${props.database}.${props.table}`,
        actions: [{ jobName: this.job.jobName }],
      });
    }
    // The role's statements live in a customer-managed policy, never inline (NIST AC-6, HIPAA, PCI).
    // Attached from the policy side: the secret's key policy names the role, so the role must not reference the policy.
    moveDefaultPolicyToManaged(this.role, this, 'Policy', `Masking job of ${props.database}.${props.table}: read the dataset, write its masked copy`, PolicyAttachment.FROM_POLICY);
  }

  /** The repository's script as an asset; the role may read that one object (not the whole asset bucket). */
  private defaultScript(): glue.Code {
    const asset = new s3assets.Asset(this, 'Script', { path: MASKING_SCRIPT_PATH });
    return glue.Code.fromBucket(asset.bucket, asset.s3ObjectKey);
  }

  /** Lets a reader (a non-production copy job, for instance) read the masked copy, and nothing else. */
  public grantReadMasked(grantee: iam.IGrantable): iam.Grant {
    return this.maskedBucket.grantRead(grantee, `${this.maskedPrefix}*`);
  }
}
