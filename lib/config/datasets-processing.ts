import { z } from 'zod';
import type { DatasetsCheckInput } from './datasets';

/**
 * Dataset fields owned by the processing domain (catalog, compaction, data quality).
 * Spread into `DatasetSchema`; keep every processing-specific field and rule here.
 */

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;
const column = () => z.string().regex(IDENTIFIER, 'must be a column name (lowercase letters, digits, underscores)');

/**
 * EventBridge Scheduler expressions: `cron(minutes hours day-of-month month day-of-week year)`
 * (six fields) or `rate(<n> minute(s)|hour(s)|day(s))`. Times are UTC.
 */
export const SCHEDULE_EXPRESSION = /^(cron\(\S+( \S+){5}\)|rate\([1-9]\d* (minute|minutes|hour|hours|day|days)\))$/;
const schedule = (defaultValue: string) =>
  z
    .string()
    .regex(SCHEDULE_EXPRESSION, "must be 'cron(<6 fields>)' or 'rate(<n> minutes|hours|days)' (EventBridge Scheduler, UTC)")
    .default(defaultValue);

/** Iceberg compaction strategies (`rewrite_data_files`): sort, or Z-order across several columns. */
export const COMPACTION_STRATEGIES = ['sort', 'zorder'] as const;

const CompactionSchema = z
  .strictObject({
    strategy: z.enum(COMPACTION_STRATEGIES).default('sort').describe('sort: files ordered by the columns; zorder: interleaved, for filters on any of them.'),
    columns: z.array(column()).min(1, 'must list at least one column').describe('Columns to sort or Z-order by (dataset columns or partition keys).'),
    schedule: schedule('cron(0 3 * * ? *)').describe('When compaction runs (default: daily 03:00 UTC).'),
    targetFileSizeMiB: z.number().int().min(64).max(2048).default(512).describe('Target data file size after rewriting.'),
  })
  .describe('Scheduled Iceberg compaction (rewrite_data_files) of an iceberg dataset.');

const threshold = () => z.number().min(0).max(1).default(1).describe('Share of rows that must pass (0 to 1).');

/** Typed data-quality rules; each becomes one DQDL rule. */
export const QualityRuleSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('completeness'), column: column(), threshold: threshold() }).describe('Share of non-null values (DQDL Completeness).'),
  z.strictObject({ type: z.literal('uniqueness'), column: column(), threshold: threshold() }).describe('Share of unique values (DQDL Uniqueness; 1 means IsUnique).'),
  z
    .strictObject({ type: z.literal('range'), column: column(), min: z.number().optional(), max: z.number().optional() })
    .describe('Numeric values within [min, max] (DQDL ColumnValues).'),
  z
    .strictObject({
      type: z.literal('referentialIntegrity'),
      column: column(),
      references: z.strictObject({ dataset: z.string().regex(IDENTIFIER), column: column() }),
      threshold: threshold(),
    })
    .describe('Values found in another dataset\'s column (DQDL ReferentialIntegrity).'),
  z
    .strictObject({ type: z.literal('freshness'), column: column(), maxAgeHours: z.number().int().min(1).max(8760).optional() })
    .describe('Newest value at most this old (DQDL DataFreshness); defaults to the SLA rounded up to hours.'),
]);
export type QualityRuleConfig = z.output<typeof QualityRuleSchema>;

const QualitySchema = z
  .strictObject({
    schedule: schedule('cron(15 * * * ? *)').describe('When the ruleset is evaluated (default: hourly at :15 UTC).'),
    rules: z.array(QualityRuleSchema).min(1, 'must list at least one rule'),
  })
  .describe('Glue Data Quality ruleset of the dataset, evaluated on a schedule; a failure raises an alarm and a circuit-breaker event.');

export const DATASET_PROCESSING_FIELDS = {
  compaction: CompactionSchema.optional(),
  quality: QualitySchema.optional(),
} satisfies z.ZodRawShape;

const NUMERIC = /^(tinyint|smallint|int|bigint|float|double|decimal\(\d{1,2},\d{1,2}\))$/;
const TEMPORAL = /^(date|timestamp)$/;
const PARTITION_COLUMN_TYPES: Record<string, string> = { tenant: 'string', region: 'string', date: 'date' };

interface DatasetShape {
  name?: unknown;
  format?: unknown;
  columns?: unknown;
  partitionedBy?: unknown;
  sla?: { freshnessMinutes?: unknown };
  compaction?: { strategy?: unknown; columns?: unknown };
  quality?: { rules?: unknown };
}

