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
  access: {
    // People sign in through IAM Identity Center; break-glass stays with MFA-signed-in account principals.
    trust: { type: 'identity-center', permissionSetPrefix: 'DataPlatform' },
    analystZones: ['analytics'],
    tenantScoped: ['data-analyst', 'consumer-application'],
  },
  datasets: [{ ...ORDERS, ...ORDERS_SHARING }, { ...CUSTOMERS, ...CUSTOMERS_PRIVACY, dpia: CUSTOMERS_DPIA_EU }, DAILY_REVENUE],
  privacy: { processors: EU_PROCESSORS, erasure: { deadlineDays: 30 } },
  audit: { retentionDays: 2557, logGroupRetentionDays: 400 },
} satisfies EnvironmentInput;
