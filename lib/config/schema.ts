import { Duration } from 'aws-cdk-lib';
import { z } from 'zod';
import { LifecycleTiers, StorageTier, validateLifecycleTiers } from '../../constructs/storage/lifecycle-tiers';
import { AccessSchema, checkAccess } from './access';
import { checkDatasets, DatasetsSchema } from './datasets';
import { checkNetwork, NetworkSchema } from './network';
import { checkProcessing, ProcessingSchema } from './processing';
import { checkPrivacy, PrivacySchema } from './privacy';
import { RESIDENCY_ZONES, RESIDENCY_ZONE_NAMES, regionInZone } from './residency';
import { checkStreaming, StreamingSchema } from './streaming';

/**
 * The environment configuration contract. This schema is the single source of truth
 * for what a valid environment is: TypeScript types, defaults, cross-field rules and
 * the JSON Schema for editors all come from it.
 */

/** Data classifications, least to most sensitive. */
export const DATA_CLASSIFICATIONS = ['internal', 'confidential', 'restricted'] as const;
export type DataClassificationName = (typeof DATA_CLASSIFICATIONS)[number];

/** Lake zones, in the order data flows through them. */
export const LAKE_ZONES = ['raw', 'curated', 'analytics'] as const;
export type LakeZoneName = (typeof LAKE_ZONES)[number];

/** Services that may use a platform key on a caller's behalf (`kms:ViaService`). */
export const KEY_SERVICES = [
  's3',
  'glue',
  'athena',
  'kafka',
  'kinesis',
  'sns',
  'sqs',
  'secretsmanager',
  'ec2',
  'elasticmapreduce',
  'lakeformation',
  'dynamodb',
] as const;

const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const KMS_KEY_ARN = /^arn:aws(-cn|-us-gov)?:kms:([a-z]{2}(-gov)?-[a-z]+-\d):(\d{12}):key\/(mrk-[0-9a-f]{32}|[0-9a-f-]{36})$/;

const days = (what: string, min: number, max: number) =>
  z.number().int(`${what} must be a whole number of days`).min(min).max(max);

const TransitionSchema = z.strictObject({
  storageClass: z.enum(StorageTier.names() as [string, ...string[]]).describe('Tier objects move to.'),
  afterDays: days('afterDays', 0, 36500).describe('Object age in days at which they move.'),
});

const LifecycleSchema = z
  .strictObject({
    transitions: z.array(TransitionSchema).default([]).describe('Tier transitions; validated against S3 minimum ages and storage durations.'),
    expireAfterDays: days('expireAfterDays', 1, 36500).optional().describe('Delete current objects after this many days.'),
    noncurrentVersionExpireAfterDays: days('noncurrentVersionExpireAfterDays', 1, 36500)
      .optional()
      .describe('Permanently delete old versions this many days after they become non-current.'),
    abortIncompleteUploadsAfterDays: days('abortIncompleteUploadsAfterDays', 1, 365)
      .default(7)
      .describe('Abort multipart uploads left incomplete after this many days.'),
  })
  .describe('Lifecycle tiers of one lake zone.');

export type LifecycleConfig = z.output<typeof LifecycleSchema>;

/** Converts the configuration's day counts into the storage construct's typed tiers. */
export function toLifecycleTiers(config: LifecycleConfig): LifecycleTiers {
  return {
    transitions: config.transitions.map((t) => ({ tier: StorageTier.of(t.storageClass), after: Duration.days(t.afterDays) })),
    expiration: config.expireAfterDays === undefined ? undefined : Duration.days(config.expireAfterDays),
    noncurrentVersionExpiration:
      config.noncurrentVersionExpireAfterDays === undefined ? undefined : Duration.days(config.noncurrentVersionExpireAfterDays),
    abortIncompleteMultipartUploadAfter: Duration.days(config.abortIncompleteUploadsAfterDays),
  };
}

/** Maps a lifecycle problem path from the construct's vocabulary to the configuration's. */
const LIFECYCLE_FIELD: Record<string, string> = {
  after: 'afterDays',
  tier: 'storageClass',
  expiration: 'expireAfterDays',
  noncurrentVersionExpiration: 'noncurrentVersionExpireAfterDays',
  abortIncompleteMultipartUploadAfter: 'abortIncompleteUploadsAfterDays',
};

const LakeZoneSchema = z.strictObject({
  classification: z.enum(DATA_CLASSIFICATIONS).describe('Classification of the data the zone holds; selects its key.'),
  lifecycle: LifecycleSchema,
});

const KeyServicesSchema = z.array(z.enum(KEY_SERVICES)).min(1).describe('Services allowed to use the key on a caller\'s behalf.');

