import type { EnvironmentInput } from '../schema';
import { CUSTOMERS, DAILY_REVENUE, ORDERS } from './datasets';
import { CUSTOMERS_DPIA_US, CUSTOMERS_PRIVACY, US_PROCESSORS, ORDERS_SHARING } from './privacy';

/** Production in the US (CCPA): seven-year audit evidence, archive tiers, nothing destroyed. */
export const prodUs = {
  name: 'prod-us',
  description: 'Production, US residency (CCPA)',
  region: 'us-east-1',
  residency: 'us',
  availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  production: true,
  tags: { owner: 'data-platform-team', costCentre: 'cc-3001' },
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
  datasets: [{ ...ORDERS, ...ORDERS_SHARING }, { ...CUSTOMERS, ...CUSTOMERS_PRIVACY, dpia: CUSTOMERS_DPIA_US }, DAILY_REVENUE],
  privacy: { processors: US_PROCESSORS, erasure: { deadlineDays: 30 } },
  audit: { retentionDays: 2557, logGroupRetentionDays: 400 },
} satisfies EnvironmentInput;
