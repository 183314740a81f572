import { z } from 'zod';
import { ConfigError } from './errors';
import { RESIDENCY_ZONE_NAMES } from './residency';

/**
 * Environment-level privacy configuration (curriculum module 7): third-party
 * processors and their attestations, the erasure deadline, the masking job that
 * produces non-production copies, and the AWS Clean Rooms collaboration analytics
 * are shared through. Dataset-level obligations (DPIA, masking mode, erasure key,
 * sharing) live in `datasets-privacy.ts`.
 */

/** Attestations accepted as evidence that a processor protects the data it handles. */
export const ATTESTATION_TYPES = ['SOC2_TYPE2', 'ISO27001'] as const;
export type AttestationType = (typeof ATTESTATION_TYPES)[number];

/** How long a DPIA stays valid in production before it must be reviewed. */
export const DPIA_MAX_AGE_DAYS = 365;

/** GDPR Art. 12(3): one month, extendable by two further months for complex requests. */
export const ERASURE_MAX_DEADLINE_DAYS = 90;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` as a UTC date; `undefined` unless it is a real calendar date. */
export function parseIsoDate(text: string): Date | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text ? date : undefined;
}

/** An ISO calendar date (`2026-03-31`). */
export const IsoDateSchema = z
  .string()
  .refine((s) => parseIsoDate(s) !== undefined, 'must be a calendar date as YYYY-MM-DD');

/**
 * The date validation compares DPIA and attestation dates with. `PLATFORM_NOW`
 * (a `YYYY-MM-DD` date) pins it, for reproducible runs and tests; otherwise it is
 * today (UTC). A malformed `PLATFORM_NOW` is a user mistake and throws ConfigError.
 */
export function validationNow(env: NodeJS.ProcessEnv = process.env): Date {
  const pinned = env.PLATFORM_NOW;
  if (pinned === undefined || pinned === '') {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  }
  const date = parseIsoDate(pinned);
  if (!date) {
    throw new ConfigError([{ path: 'PLATFORM_NOW', received: JSON.stringify(pinned), message: 'allowed: a date as YYYY-MM-DD, or unset for today (UTC)' }]);
  }
  return date;
}

/** Whole days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 86_400_000);
}

const AttestationSchema = z.strictObject({
  type: z.enum(ATTESTATION_TYPES).describe('SOC 2 Type II report or ISO/IEC 27001 certificate.'),
  reference: z.string().min(1).max(200).describe('Report or certificate reference, for the reviewer to retrieve.'),
  expires: IsoDateSchema.describe('Date the attestation stops being valid (report period end + 12 months, or certificate expiry).'),
});

const ProcessorSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be 2-63 lowercase letters, digits or hyphens, starting with a letter'),
  purpose: z.string().min(1).max(200).describe('What the processor does with the data (GDPR Art. 28 contract subject).'),
  residency: z.array(z.enum(RESIDENCY_ZONE_NAMES)).min(1).describe('Residency zones in which the processor stores or processes the data.'),
  attestations: z.array(AttestationSchema).min(1, 'must list at least one SOC 2 Type II or ISO 27001 attestation'),
});

export type ProcessorConfig = z.output<typeof ProcessorSchema>;

/** Glue/EventBridge schedule expression (`cron(...)`, six fields). */
const CRON = /^cron\((\S+ ){5}\S+\)$/;

const DEFAULT_ERASURE = { deadlineDays: 30, maxConcurrency: 10 };
const DEFAULT_MASKING = { schedule: 'cron(0 2 * * ? *)', workers: 2 };

export const PrivacySchema = z
  .strictObject({
    processors: z.array(ProcessorSchema).default([]).describe('Third-party processors handling the environment\'s personal data.'),
    erasure: z
      .strictObject({
        deadlineDays: z
          .number()
          .int()
          .min(1)
          .max(ERASURE_MAX_DEADLINE_DAYS)
          .default(DEFAULT_ERASURE.deadlineDays)
          .describe('Days within which an erasure request must be complete, old object versions included.'),
        maxConcurrency: z.number().int().min(1).max(40).default(DEFAULT_ERASURE.maxConcurrency).describe('Objects erased in parallel.'),
      })
      .default(DEFAULT_ERASURE),
    masking: z
      .strictObject({
        schedule: z.string().regex(CRON, 'must be a cron expression such as cron(0 2 * * ? *)').default(DEFAULT_MASKING.schedule).describe('When production refreshes masked copies.'),
        workers: z.number().int().min(2).max(100).default(DEFAULT_MASKING.workers).describe('Glue G.1X workers of the masking job.'),
      })
      .default(DEFAULT_MASKING),
    cleanRooms: z
      .strictObject({
        membershipId: z
          .string()
          .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a Clean Rooms membership id (UUID)')
          .optional()
          .describe('Membership in the collaboration tables are associated with. Omit to configure tables only.'),
        differentialPrivacy: z
          .strictObject({
            epsilon: z.number().int().min(1).max(20).describe('Privacy budget per refresh period: lower is more private (Clean Rooms allows 1-20).'),
            usersNoisePerQuery: z.number().int().min(10).max(100).describe('Noise added per query, in users (Clean Rooms allows 10-100).'),
          })
          .default({ epsilon: 3, usersNoisePerQuery: 30 }),
      })
      .optional()
      .describe('AWS Clean Rooms sharing of datasets marked shareable, with differential privacy.'),
  })
  .default({ processors: [], erasure: DEFAULT_ERASURE, masking: DEFAULT_MASKING })
  .describe('Privacy: processors, erasure, masking, Clean Rooms.');

export type PrivacyConfig = z.output<typeof PrivacySchema>;

/** One attestation that has expired on `now`. */
export interface ExpiredAttestation {
  readonly processor: number;
  readonly attestation: number;
  readonly name: string;
  readonly type: string;
  readonly expires: string;
}

/** Attestations of `processors` that have expired on `now` (expiry day itself still valid). */
export function expiredAttestations(processors: unknown, now: Date): ExpiredAttestation[] {
  if (!Array.isArray(processors)) return [];
  const expired: ExpiredAttestation[] = [];
  processors.forEach((p: unknown, i: number) => {
    const proc = p as { name?: unknown; attestations?: unknown } | null;
    if (!proc || !Array.isArray(proc.attestations)) return;
    proc.attestations.forEach((a: unknown, j: number) => {
      const att = a as { type?: unknown; expires?: unknown } | null;
      const date = typeof att?.expires === 'string' ? parseIsoDate(att.expires) : undefined;
      if (date && daysBetween(now, date) < 0) {
        expired.push({ processor: i, attestation: j, name: String(proc.name), type: String(att?.type), expires: String(att?.expires) });
      }
    });
  });
  return expired;
}

/** Minimal shape the privacy checks rely on (they run even when other fields failed). */
export interface PrivacyCheckInput {
  readonly production?: unknown;
  readonly residency?: unknown;
  readonly privacy?: unknown;
}

/**
 * Environment-level privacy rules: an expired attestation fails in production (in
 * other environments the privacy stack reports it as a synth warning), a processor
 * must work inside the environment's residency zone, and processor names are unique.
 */
export function checkPrivacy(env: PrivacyCheckInput, ctx: z.RefinementCtx, now: Date = validationNow()): void {
  const privacy = env.privacy as { processors?: unknown } | undefined;
  if (!privacy || !Array.isArray(privacy.processors)) return;
  const names = new Map<string, number>();
  privacy.processors.forEach((p: unknown, i: number) => {
    const proc = p as { name?: unknown; residency?: unknown } | null;
    if (!proc) return;
    if (typeof proc.name === 'string') {
      const first = names.get(proc.name);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['privacy', 'processors', i, 'name'], input: proc.name, message: `also declared by processors[${first}]; allowed: unique processor names` });
      } else names.set(proc.name, i);
    }
    if (typeof env.residency === 'string' && Array.isArray(proc.residency) && !proc.residency.includes(env.residency)) {
      ctx.addIssue({
        code: 'custom',
        path: ['privacy', 'processors', i, 'residency'],
        input: proc.residency,
        message: `the processor does not work inside the environment's residency zone '${env.residency}'; allowed: a list that includes '${env.residency}'`,
      });
    }
  });
  if (env.production !== true) return;
  for (const e of expiredAttestations(privacy.processors, now)) {
    ctx.addIssue({
      code: 'custom',
      path: ['privacy', 'processors', e.processor, 'attestations', e.attestation, 'expires'],
      input: e.expires,
      message: `${e.type} attestation of processor '${e.name}' expired before ${now.toISOString().slice(0, 10)}; allowed in production: an attestation valid on that date (renew it, or remove the processor)`,
    });
  }
}
