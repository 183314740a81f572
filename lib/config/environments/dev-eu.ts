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
} satisfies EnvironmentInput;
