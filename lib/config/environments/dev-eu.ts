import type { EnvironmentInput } from '../schema';
import { CUSTOMERS, DAILY_REVENUE, ORDERS } from './datasets';
import { CUSTOMERS_DPIA_EU, CUSTOMERS_PRIVACY, EU_PROCESSORS } from './privacy';

/** Development in the EU: short retention, cheap tiers, data destruction allowed on teardown. */
export const devEu = {
  name: 'dev-eu',
  description: 'Development and workshops, EU residency',
  region: 'eu-west-1',
  residency: 'eu',
  availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  production: false,
  tags: { owner: 'data-platform-team', costCentre: 'cc-1001' },
  lake: {
    zones: {
      raw: {
        classification: 'restricted',
        lifecycle: { transitions: [{ storageClass: 'INFREQUENT_ACCESS', afterDays: 30 }], expireAfterDays: 90, noncurrentVersionExpireAfterDays: 7 },
      },
      curated: {
        classification: 'confidential',
        lifecycle: { transitions: [{ storageClass: 'INTELLIGENT_TIERING', afterDays: 0 }], expireAfterDays: 180, noncurrentVersionExpireAfterDays: 7 },
      },
      analytics: {
        classification: 'internal',
        lifecycle: { transitions: [{ storageClass: 'INTELLIGENT_TIERING', afterDays: 0 }], expireAfterDays: 90, noncurrentVersionExpireAfterDays: 7 },
      },
    },
    accessLogRetentionDays: 90,
  },
  processing: {
    releaseLabel: 'emr-7.5.0',
    workloadProfile: 'etl',
    cluster: {
      primary: { instanceType: 'm5.xlarge', count: 1, market: 'ON_DEMAND' },
      core: { instanceType: 'm5.xlarge', count: 2, market: 'SPOT' },
      task: { instanceType: 'm5.xlarge', count: 0, market: 'SPOT' },
      managedScaling: { minimumInstances: 2, maximumInstances: 6, maximumCoreInstances: 2 },
      idleTimeoutMinutes: 30,
      kerberos: { ticketLifetimeHours: 10 },
    },
    serverless: { architecture: 'ARM64', maximumVcpus: 32, maximumMemoryGiB: 128, maximumDiskGiB: 500, idleTimeoutMinutes: 5 },
    athena: { bytesScannedCutoffPerQueryGiB: 10 },
  },
  access: {
    // Workshops and development: IAM principals of the account, MFA required.
    trust: { type: 'account-principals' },
    analystZones: ['analytics'],
  },
  // Masked copy from prod-eu (same residency zone); the DPIA covers it (pseudonymised data is personal data).
  datasets: [ORDERS, { ...CUSTOMERS, ...CUSTOMERS_PRIVACY, dpia: CUSTOMERS_DPIA_EU }, DAILY_REVENUE],
  privacy: { processors: EU_PROCESSORS, erasure: { deadlineDays: 7 } },
  audit: { retentionDays: 30, logGroupRetentionDays: 90 },
  removal: { destroyDataOnDelete: true },
  streaming: {
    cluster: {
      kafkaVersion: '3.9.x',
      instanceType: 'kafka.t3.small',
      brokerCount: 3,
      storage: { initialVolumeGiB: 20, maxVolumeGiB: 100, targetUtilizationPercent: 60 },
      enhancedMonitoring: 'PER_TOPIC_PER_BROKER',
      logRetentionDays: 30,
    },
    topics: [
      {
        id: 'orders-events',
        name: 'orders.events.v1',
        owner: 'orders-team',
        description: 'Order lifecycle events from the order service',
        durability: 'standard',
        throughput: { averageKiBPerSecond: 16, peakKiBPerSecond: 256 },
        consumerParallelism: 3,
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
        throughput: { averageKiBPerSecond: 16, peakKiBPerSecond: 256 },
        consumerParallelism: 3,
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
        compactedSizeGiB: 1,
        throughput: { averageKiBPerSecond: 1, peakKiBPerSecond: 64 },
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
        database: { hostname: 'crm.dev.internal', port: 5432, name: 'crm', credentialsSecretName: 'dev-eu/cdc/crm' },
        topicPrefix: 'cdc.crm',
        tables: ['public.customers'],
        plugin: { key: 'msk-connect/plugins/debezium-postgres-2.7.zip' },
        capacity: { mcuCount: 1, minWorkers: 1, maxWorkers: 2 },
      },
    ],
    flink: [
      {
        id: 'orders-enrichment',
        code: { key: 'flink/orders-enrichment/orders-enrichment-1.0.0.jar' },
        sourceTopics: ['orders-events', 'customers-cdc'],
        sinkTopics: ['orders-enriched'],
        consumerGroup: 'orders-enrichment',
        parallelism: 2,
        maxParallelism: 4,
      },
    ],
  },
} satisfies EnvironmentInput;