/** Column name -> Glue type of a dataset, partition keys included. */
function columnTypes(d: DatasetShape): Map<string, string> {
  const types = new Map<string, string>();
  if (Array.isArray(d.columns)) {
    for (const c of d.columns as { name?: unknown; type?: unknown }[]) {
      if (typeof c?.name === 'string' && typeof c.type === 'string') types.set(c.name, c.type);
    }
  }
  const partitions = Array.isArray(d.partitionedBy) ? d.partitionedBy : ['tenant', 'region', 'date'];
  for (const p of partitions) if (typeof p === 'string' && PARTITION_COLUMN_TYPES[p]) types.set(p, PARTITION_COLUMN_TYPES[p]);
  return types;
}

/** Cross-field rules for the processing fields of datasets. */
export function checkDatasetProcessing(env: DatasetsCheckInput, ctx: z.RefinementCtx): void {
  if (!Array.isArray(env.datasets)) return;
  const datasets = env.datasets as (DatasetShape | null)[];
  const byName = new Map<string, DatasetShape>();
  for (const d of datasets) if (d && typeof d.name === 'string') byName.set(d.name, d);

  datasets.forEach((d, i) => {
    if (typeof d !== 'object' || d === null) return;
    const types = columnTypes(d);
    const known = [...types.keys()].join(', ');
    const issue = (path: (string | number)[], input: unknown, message: string) => ctx.addIssue({ code: 'custom', path: ['datasets', i, ...path], input, message });

    if (d.compaction && typeof d.compaction === 'object') {
      if (d.format !== undefined && d.format !== 'iceberg') {
        issue(['compaction'], d.format, `format is '${String(d.format)}'; allowed: compaction only on iceberg datasets (rewrite_data_files)`);
      }
      const cols = d.compaction.columns;
      if (Array.isArray(cols)) {
        cols.forEach((c, j) => {
          if (typeof c === 'string' && !types.has(c)) issue(['compaction', 'columns', j], c, `not a column of dataset '${String(d.name)}'; allowed: ${known}`);
        });
        if (d.compaction.strategy === 'zorder' && cols.length < 2) {
          issue(['compaction', 'columns'], cols, "Z-order interleaves several columns; allowed: 2 or more columns (use strategy 'sort' for one)");
        }
        if (new Set(cols).size !== cols.length) issue(['compaction', 'columns'], cols, 'lists a column twice; allowed: each column once');
      }
    }

    const rules = d.quality?.rules;
    if (!Array.isArray(rules)) return;
    rules.forEach((rule: Record<string, unknown> | null, j: number) => {
      if (!rule || typeof rule.column !== 'string') return;
      const path = ['quality', 'rules', j];
      const type = types.get(rule.column);
      if (type === undefined) {
        issue([...path, 'column'], rule.column, `not a column of dataset '${String(d.name)}'; allowed: ${known}`);
        return;
      }
      if (rule.type === 'range') {
        if (!NUMERIC.test(type)) issue([...path, 'column'], rule.column, `has type ${type}; allowed: a numeric column for a range rule`);
        if (rule.min === undefined && rule.max === undefined) issue(path, rule, 'a range rule needs min, max or both');
        if (typeof rule.min === 'number' && typeof rule.max === 'number' && rule.min > rule.max) {
          issue([...path, 'min'], rule.min, `is greater than max ${rule.max}; allowed: min <= max`);
        }
      }
      if (rule.type === 'freshness') {
        if (!TEMPORAL.test(type)) issue([...path, 'column'], rule.column, `has type ${type}; allowed: a date or timestamp column for a freshness rule`);
        if (rule.maxAgeHours === undefined && typeof d.sla?.freshnessMinutes !== 'number') {
          issue([...path, 'maxAgeHours'], undefined, 'the dataset declares no sla.freshnessMinutes; allowed: maxAgeHours, or an SLA to derive it from');
        }
      }
      if (rule.type === 'referentialIntegrity') {
        const ref = rule.references as { dataset?: unknown; column?: unknown } | undefined;
        if (typeof ref?.dataset !== 'string') return;
        const target = byName.get(ref.dataset);
        if (!target) {
          issue([...path, 'references', 'dataset'], ref.dataset, `no such dataset; allowed: ${[...byName.keys()].join(', ')}`);
        } else if (typeof ref.column === 'string' && !columnTypes(target).has(ref.column)) {
          issue([...path, 'references', 'column'], ref.column, `not a column of dataset '${ref.dataset}'; allowed: ${[...columnTypes(target).keys()].join(', ')}`);
        } else if (ref.dataset === d.name) {
          issue([...path, 'references', 'dataset'], ref.dataset, 'references the dataset itself; allowed: another dataset');
        }
      }
    });
  });
}
