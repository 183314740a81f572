import { z } from 'zod';
import type { DatasetsCheckInput } from './datasets';
import { DPIA_MAX_AGE_DAYS, IsoDateSchema, daysBetween, parseIsoDate, validationNow } from './privacy';

/**
 * Dataset fields owned by the privacy domain (DPIA, masking, erasure, sharing).
 * Spread into `DatasetSchema`; keep every privacy-specific field and rule here.
 */

/** How a non-production environment holds a personal-data dataset: never raw. */
export const NON_PRODUCTION_MODES = ['masked', 'synthetic'] as const;
export type NonProductionMode = (typeof NON_PRODUCTION_MODES)[number];

/** Storage classes whose objects must be restored before they can be read or rewritten. */
export const ARCHIVE_TIERS: readonly string[] = ['GLACIER', 'DEEP_ARCHIVE'];

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;
/** Kafka topic names (MSK topic names follow the same rule). */
const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

export const DpiaSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Z][A-Z0-9-]{2,39}$/, 'must be a DPIA register id such as DPIA-2026-014 (uppercase letters, digits, hyphens)'),
    date: IsoDateSchema.describe('Date the DPIA was approved (YYYY-MM-DD); older than a year fails in production.'),
    approver: z.string().min(3).max(100).describe('Who approved it (data protection officer or delegate).'),
  })
  .describe('Data protection impact assessment (GDPR Art. 35) covering the dataset.');

export const DATASET_PRIVACY_FIELDS = {
  dpia: DpiaSchema.optional(),
  nonProduction: z
    .enum(NON_PRODUCTION_MODES)
    .optional()
    .describe("How non-production environments hold this personal-data dataset: 'masked' (production's masking job tokenises pii columns) or 'synthetic' (generated, no real subject)."),
  erasure: z
    .strictObject({
      subjectKey: z.string().regex(IDENTIFIER, 'must be a column name').describe('Column identifying the data subject; erasure deletes the rows holding it.'),
      tombstoneTopics: z
        .array(z.string().regex(TOPIC, 'must be a Kafka topic name: 1-249 letters, digits, dots, underscores or hyphens'))
        .default([])
        .describe('Compacted topics keyed by the subject key that receive a tombstone on erasure.'),
    })
    .optional()
    .describe('Right to erasure: how a subject\'s records are found and removed.'),
  sharing: z
    .strictObject({
      cleanRooms: z.strictObject({
        allowedColumns: z.array(z.string().regex(IDENTIFIER, 'must be a column name')).min(1).describe('Columns collaborators may query; never pii columns.'),
        userIdentifierColumn: z
          .string()
          .regex(IDENTIFIER, 'must be a column name')
          .describe('Column identifying the individual whose contribution differential privacy bounds.'),
      }),
    })
    .optional()
    .describe('Analytics sharing through AWS Clean Rooms with differential privacy.'),
} satisfies z.ZodRawShape;

/** The wider environment the privacy rules read (the schema passes the whole environment). */
interface DatasetsPrivacyInput extends DatasetsCheckInput {
  readonly lake?: { zones?: Record<string, { lifecycle?: { transitions?: unknown; noncurrentVersionExpireAfterDays?: unknown } } | undefined> };
  readonly privacy?: { erasure?: { deadlineDays?: unknown } };
}

interface DatasetShape {
  name?: unknown;
  zone?: unknown;
  format?: unknown;
  personalData?: unknown;
  columns?: unknown;
  dpia?: { date?: unknown };
  nonProduction?: unknown;
  erasure?: { subjectKey?: unknown };
  sharing?: { cleanRooms?: { allowedColumns?: unknown; userIdentifierColumn?: unknown } };
}

/**
 * Cross-field rules for the privacy fields of datasets:
 * - DPIA gate: personal data needs a DPIA (production, and masked copies elsewhere);
 *   in production it must be at most `DPIA_MAX_AGE_DAYS` old; never dated in the future.
 * - Non-production environments never hold raw personal data (`nonProduction`).
 * - Erasure must be able to succeed: a subject key naming a column, a mutable
 *   (Iceberg) table, no archive tier needing a restore, and old object versions that
 *   expire within the erasure deadline.
 * - Clean Rooms sharing exposes declared, non-pii columns only.
 */
