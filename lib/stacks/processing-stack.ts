import { Duration, RemovalPolicy, Size, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { PlatformKeys } from '../../constructs/encryption';
import { CatalogQuality, LakeCatalog, QualityRule, TableFormat } from '../../constructs/governance';
import { PlatformNetwork } from '../../constructs/network';
import { AlarmTopic } from '../../constructs/observability';
import {
  CompactionStrategy,
  EmrInstanceType,
  EmrRelease,
  EmrSecurityConfiguration,
  IcebergCompaction,
  InstanceGroupOptions,
  InstanceMarket,
  SchedulerKey,
  ServerlessArchitecture,
  SparkCluster,
  SparkServerlessApplication,
  TlsCertificateProvider,
  WorkloadProfile,
} from '../../constructs/processing';
import { AccessLogsBucket, DataLake, SecureBucket } from '../../constructs/storage';
import { moveDefaultPolicyToManaged } from '../../constructs/private/managed-policy';
import { DatasetConfig } from '../config/datasets';
import { RESIDENCY_ZONES } from '../config/residency';
import { EnvironmentConfig } from '../config/schema';

export interface ProcessingStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly keys: PlatformKeys;
  readonly lake: DataLake;
  readonly network: PlatformNetwork;
  readonly alarmTopic: AlarmTopic;
}

/**
 * Processing and governance of an environment: the Spark cluster (EMR on EC2), the
 * EMR Serverless application running scheduled Iceberg compaction, the Glue Data
 * Catalog (a database per zone, a table per dataset) with its Athena workgroup, and
 * the data-quality gates.
 */
export class ProcessingStack extends Stack {
  public readonly cluster: SparkCluster;
  public readonly serverless: SparkServerlessApplication;
  public readonly catalog: LakeCatalog;
  public readonly compaction?: IcebergCompaction;
  public readonly quality?: CatalogQuality;
  /** EMR and EMR Serverless logs. */
  public readonly logsBucket: SecureBucket;
  /** TLS certificates and other inputs the platform team uploads. */
  public readonly artifactsBucket: SecureBucket;
  /** Athena query results and data-quality results. */
  public readonly resultsBucket: SecureBucket;