const EnvironmentObject = z.strictObject({
  $schema: z.string().optional().describe('Path or URL of this JSON Schema (for editors); ignored.'),
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, 'must be 3-32 lowercase letters, digits or hyphens, starting with a letter')
    .describe('Environment name; prefixes stack names and key aliases.'),
  description: z.string().max(200).optional(),
  account: z
    .string()
    .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
    .optional()
    .describe('Target account. Omit to deploy into the account of the deploying credentials.'),
  region: z.string().regex(AWS_REGION, 'must be an AWS region name such as eu-west-1').describe('Home region; every stack is pinned to it.'),
  residency: z.enum(RESIDENCY_ZONE_NAMES).describe('Residency zone; its regions bound everything in the environment.'),
  availabilityZones: z
    .array(z.string())
    .min(2, 'must list at least 2 availability zones')
    .max(6)
    .describe('Availability zones of the home region (explicit: lookups would need credentials).'),
  production: z.boolean().describe('Production environments refuse data destruction and require long audit retention.'),
  tags: z.strictObject({
    owner: z.string().min(1).describe('Accountable team, tagged on every resource.'),
    costCentre: z.string().min(1).describe('Cost centre, tagged on every resource.'),
  }),
  encryption: z
    .strictObject({
      keyUsage: z
        .strictObject({
          internal: KeyServicesSchema.default(['s3', 'glue', 'athena', 'kafka', 'ec2']),
          confidential: KeyServicesSchema.default(['s3', 'glue', 'athena', 'kafka', 'ec2']),
          restricted: KeyServicesSchema.default(['s3', 'glue', 'kafka']),
          audit: KeyServicesSchema.default(['s3']),
        })
        .default({ internal: ['s3', 'glue', 'athena', 'kafka', 'ec2'], confidential: ['s3', 'glue', 'athena', 'kafka', 'ec2'], restricted: ['s3', 'glue', 'kafka'], audit: ['s3'] })
        .describe('Per key, the services through which principals granted the key may use it.'),
      importedKeys: z
        .strictObject({
          internal: z.string().regex(KMS_KEY_ARN, 'must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<uuid or mrk-id>)').optional(),
          confidential: z.string().regex(KMS_KEY_ARN, 'must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<uuid or mrk-id>)').optional(),
          restricted: z.string().regex(KMS_KEY_ARN, 'must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<uuid or mrk-id>)').optional(),
          audit: z.string().regex(KMS_KEY_ARN, 'must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<uuid or mrk-id>)').optional(),
        })
        .default({})
        .describe('Bring-your-own keys by ARN; a listed key replaces the one the platform would create.'),
    })
    .default({
      keyUsage: { internal: ['s3', 'glue', 'athena', 'kafka', 'ec2'], confidential: ['s3', 'glue', 'athena', 'kafka', 'ec2'], restricted: ['s3', 'glue', 'kafka'], audit: ['s3'] },
      importedKeys: {},
    }),
  lake: z.strictObject({
    zones: z.strictObject({ raw: LakeZoneSchema, curated: LakeZoneSchema, analytics: LakeZoneSchema }),
    accessLogRetentionDays: days('accessLogRetentionDays', 1, 3650).default(365).describe('Days S3 server access logs are kept.'),
  }),
  audit: z.strictObject({
    retentionDays: days('retentionDays', 1, 36500).describe('Object Lock (COMPLIANCE) retention of audit log files, in days.'),
    logGroupRetentionDays: days('logGroupRetentionDays', 1, 3653).default(365).describe('Days the trail\'s CloudWatch Logs copy is kept.'),
  }),
  access: AccessSchema,
  network: NetworkSchema,
  datasets: DatasetsSchema,
  processing: ProcessingSchema,
  privacy: PrivacySchema,
  removal: z
    .strictObject({
      destroyDataOnDelete: z
        .boolean()
        .default(false)
        .describe('Opt-in: delete data stores (not the audit trail) when their stack is deleted. Refused in production.'),
    })
    .default({ destroyDataOnDelete: false }),
  streaming: StreamingSchema.optional().describe('Real-time ingestion (MSK, topics, schemas, CDC, Flink); omit for none. See docs/streaming.md.'),
});

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** The minimum audit retention for a production environment. */
export const PRODUCTION_MIN_AUDIT_RETENTION_DAYS = 365;

/**
 * One environment: the schema with every cross-field rule. Issues carry the path of
 * the offending field and say what was received and what is allowed.
 */
export const EnvironmentSchema = EnvironmentObject.superRefine(crossFieldChecks, { when: () => true });

/**
 * Rules that span fields. They run even when other fields failed (so one run lists
 * every problem), hence each looks only at parts whose shape it has checked.
 */
