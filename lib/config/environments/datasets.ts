import type { DatasetInput } from '../datasets';

/**
 * The reference data products every default environment declares. Profiles spread
 * these and may adjust them (a development environment, for instance, holds no raw
 * personal data).
 */
export const ORDERS = {
  name: 'orders',
  description: 'Order events from the commerce services, one row per order state change',
  owner: 'commerce-data',
  zone: 'curated',
  format: 'iceberg',
  columns: [
    { name: 'order_id', type: 'string' },
    { name: 'customer_id', type: 'string' },
    { name: 'status', type: 'string' },
    { name: 'amount', type: 'decimal(12,2)' },
    { name: 'currency', type: 'string' },
    { name: 'updated_at', type: 'timestamp' },
  ],
  partitionedBy: ['tenant', 'region', 'date'],
  personalData: false,
  sla: { freshnessMinutes: 15 },
  compaction: { strategy: 'sort', columns: ['customer_id', 'updated_at'], schedule: 'cron(0 2 * * ? *)' },
  quality: {
    rules: [
      { type: 'completeness', column: 'order_id' },
      { type: 'completeness', column: 'customer_id' },
      { type: 'range', column: 'amount', min: 0, max: 1000000 },
      { type: 'referentialIntegrity', column: 'customer_id', references: { dataset: 'customers', column: 'customer_id' }, threshold: 0.99 },
      { type: 'freshness', column: 'updated_at' },
    ],
  },
} satisfies DatasetInput;

export const CUSTOMERS = {
  name: 'customers',
  description: 'Customer master data captured from the CRM database (CDC)',
  owner: 'crm-data',
  zone: 'curated',
  format: 'iceberg',
  columns: [
    { name: 'customer_id', type: 'string' },
    { name: 'email', type: 'string', pii: true },
    { name: 'full_name', type: 'string', pii: true },
    { name: 'country', type: 'string' },
    { name: 'created_at', type: 'timestamp' },
  ],
  partitionedBy: ['tenant', 'region'],
  personalData: true,
  sla: { freshnessMinutes: 60 },
  compaction: { strategy: 'zorder', columns: ['customer_id', 'country'], schedule: 'cron(0 4 ? * SUN *)' },
  quality: {
    schedule: 'cron(30 */6 * * ? *)',
    rules: [
      { type: 'completeness', column: 'customer_id' },
      { type: 'uniqueness', column: 'customer_id' },
      { type: 'completeness', column: 'country', threshold: 0.95 },
    ],
  },
} satisfies DatasetInput;

export const DAILY_REVENUE = {
  name: 'daily_revenue',
  description: 'Revenue per tenant, region and day, for dashboards',
  owner: 'finance-analytics',
  zone: 'analytics',
  format: 'parquet',
  columns: [
    { name: 'orders', type: 'bigint' },
    { name: 'revenue', type: 'decimal(14,2)' },
    { name: 'currency', type: 'string' },
  ],
  partitionedBy: ['tenant', 'region', 'date'],
  personalData: false,
  sla: { freshnessMinutes: 1440 },
  quality: {
    schedule: 'cron(0 6 * * ? *)',
    rules: [
      { type: 'completeness', column: 'currency' },
      { type: 'range', column: 'revenue', min: 0 },
      { type: 'range', column: 'orders', min: 0 },
    ],
  },
} satisfies DatasetInput;