  constructor(scope: Construct, id: string, props: ProcessingStackProps) {
    super(scope, id, props);
    const { config, keys, lake, network, alarmTopic } = props;
    const p = config.processing;
    const removalPolicy = config.removal.destroyDataOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const confidential = keys.keyFor('confidential');
    const zoneKey = (zone: string) => keys.keyFor(config.lake.zones[zone as keyof typeof config.lake.zones].classification);
    const logRetention = config.audit.logGroupRetentionDays as logs.RetentionDays;
    // Same prefix as the platform keys' aliases (FoundationStack).
    const aliasPrefix = `alias/data-platform/${config.name}`;

    const accessLogs = new AccessLogsBucket(this, 'AccessLogs', { retention: Duration.days(config.lake.accessLogRetentionDays), removalPolicy });
    const bucket = (bucketId: string, expireDays?: number) =>
      new SecureBucket(this, bucketId, {
        encryptionKey: confidential,
        serverAccessLogsBucket: accessLogs,
        lifecycle: expireDays ? { expiration: Duration.days(expireDays), noncurrentVersionExpiration: Duration.days(7) } : undefined,
        removalPolicy,
      });
    this.logsBucket = bucket('Logs', config.audit.logGroupRetentionDays);
    this.artifactsBucket = bucket('Artifacts');
    this.resultsBucket = bucket('Results', 90);

    // Catalog: a database per zone, a table per dataset.
    const datasets = config.datasets;
    this.catalog = new LakeCatalog(this, 'Catalog', {
      environment: config.name,
      zones: lake.zoneNames.map((name) => ({ name, bucket: lake.zone(name) })),
      tables: datasets.map((d) => ({
        name: d.name,
        zone: d.zone,
        format: d.format === 'iceberg' ? TableFormat.ICEBERG : TableFormat.PARQUET,
        description: d.description,
        columns: d.columns.map((c) => ({ name: c.name, type: c.type, comment: c.description })),
        partitionKeys: d.partitionedBy,
        sortColumns: d.format === 'iceberg' ? d.compaction?.columns : undefined,
      })),
      regionValues: RESIDENCY_ZONES[config.residency].regions,
      queryResultsBucket: this.resultsBucket,
      queryResultsKey: confidential,
      bytesScannedCutoffPerQuery: Size.gibibytes(p.athena.bytesScannedCutoffPerQueryGiB),
    });

    // Spark on EMR on EC2.
    const tls =
      p.tlsCertificates.provider === 'pem'
        ? TlsCertificateProvider.pemZip(this.artifactsBucket, p.tlsCertificates.objectKey)
        : TlsCertificateProvider.custom(this.artifactsBucket, p.tlsCertificates.objectKey, p.tlsCertificates.className);
    const security = new EmrSecurityConfiguration(this, 'EmrSecurity', {
      s3EncryptionKey: confidential,
      s3KeyOverrides: lake.zoneNames.map((zone) => ({ bucket: lake.zone(zone), key: zoneKey(zone) })),
      tlsCertificates: tls,
      kerberos: p.cluster.kerberos ? { ticketLifetime: Duration.hours(p.cluster.kerberos.ticketLifetimeHours) } : undefined,
      localDiskKeyAlias: `${aliasPrefix}/emr-local-disk`,
      removalPolicy,
    });
    const group = (g: typeof p.cluster.core): InstanceGroupOptions => ({
      instanceType: EmrInstanceType.of(g.instanceType),
      count: g.count,
      market: g.market === 'SPOT' ? InstanceMarket.SPOT : InstanceMarket.ON_DEMAND,
      ebsVolumeSize: Size.gibibytes(g.ebsVolumeGiB),
    });
    const auto = p.cluster.taskAutoScaling;
    const managed = p.cluster.managedScaling;
    this.cluster = new SparkCluster(this, 'Cluster', {
      vpc: network.vpc,
      subnets: network.dataSubnets,
      release: EmrRelease.of(p.releaseLabel),
      workloadProfile: WorkloadProfile.of(p.workloadProfile),
      primary: group(p.cluster.primary),
      core: group(p.cluster.core),
      task: p.cluster.task
        ? {
            ...group(p.cluster.task),
            autoScaling: auto
              ? {
                  minInstances: auto.minimumInstances,
                  maxInstances: auto.maximumInstances,
                  scaleOutMemoryAvailableBelowPercent: auto.scaleOutWhenMemoryAvailableBelowPercent,
                  scaleOutPendingRatioAbove: auto.scaleOutWhenContainerPendingRatioAbove,
                  scaleInMemoryAvailableAbovePercent: auto.scaleInWhenMemoryAvailableAbovePercent,
                  scaleOutBy: auto.scaleOutInstances,
                  scaleInBy: auto.scaleInInstances,
                  scaleOutCooldown: Duration.seconds(auto.scaleOutCooldownSeconds),
                  scaleInCooldown: Duration.seconds(auto.scaleInCooldownSeconds),
                }
              : undefined,
          }
        : undefined,
      managedScaling: managed
        ? {
            minInstances: managed.minimumInstances,
            maxInstances: managed.maximumInstances,
            maxOnDemandInstances: managed.maximumOnDemandInstances,
            maxCoreInstances: managed.maximumCoreInstances,
          }
        : undefined,
      securityConfiguration: security,
      logBucket: this.logsBucket,
      idleTimeout: Duration.minutes(p.cluster.idleTimeoutMinutes),
      // Secrets Manager is not among the platform keys' services: a key of its own for the KDC secret.
      secretKey: new SchedulerKey(this, 'SecretsKey', { services: ['secretsmanager'], alias: `${aliasPrefix}/emr-secrets`, removalPolicy }).key,
      clusterName: `${config.name}-spark`,
    });
    for (const zone of p.cluster.dataAccess.read) {
      lake.grantRead(this.cluster, zone);
      this.catalog.grantRead(this.cluster, zone);
    }
    for (const zone of p.cluster.dataAccess.readWrite) {
      lake.grantReadWrite(this.cluster, zone);
      this.catalog.grantReadWrite(this.cluster, zone);
    }

    // EMR Serverless for compaction.
    this.serverless = new SparkServerlessApplication(this, 'Serverless', {
      release: EmrRelease.of(p.releaseLabel),
      vpc: network.vpc,
      subnets: network.dataSubnets,
      architecture: p.serverless.architecture === 'ARM64' ? ServerlessArchitecture.ARM64 : ServerlessArchitecture.X86_64,
      maximumCapacity: { vcpus: p.serverless.maximumVcpus, memory: Size.gibibytes(p.serverless.maximumMemoryGiB), disk: Size.gibibytes(p.serverless.maximumDiskGiB) },
      idleTimeout: Duration.minutes(p.serverless.idleTimeoutMinutes),
      logKey: confidential,
      logBucket: this.logsBucket,
      logRetention,
      removalPolicy,
      applicationName: `${config.name}-compaction`,
    });

    const schedulerKey = new SchedulerKey(this, 'SchedulerKey', { alias: `${aliasPrefix}/scheduler`, removalPolicy }).key;
    const compacted = datasets.filter((d) => d.compaction);
    if (compacted.length > 0) {
      for (const zone of new Set(compacted.map((d) => d.zone))) {
        lake.grantReadWrite(this.serverless, zone);
        this.catalog.grantReadWrite(this.serverless, zone);
      }
      this.compaction = new IcebergCompaction(this, 'Compaction', {
        application: this.serverless,
        warehouse: lake.zone(compacted[0].zone).s3UrlForObject(),
        targets: compacted.map((d) => ({
          database: this.catalog.databaseName(d.zone),
          table: d.name,
          strategy: d.compaction!.strategy === 'zorder' ? CompactionStrategy.ZORDER : CompactionStrategy.SORT,
          columns: d.compaction!.columns,
          schedule: scheduler.ScheduleExpression.expression(d.compaction!.schedule),
          targetFileSize: Size.mebibytes(d.compaction!.targetFileSizeMiB),
        })),
        alarmTopic,
        scheduleKey: schedulerKey,
        logKey: confidential,
        logRetention,
        removalPolicy,
      });
    }

    // Data-quality gates.
    const checked = datasets.filter((d) => d.quality);
    if (checked.length > 0) {
      const byName = new Map(datasets.map((d) => [d.name, d]));
      this.quality = new CatalogQuality(this, 'Quality', {
        environment: config.name,
        alarmTopic,
        scheduleKey: schedulerKey,
        resultsBucket: this.resultsBucket,
        rulesets: checked.map((d) => {
          const references = Object.fromEntries(
            d.quality!.rules.flatMap((r) => (r.type === 'referentialIntegrity' ? [r.references.dataset] : [])).map((name) => {
              const ref = byName.get(name)!;
              return [name, { database: this.catalog.databaseName(ref.zone), table: ref.name }];
            }),
          );
          return {
            dataset: d.name,
            database: this.catalog.databaseName(d.zone),
            table: d.name,
            schedule: scheduler.ScheduleExpression.expression(d.quality!.schedule),
            rules: d.quality!.rules.map((r) => qualityRule(r, d)),
            references,
          };
        }),
      });
      const zones = new Set(checked.flatMap((d) => [d.zone, ...d.quality!.rules.flatMap((r) => (r.type === 'referentialIntegrity' ? [byName.get(r.references.dataset)!.zone] : []))]));
      for (const zone of zones) {
        lake.grantRead(this.quality.evaluationRole, zone);
        this.catalog.grantRead(this.quality.evaluationRole, zone);
      }
    }

    // Last, once every grant is made: each role's inline default policy becomes a
    // customer-managed policy beside the role (NIST/HIPAA/PCI IAMNoInlinePolicy).
    for (const role of this.node.findAll().filter((c): c is iam.Role => c instanceof iam.Role)) {
      moveDefaultPolicyToManaged(role, role.node.scope as Construct, `${role.node.id}Policy`, `Permissions of ${role.node.path}`);
    }
  }
}

/** A configured rule in the construct's vocabulary (freshness defaults to the SLA, rounded up to hours). */
function qualityRule(r: NonNullable<DatasetConfig['quality']>['rules'][number], d: DatasetConfig): QualityRule {
  switch (r.type) {
    case 'referentialIntegrity':
      return { type: r.type, column: r.column, referenceAlias: r.references.dataset, referenceColumn: r.references.column, threshold: r.threshold };
    case 'freshness':
      return { type: r.type, column: r.column, maxAge: Duration.hours(r.maxAgeHours ?? Math.ceil((d.sla?.freshnessMinutes ?? 60) / 60)) };
    default:
      return r;
  }
}