function crossFieldChecks(env: z.output<typeof EnvironmentObject>, ctx: z.RefinementCtx): void {
  const isString = (v: unknown): v is string => typeof v === 'string';
  const zone = (RESIDENCY_ZONES as Record<string, (typeof RESIDENCY_ZONES)[keyof typeof RESIDENCY_ZONES]>)[env.residency];
  if (zone && isString(env.region) && !regionInZone(env.region, env.residency)) {
    ctx.addIssue({
      code: 'custom',
      path: ['region'],
      input: env.region,
      message: `region is outside residency zone '${env.residency}'; allowed: ${zone.regions.join(', ')}`,
    });
  }

  if (Array.isArray(env.availabilityZones) && isString(env.region)) {
    const seen = new Set<string>();
    env.availabilityZones.forEach((az, i) => {
      if (!isString(az)) return;
      if (!new RegExp(`^${env.region}[a-z]$`).test(az)) {
        ctx.addIssue({
          code: 'custom',
          path: ['availabilityZones', i],
          input: az,
          message: `allowed: an availability zone of ${env.region} (${env.region}a, ${env.region}b, ...)`,
        });
      }
      if (seen.has(az)) {
        ctx.addIssue({ code: 'custom', path: ['availabilityZones', i], input: az, message: 'listed twice; allowed: each zone once' });
      }
      seen.add(az);
    });
  }

  for (const [keyName, arn] of Object.entries(env.encryption?.importedKeys ?? {})) {
    const match = isString(arn) ? KMS_KEY_ARN.exec(arn) : null;
    if (match && isString(env.region) && match[2] !== env.region) {
      ctx.addIssue({
        code: 'custom',
        path: ['encryption', 'importedKeys', keyName],
        input: arn,
        message: `key is in region ${match[2]}; allowed: a key in the environment's region ${env.region} (KMS keys are regional)`,
      });
    }
  }

  for (const zoneName of LAKE_ZONES) {
    const lifecycle = env.lake?.zones?.[zoneName]?.lifecycle;
    if (!LifecycleSchema.safeParse(lifecycle).success) continue; // its own issues are already reported
    for (const problem of validateLifecycleTiers(toLifecycleTiers(lifecycle))) {
      const path: (string | number)[] = ['lake', 'zones', zoneName, 'lifecycle'];
      for (const p of problem.path) path.push(typeof p === 'string' ? (LIFECYCLE_FIELD[p] ?? p) : p);
      ctx.addIssue({ code: 'custom', path, input: problem.received, message: `allowed: ${problem.allowed}` });
    }
  }

  const logDays = env.audit?.logGroupRetentionDays;
  if (typeof logDays === 'number' && !(LOG_RETENTION_DAYS as readonly number[]).includes(logDays)) {
    ctx.addIssue({
      code: 'custom',
      path: ['audit', 'logGroupRetentionDays'],
      input: logDays,
      message: `not a CloudWatch Logs retention period; allowed: ${LOG_RETENTION_DAYS.join(', ')}`,
    });
  }

  if (env.production === true && env.removal?.destroyDataOnDelete === true) {
    ctx.addIssue({
      code: 'custom',
      path: ['removal', 'destroyDataOnDelete'],
      input: true,
      message: 'production environments never destroy data; allowed: false (set production to false for a disposable environment)',
    });
  }

  checkAccess(env, ctx);
  checkNetwork(env, ctx, LOG_RETENTION_DAYS);
  checkDatasets(env, ctx);
  checkStreaming(env, (path, input, message) => ctx.addIssue({ code: 'custom', path, input, message }));
  checkProcessing(env, ctx);
  if (env.production === true && typeof logDays === 'number' && logDays < PRODUCTION_MIN_AUDIT_RETENTION_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['audit', 'logGroupRetentionDays'],
      input: logDays,
      message: `allowed: ${PRODUCTION_MIN_AUDIT_RETENTION_DAYS} days or more in production (Control Tower CT.CLOUDWATCH.PR.2: log groups kept at least a year)`,
    });
  }
  checkPrivacy(env, ctx);

  const auditDays = env.audit?.retentionDays;
  if (env.production === true && typeof auditDays === 'number' && auditDays < PRODUCTION_MIN_AUDIT_RETENTION_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['audit', 'retentionDays'],
      input: auditDays,
      message: `allowed: ${PRODUCTION_MIN_AUDIT_RETENTION_DAYS} days or more in production`,
    });
  }
}

/** What a configuration file or profile contains (defaults may be omitted). */
export type EnvironmentInput = z.input<typeof EnvironmentSchema>;

/** A validated environment with every default resolved. */
export type EnvironmentConfig = z.output<typeof EnvironmentSchema>;

/** The object schema without the cross-field rules: used to look up field names for suggestions. */
export const EnvironmentShape = EnvironmentObject;
