import { Annotations, Duration, RemovalPolicy, Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { PlatformKeys } from '../../constructs/encryption';
import { catalogDatabaseName, PlatformTagKeys } from '../../constructs/governance';
import { PlatformNetwork } from '../../constructs/network';
import { CleanRoomsSharing, ErasureWorkflow, MaskingJob, PrivacyKey } from '../../constructs/security/privacy';
import { DataLake } from '../../constructs/storage';
import { DatasetConfig } from '../config/datasets';
import { expiredAttestations, validationNow } from '../config/privacy';
import { EnvironmentConfig } from '../config/schema';

export interface PrivacyStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly keys: PlatformKeys;
  readonly lake: DataLake;
  /** The environment's network: the masking job runs in its data subnets. */
  readonly network?: PlatformNetwork;
}

/** Key prefix of a dataset's files in its zone bucket. */
export function datasetPrefix(dataset: string): string {
  return `${dataset}/`;
}

/**
 * Privacy machinery of an environment (curriculum module 7):
 * - the right-to-erasure workflow over every personal-data dataset (Iceberg row
 *   deletes where the environment holds the dataset raw, index-driven object
 *   deletes in every zone, tombstones on the datasets' compacted topics);
 * - in production, one masking job per dataset non-production uses masked;
 * - Clean Rooms sharing with differential privacy for datasets marked shareable;
 * - a synth warning for each expired processor attestation outside production
 *   (in production the configuration refuses it).
 */
export class PrivacyStack extends Stack {
  public readonly key: PrivacyKey;
  public readonly erasure?: ErasureWorkflow;
  public readonly maskingJobs: ReadonlyMap<string, MaskingJob>;
  public readonly sharing?: CleanRoomsSharing;

