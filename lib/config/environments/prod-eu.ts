import type { EnvironmentInput } from '../schema';
import { CUSTOMERS, DAILY_REVENUE, ORDERS } from './datasets';
import { CUSTOMERS_DPIA_EU, CUSTOMERS_PRIVACY, EU_PROCESSORS, ORDERS_SHARING } from './privacy';

/** Production in the EU (GDPR): seven-year audit evidence, archive tiers, nothing destroyed. */
export const prodEu = {
  name: 'prod-eu',
  description: 'Production, EU residency (GDPR)',
  region: 'eu-central-1',
  residency: 'eu',
  availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
  production: true,
  tags: { owner: 'data-platform-team', costCentre: 'cc-2001' },
  lake: {
    zones: {
      raw: {
        classification: 'restricted',
        lifecycle: {
          transitions: [
            { storageClass: 'INFREQUENT_ACCESS', afterDays: 30 },
            { storageClass: 'GLACIER_INSTANT_RETRIEVAL', afterDays: 90 },
            { storageClass: 'DEEP_ARCHIVE', afterDays: 365 },
          ],
          expireAfterDays: 2555,
          noncurrentVersionExpireAfterDays: 30,
        },
      },
      curated: {
        classification: 'confidential',
        lifecycle: {
          transitions: [
            { storageClass: 'INTELLIGENT_TIERING', afterDays: 0 },
            { storageClass: 'GLACIER_INSTANT_RETRIEVAL', afterDays: 180 },
          ],
          noncurrentVersionExpireAfterDays: 30,
        },
      },
      analytics: {
        classification: 'internal',
        lifecycle: { transitions: [{ storageClass: 'INTELLIGENT_TIERING', afterDays: 0 }], noncurrentVersionExpireAfterDays: 14 },
      },
    },
    accessLogRetentionDays: 365,
  },
  processing: {
    releaseLabel: 'emr-7.5.0',
    workloadProfile: 'etl',
    cluster: {
      primary: { instanceType: 'm5.2xlarge', count: 1, market: 'ON_DEMAND' },
      core: { instanceType: 'r5.2xlarge', count: 3, market: 'ON_DEMAND', ebsVolumeGiB: 256 },
      task: { instanceType: 'r5.2xlarge', count: 2, market: 'SPOT', ebsVolumeGiB: 128 },
      taskAutoScaling: { minimumInstances: 0, maximumInstances: 20, scaleOutCooldownSeconds: 300, scaleInCooldownSeconds: 900 },
      idleTimeoutMinutes: 120,
      kerberos: { ticketLifetimeHours: 10 },
    },
    serverless: { architecture: 'ARM64', maximumVcpus: 400, maximumMemoryGiB: 1600, maximumDiskGiB: 20000, idleTimeoutMinutes: 15 },
    athena: { bytesScannedCutoffPerQueryGiB: 1024 },
  },
  access: {
    // People sign in through IAM Identity Center; break-glass stays with MFA-signed-in account principals.
    trust: { type: 'identity-center', permissionSetPrefix: 'DataPlatform' },
    analystZones: ['analytics'],
    tenantScoped: ['data-analyst', 'consumer-application'],
  },
  datasets: [{ ...ORDERS, ...ORDERS_SHARING }, { ...CUSTOMERS, ...CUSTOMERS_PRIVACY, dpia: CUSTOMERS_DPIA_EU }, DAILY_REVENUE],
  privacy: { processors: EU_PROCESSORS, erasure: { deadlineDays: 30 } },
  audit: { retentionDays: 2557, logGroupRetentionDays: 400 },
  streaming: {
    cluster: {
      kafkaVersion: '3.9.x',
      instanceType: 'kafka.m7g.large',
      brokerCount: 3,
      storage: { initialVolumeGiB: 500, maxVolumeGiB: 2000, targetUtilizationPercent: 60 },
      enhancedMonitoring: 'PER_TOPIC_PER_BROKER',
      logRetentionDays: 365,
    },
    topics: [
      {
        id: 'orders-events',
        name: 'orders.events.v1',
        owner: 'orders-team',
        description: 'Order lifecycle events from the order service',
        durability: 'standard',
        throughput: { averageKiBPerSecond: 512, peakKiBPerSecond: 4096 },
        consumerParallelism: 12,
        compression: 'zstd',
        schema: { format: 'AVRO', compatibility: 'BACKWARD', contract: 'orders-events' },
        consumerGroups: [{ name: 'orders-enrichment', maxTimeLagSeconds: 120 }, { name: 'orders-lake-sink' }],
      },
      {
        id: 'orders-enriched',
        name: 'orders.enriched.v1',
        owner: 'orders-team',
        description: 'Orders joined with customer data by the Flink enrichment job',
        durability: 'replayable',
        throughput: { averageKiBPerSecond: 512, peakKiBPerSecond: 4096 },
        consumerParallelism: 12,
        compression: 'zstd',
        schema: { format: 'PROTOBUF', compatibility: 'FULL', contract: 'orders-enriched' },
        consumerGroups: [{ name: 'analytics-loader' }],
      },
      {
        id: 'customers-cdc',
        name: 'cdc.crm.public.customers',
        owner: 'crm-team',
        description: 'Debezium change stream of the CRM customers table; tombstones carry erasures',
        durability: 'record',
        cleanupPolicy: 'compact',
        compactedSizeGiB: 20,
        throughput: { averageKiBPerSecond: 32, peakKiBPerSecond: 512 },
        consumerParallelism: 3,
        schema: { format: 'AVRO', compatibility: 'FULL', contract: 'customers-cdc' },
        consumerGroups: [{ name: 'orders-enrichment' }, { name: 'customer-360' }],
      },
    ],
    // The CRM customers table captured by Debezium, and the enrichment job joining orders with customers.
    cdc: [
      {
        id: 'crm-customers',
        source: 'postgres',
        database: { hostname: 'crm.prod-eu.internal', port: 5432, name: 'crm', credentialsSecretName: 'prod-eu/cdc/crm' },
        topicPrefix: 'cdc.crm',
        tables: ['public.customers'],
        plugin: { key: 'msk-connect/plugins/debezium-postgres-2.7.zip' },
        capacity: { mcuCount: 1, minWorkers: 2, maxWorkers: 4 },
      },
    ],
    flink: [
      {
        id: 'orders-enrichment',
        code: { key: 'flink/orders-enrichment/orders-enrichment-1.0.0.jar' },
        sourceTopics: ['orders-events', 'customers-cdc'],
        sinkTopics: ['orders-enriched'],
        consumerGroup: 'orders-enrichment',
        parallelism: 6,
        maxParallelism: 12,
      },
    ],
  },
} satisfies EnvironmentInput;
