import type { DatasetInput } from '../datasets';
import type { EnvironmentInput } from '../schema';

/**
 * Privacy declarations of the reference data products and environments: DPIA
 * references, erasure keys, non-production masking, Clean Rooms sharing and the
 * third-party processors. Profiles spread these onto the shared datasets.
 *
 * Dates are real obligations: the production DPIAs must be reviewed within a year
 * and the attestations renewed before they expire, or production synthesis fails
 * (`PLATFORM_NOW` pins the date validation compares with; see docs/privacy.md).
 */

type PrivacyFields = Pick<DatasetInput, 'dpia' | 'nonProduction' | 'erasure' | 'sharing'>;

/** Customers: erased by customer id, tombstoned on the CDC topic, masked outside production. */
export const CUSTOMERS_PRIVACY = {
  nonProduction: 'masked',
  erasure: { subjectKey: 'customer_id', tombstoneTopics: ['crm.customers.cdc'] },
} satisfies PrivacyFields;

/** The EU DPIA of the customer master data (GDPR Art. 35). */
export const CUSTOMERS_DPIA_EU = { id: 'DPIA-EU-2026-014', date: '2026-09-14', approver: 'EU Data Protection Officer' } as const;

/** The US privacy risk assessment of the customer master data (CCPA regulations, Art. 10). */
export const CUSTOMERS_DPIA_US = { id: 'DPIA-US-2026-009', date: '2026-10-02', approver: 'US Chief Privacy Officer' } as const;

/** Orders are shared with partners through Clean Rooms, differential privacy bounding each customer's contribution. */
export const ORDERS_SHARING = {
  sharing: {
    cleanRooms: { allowedColumns: ['customer_id', 'status', 'amount', 'currency', 'updated_at'], userIdentifierColumn: 'customer_id' },
  },
} satisfies PrivacyFields;

type Processors = NonNullable<NonNullable<EnvironmentInput['privacy']>['processors']>;

/** Processors receiving EU personal data, with their attestations. */
export const EU_PROCESSORS = [
  {
    name: 'support-desk',
    purpose: 'Customer support ticketing: receives customer email and name',
    residency: ['eu'],
    attestations: [
      { type: 'SOC2_TYPE2', reference: 'SOC 2 Type II report, period ending 2026-06-30', expires: '2027-06-30' },
      { type: 'ISO27001', reference: 'ISO/IEC 27001 certificate IS-771203', expires: '2028-03-31' },
    ],
  },
] satisfies Processors;

/** Processors receiving US personal data, with their attestations. */
export const US_PROCESSORS = [
  {
    name: 'support-desk',
    purpose: 'Customer support ticketing: receives customer email and name',
    residency: ['us'],
    attestations: [{ type: 'SOC2_TYPE2', reference: 'SOC 2 Type II report, period ending 2026-06-30', expires: '2027-06-30' }],
  },
] satisfies Processors;