export function checkDatasetPrivacy(input: DatasetsCheckInput, ctx: z.RefinementCtx, now: Date = validationNow()): void {
  const env = input as DatasetsPrivacyInput;
  if (!Array.isArray(env.datasets)) return;
  const production = env.production === true;
  const deadline = typeof env.privacy?.erasure?.deadlineDays === 'number' ? env.privacy.erasure.deadlineDays : 30;
  const today = now.toISOString().slice(0, 10);
  const flaggedZones = new Set<string>();

  env.datasets.forEach((raw: unknown, i: number) => {
    if (typeof raw !== 'object' || raw === null) return;
    const d = raw as DatasetShape;
    const name = typeof d.name === 'string' ? d.name : `datasets[${i}]`;
    const columns = Array.isArray(d.columns) ? (d.columns as { name?: unknown; pii?: unknown }[]) : [];
    const columnNames = new Set(columns.map((c) => c?.name).filter((n): n is string => typeof n === 'string'));
    const at = (...path: (string | number)[]) => ['datasets', i, ...path];

    // DPIA date sanity applies whenever one is given.
    const dpiaDate = typeof d.dpia?.date === 'string' ? parseIsoDate(d.dpia.date) : undefined;
    if (dpiaDate && daysBetween(now, dpiaDate) > 0) {
      ctx.addIssue({ code: 'custom', path: at('dpia', 'date'), input: d.dpia?.date, message: `is after today (${today}); allowed: the date the DPIA was approved` });
    }

    if (d.personalData !== true) return;

    // Non-production: never raw personal data.
    if (!production && !(NON_PRODUCTION_MODES as readonly unknown[]).includes(d.nonProduction)) {
      ctx.addIssue({
        code: 'custom',
        path: at('nonProduction'),
        input: d.nonProduction,
        message: `dataset '${name}' holds personal data and non-production environments may not hold it raw; allowed: 'masked' (a copy whose pii columns production's masking job tokenises) or 'synthetic' (generated data, no real subject), or leave the dataset out of this environment`,
      });
    }

    // DPIA gate: real subjects' data (raw in production, pseudonymised when masked) needs one.
    const holdsRealSubjects = production || d.nonProduction === 'masked';
    if (holdsRealSubjects && d.dpia === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: at('dpia'),
        input: undefined,
        message: `dataset '${name}' holds personal data; allowed: a DPIA reference { id, date, approver } approved within the last ${DPIA_MAX_AGE_DAYS} days`,
      });
    }
    if (production && dpiaDate && daysBetween(dpiaDate, now) > DPIA_MAX_AGE_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: at('dpia', 'date'),
        input: d.dpia?.date,
        message: `DPIA of dataset '${name}' is ${daysBetween(dpiaDate, now)} days old on ${today}; allowed in production: at most ${DPIA_MAX_AGE_DAYS} days (review the DPIA and record the new approval)`,
      });
    }

    // Erasure must be able to succeed.
    if (d.erasure === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: at('erasure'),
        input: undefined,
        message: `dataset '${name}' holds personal data; allowed: erasure { subjectKey } naming the column that identifies the data subject`,
      });
    } else if (typeof d.erasure.subjectKey === 'string' && columnNames.size > 0 && !columnNames.has(d.erasure.subjectKey)) {
      ctx.addIssue({
        code: 'custom',
        path: at('erasure', 'subjectKey'),
        input: d.erasure.subjectKey,
        message: `not a column of dataset '${name}'; allowed: ${[...columnNames].join(', ')}`,
      });
    }
    if (d.format === 'parquet') {
      ctx.addIssue({
        code: 'custom',
        path: at('format'),
        input: d.format,
        message: `dataset '${name}' holds personal data and erasure deletes single rows; allowed: 'iceberg' (row-level DELETE; append-only Parquet files cannot be rewritten row by row)`,
      });
    }
    if (typeof d.zone !== 'string') return;
    const lifecycle = env.lake?.zones?.[d.zone]?.lifecycle;
    if (!lifecycle || flaggedZones.has(d.zone)) return;
    flaggedZones.add(d.zone);
    const lifecyclePath = ['lake', 'zones', d.zone, 'lifecycle'];
    const noncurrent = lifecycle.noncurrentVersionExpireAfterDays;
    if (noncurrent === undefined || (typeof noncurrent === 'number' && noncurrent > deadline)) {
      ctx.addIssue({
        code: 'custom',
        path: [...lifecyclePath, 'noncurrentVersionExpireAfterDays'],
        input: noncurrent,
        message: `zone '${d.zone}' holds personal data (dataset '${name}') and rewritten files live on as old versions; allowed: ${deadline} days or fewer (the erasure deadline, privacy.erasure.deadlineDays)`,
      });
    }
    if (Array.isArray(lifecycle.transitions)) {
      lifecycle.transitions.forEach((t: unknown, k: number) => {
        const storageClass = (t as { storageClass?: unknown } | null)?.storageClass;
        if (typeof storageClass === 'string' && ARCHIVE_TIERS.includes(storageClass)) {
          ctx.addIssue({
            code: 'custom',
            path: [...lifecyclePath, 'transitions', k, 'storageClass'],
            input: storageClass,
            message: `zone '${d.zone}' holds personal data (dataset '${name}') and erasure must rewrite files without a restore; allowed: a tier readable at once (INFREQUENT_ACCESS, INTELLIGENT_TIERING, GLACIER_INSTANT_RETRIEVAL)`,
          });
        }
      });
    }
  });

  // Sharing is checked for every dataset, personal or not.
  env.datasets.forEach((raw: unknown, i: number) => {
    const d = raw as DatasetShape | null;
    const share = d?.sharing?.cleanRooms;
    if (!d || !share || !Array.isArray(d.columns)) return;
    const columns = d.columns as { name?: unknown; pii?: unknown }[];
    const names = columns.map((c) => c?.name).filter((n): n is string => typeof n === 'string');
    const pii = new Set(columns.filter((c) => c?.pii === true).map((c) => c.name));
    const allowed = Array.isArray(share.allowedColumns) ? (share.allowedColumns as unknown[]) : [];
    allowed.forEach((column, k) => {
      const path = ['datasets', i, 'sharing', 'cleanRooms', 'allowedColumns', k];
      if (typeof column !== 'string') return;
      if (!names.includes(column)) {
        ctx.addIssue({ code: 'custom', path, input: column, message: `not a column of the dataset; allowed: ${names.join(', ')}` });
      } else if (pii.has(column)) {
        ctx.addIssue({ code: 'custom', path, input: column, message: 'is a pii column; allowed: columns without pii (collaborators never see direct identifiers)' });
      }
    });
    if (typeof share.userIdentifierColumn === 'string' && !allowed.includes(share.userIdentifierColumn)) {
      ctx.addIssue({
        code: 'custom',
        path: ['datasets', i, 'sharing', 'cleanRooms', 'userIdentifierColumn'],
        input: share.userIdentifierColumn,
        message: `differential privacy needs the user identifier among the shared columns; allowed: one of ${allowed.map(String).join(', ')}`,
      });
    }
  });
}
