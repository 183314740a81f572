import { z } from 'zod';
import { DATASET_PRIVACY_FIELDS, checkDatasetPrivacy } from './datasets-privacy';
import { DATASET_PROCESSING_FIELDS, checkDatasetProcessing } from './datasets-processing';

/**
 * Datasets: the data products an environment holds (curriculum module 1). One
 * declaration drives the catalog table, its partition projection, compaction and
 * data-quality rules (`datasets-processing.ts`) and its privacy obligations: DPIA,
 * masking, erasure, sharing (`datasets-privacy.ts`). The base fields below are
 * what every dataset declares.
 */

/** Lake zones a dataset can live in (the same names as `lake.zones`). */
export const DATASET_ZONES = ['raw', 'curated', 'analytics'] as const;

/** Table formats: Iceberg for mutable tables (compaction, erasure), Parquet for append-only. */
export const DATASET_FORMATS = ['iceberg', 'parquet'] as const;

/** Partition keys the lake layout supports: `tenant=<t>/region=<r>/date=<yyyy-mm-dd>/`. */
export const PARTITION_KEYS = ['tenant', 'region', 'date'] as const;
export type PartitionKey = (typeof PARTITION_KEYS)[number];

/** Column types a dataset may declare (Glue/Athena type names). */
const COLUMN_TYPE = /^(string|boolean|tinyint|smallint|int|bigint|float|double|date|timestamp|binary|decimal\(\d{1,2},\d{1,2}\))$/;

/** Glue/Athena identifiers: lowercase, digits, underscores. */
const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

export const ColumnSchema = z.strictObject({
  name: z.string().regex(IDENTIFIER, 'must be 1-63 lowercase letters, digits or underscores, starting with a letter'),
  type: z.string().regex(COLUMN_TYPE, 'must be a Glue type: string, boolean, tinyint, smallint, int, bigint, float, double, date, timestamp, binary or decimal(p,s)'),
  pii: z.boolean().default(false).describe('Personal data: hidden from analysts, masked outside production, erased on request.'),
  description: z.string().max(255).optional(),
});

export const DatasetSchema = z.strictObject({
  name: z.string().regex(IDENTIFIER, 'must be 1-63 lowercase letters, digits or underscores, starting with a letter').describe('Table name in the catalog.'),
  description: z.string().max(255).optional(),
  owner: z.string().min(1).describe('Accountable team (ownership tag, data-quality alarms).'),
  zone: z.enum(DATASET_ZONES).describe('Lake zone holding the dataset.'),
  format: z.enum(DATASET_FORMATS).default('iceberg'),
  columns: z.array(ColumnSchema).min(1, 'must declare at least one column'),
  partitionedBy: z.array(z.enum(PARTITION_KEYS)).default(['tenant', 'region', 'date']).describe('Partition keys, in path order.'),
  personalData: z.boolean().describe('Whether the dataset holds personal data (GDPR/CCPA).'),
  sla: z
    .strictObject({
      freshnessMinutes: z.number().int().min(1).max(10080).describe('Newest record at most this old.'),
    })
    .optional()
    .describe('Service level: decides stream vs batch ingestion and the freshness check.'),
  ...DATASET_PROCESSING_FIELDS,
  ...DATASET_PRIVACY_FIELDS,
});

export type DatasetConfig = z.output<typeof DatasetSchema>;
export type DatasetInput = z.input<typeof DatasetSchema>;

export const DatasetsSchema = z.array(DatasetSchema).default([]).describe('Datasets (data products) the environment holds.');

/** Minimal shape the cross-field checks rely on (they run even when other fields failed). */
export interface DatasetsCheckInput {
  readonly production?: unknown;
  readonly datasets?: unknown;
}

/**
 * Cross-field rules over datasets. Each problem carries its path, the received value
 * and what is allowed. Domain-specific rules live with their fields.
 */
export function checkDatasets(env: DatasetsCheckInput, ctx: z.RefinementCtx): void {
  if (!Array.isArray(env.datasets)) return;
  const seen = new Map<string, number>();
  env.datasets.forEach((dataset: unknown, i: number) => {
    if (typeof dataset !== 'object' || dataset === null) return;
    const d = dataset as { name?: unknown; columns?: unknown; personalData?: unknown; partitionedBy?: unknown };
    if (typeof d.name === 'string') {
      const first = seen.get(d.name);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['datasets', i, 'name'], input: d.name, message: `also declared by datasets[${first}]; allowed: unique dataset names` });
      } else {
        seen.set(d.name, i);
      }
    }
    if (Array.isArray(d.columns)) {
      const names = new Set<string>();
      d.columns.forEach((c: unknown, j: number) => {
        const name = (c as { name?: unknown } | null)?.name;
        if (typeof name !== 'string') return;
        if (names.has(name)) ctx.addIssue({ code: 'custom', path: ['datasets', i, 'columns', j, 'name'], input: name, message: 'listed twice; allowed: unique column names' });
        if ((PARTITION_KEYS as readonly string[]).includes(name) && Array.isArray(d.partitionedBy) && d.partitionedBy.includes(name)) {
          ctx.addIssue({ code: 'custom', path: ['datasets', i, 'columns', j, 'name'], input: name, message: 'is a partition key of this dataset; allowed: a name that is not in partitionedBy' });
        }
        names.add(name);
      });
      const hasPii = d.columns.some((c: unknown) => (c as { pii?: unknown } | null)?.pii === true);
      if (hasPii && d.personalData === false) {
        ctx.addIssue({
          code: 'custom',
          path: ['datasets', i, 'personalData'],
          input: false,
          message: 'a column is marked pii; allowed: true when any column holds personal data',
        });
      }
    }
    if (Array.isArray(d.partitionedBy) && new Set(d.partitionedBy).size !== d.partitionedBy.length) {
      ctx.addIssue({ code: 'custom', path: ['datasets', i, 'partitionedBy'], input: d.partitionedBy, message: 'lists a key twice; allowed: each of tenant, region, date at most once' });
    }
  });
  checkDatasetProcessing(env, ctx);
  checkDatasetPrivacy(env, ctx);
}
