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