  constructor(scope: Construct, id: string, props: PrivacyStackProps) {
    super(scope, id, props);
    const { config, keys, lake } = props;
    const removalPolicy = config.removal.destroyDataOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const personal = config.datasets.filter((d) => d.personalData);
    const database = (d: DatasetConfig) => catalogDatabaseName(config.name, d.zone);

    this.key = new PrivacyKey(this, 'Key', {
      alias: `data-platform/${config.name}/privacy`,
      removalPolicy,
      pendingWindow: Duration.days(config.production ? 30 : 7),
    });
    Tags.of(this.key).add(PlatformTagKeys.DATA_CLASSIFICATION, 'restricted');

    if (personal.length > 0) {
      // Raw rows live only in production; masked copies are rebuilt from it (erased subjects drop out on refresh).
      const rawTables = config.production ? personal.filter((d) => d.format === 'iceberg' && d.erasure) : [];
      this.erasure = new ErasureWorkflow(this, 'Erasure', {
        encryptionKey: this.key.key,
        auditKey: keys.auditKey,
        buckets: lake.zoneBuckets,
        tables: rawTables.map((d) => ({
          database: database(d),
          table: d.name,
          subjectColumn: d.erasure!.subjectKey,
          bucket: lake.zone(d.zone),
          prefix: datasetPrefix(d.name),
        })),
        tombstones: personal.flatMap((d) => (d.erasure?.tombstoneTopics ?? []).map((topic) => ({ topic, dataset: d.name }))),
        serverAccessLogsBucket: lake.accessLogsBucket,
        maxConcurrency: config.privacy.erasure.maxConcurrency,
        timeout: Duration.days(Math.min(config.privacy.erasure.deadlineDays, 7)),
        auditLogRetention: config.audit.logGroupRetentionDays as logs.RetentionDays,
        removalPolicy,
      });
      Tags.of(this.erasure).add(PlatformTagKeys.DATA_CLASSIFICATION, 'restricted');
    }

    const jobs = new Map<string, MaskingJob>();
    const masked = config.production ? personal.filter((d) => d.nonProduction === 'masked') : [];
    if (masked.length > 0) {
      // One HMAC key per environment: a value gets the same token in every masked dataset.
      const hmacSecret = new secretsmanager.Secret(this, 'MaskingHmacKey', {
        description: `HMAC key of the masking jobs of ${config.name}`,
        encryptionKey: this.key.key,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      Tags.of(hmacSecret).add(PlatformTagKeys.DATA_CLASSIFICATION, 'restricted');
      const connections = props.network ? [this.maskingConnection(props.network)] : undefined;
      for (const d of masked) {
        const bucket = lake.zone(d.zone);
        const job = new MaskingJob(this, `Masking-${d.name}`, {
          database: database(d),
          table: d.name,
          piiColumns: d.columns.filter((c) => c.pii).map((c) => c.name),
          partitionKeys: d.partitionedBy,
          sourceBucket: bucket,
          sourcePrefix: datasetPrefix(d.name),
          targetBucket: bucket,
          targetPrefix: `masked/${datasetPrefix(d.name)}`,
          targetKey: keys.keyFor(config.lake.zones[d.zone].classification),
          encryptionKey: this.key.key,
          hmacSecret,
          schedule: config.privacy.masking.schedule,
          workers: config.privacy.masking.workers,
          connections,
        });
        Tags.of(job).add(PlatformTagKeys.DATA_CLASSIFICATION, 'restricted');
        jobs.set(d.name, job);
      }
    }
    this.maskingJobs = jobs;

    const shared = config.datasets.filter((d) => d.sharing?.cleanRooms);
    if (shared.length > 0) {
      this.sharing = new CleanRoomsSharing(this, 'CleanRooms', {
        membershipId: config.privacy.cleanRooms?.membershipId,
        budget: config.privacy.cleanRooms?.differentialPrivacy,
        tables: shared.map((d) => ({
          database: database(d),
          table: d.name,
          allowedColumns: d.sharing!.cleanRooms.allowedColumns,
          userIdentifierColumn: d.sharing!.cleanRooms.userIdentifierColumn,
          bucket: lake.zone(d.zone),
          prefix: datasetPrefix(d.name),
          description: d.description,
        })),
      });
      Tags.of(this.sharing).add(PlatformTagKeys.DATA_CLASSIFICATION, 'confidential');
    }

    if (!config.production) {
      for (const e of expiredAttestations(config.privacy.processors, validationNow())) {
        Annotations.of(this).addWarningV2(
          'data-platform:processor-attestation-expired',
          `privacy.processors[${e.processor}] '${e.name}': ${e.type} attestation expired on ${e.expires}; renew it before this configuration reaches production (production refuses it).`,
        );
      }
    }
  }

  /** A Glue network connection in a data subnet, with a security group Spark workers share. */
  private maskingConnection(network: PlatformNetwork): glue.IConnection {
    const group = new ec2.SecurityGroup(this, 'MaskingJobSecurityGroup', {
      vpc: network.vpc,
      description: 'Masking job workers: each other, and HTTPS to the VPC endpoints',
      allowAllOutbound: false,
    });
    // Glue requires workers to reach each other on every TCP port.
    group.addIngressRule(group, ec2.Port.allTcp(), 'Spark workers of the masking job');
    group.addEgressRule(group, ec2.Port.allTcp(), 'Spark workers of the masking job');
    // The data subnets are isolated (no NAT, no internet gateway): HTTPS can only reach the
    // interface endpoints and the S3 gateway endpoint, whose prefix list id would need a lookup.
    group.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to the VPC endpoints (isolated subnets)');
    const subnet = network.vpc.selectSubnets(network.dataSubnets).subnets[0];
    const connection = new glue.Connection(this, 'MaskingJobNetwork', {
      type: glue.ConnectionType.NETWORK,
      description: 'Runs the masking jobs in the platform VPC',
      network: glue.ConnectionNetwork.subnet(subnet),
      securityGroups: [group],
    });
    // The subnet's zone as an attribute, not a literal: templates name no availability zone (cfn-lint W3010).
    const cfnSubnet = subnet.node.defaultChild as ec2.CfnSubnet;
    (connection.node.defaultChild as glue.CfnConnection).addPropertyOverride(
      'ConnectionInput.PhysicalConnectionRequirements.AvailabilityZone',
      cfnSubnet.attrAvailabilityZone,
    );
    return connection;
  }
}
