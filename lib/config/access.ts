import { z } from 'zod';
import { Persona } from '../../constructs/security/access/persona';

/**
 * Access configuration of an environment: who assumes the persona roles, which
 * zones analysts read, which personas are confined to their tenant, and Lake
 * Formation's column filters. Cross-field rules are in `checkAccess`, called from
 * the environment schema's cross-field checks.
 */

const ACCOUNT_ID = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');

/** Personas that need every tenant in view. */
export const NEVER_TENANT_SCOPED_PERSONAS = ['platform-administrator', 'auditor', 'break-glass'] as const;

/** Services allowed to run the producer and consumer applications. */
export const APPLICATION_SERVICES = [
  'ecs-tasks.amazonaws.com',
  'lambda.amazonaws.com',
  'ec2.amazonaws.com',
  'glue.amazonaws.com',
  'elasticmapreduce.amazonaws.com',
  'emr-serverless.amazonaws.com',
  'kafkaconnect.amazonaws.com',
] as const;

const TrustSchema = z
  .discriminatedUnion('type', [
    z
      .strictObject({
        type: z.literal('identity-center'),
        permissionSetPrefix: z
          .string()
          .regex(/^[\w+=,.@-]{0,16}$/, 'must be up to 16 letters, digits or + = , . @ _ -')
          .default('DataPlatform')
          .describe('Permission set of a persona: <prefix><PersonaPascalName>, e.g. DataPlatformDataAnalyst.'),
        account: ACCOUNT_ID.optional().describe('Account of the Identity Center roles. Omit for the environment\'s account.'),
      })
      .describe('IAM Identity Center: the AWSReservedSSO_<permission set>_* roles assume the persona roles.'),
    z
      .strictObject({
        type: z.literal('account-principals'),
        accounts: z.array(ACCOUNT_ID).min(1).optional().describe('Accounts whose IAM principals may assume the roles. Omit for the environment\'s account.'),
        maxMfaAgeMinutes: z.number().int().min(15).max(720).default(60).describe('Maximum age of the caller\'s MFA sign-in.'),
      })
      .describe('IAM principals of the listed accounts, MFA always required (aws:MultiFactorAuthPresent).'),
  ])
  .describe('Who assumes the human persona roles.');

export const AccessSchema = z
  .strictObject({
    trust: TrustSchema,
    breakGlassAccounts: z
      .array(ACCOUNT_ID)
      .min(1)
      .optional()
      .describe('Accounts whose MFA-signed-in principals may assume break-glass (never through the identity provider). Omit for the environment\'s account.'),
    applicationServices: z
      .array(z.enum(APPLICATION_SERVICES))
      .min(1)
      .default(['ecs-tasks.amazonaws.com'])
      .describe('Service principals that run the producer and consumer applications.'),
    analystZones: z.array(z.string()).min(1).default(['analytics']).describe('Lake zones analysts read; never raw or restricted.'),
    tenantScoped: z
      .array(z.enum(Persona.names() as [string, ...string[]]))
      .default([])
      .describe('Personas confined to the prefix tenant=<their tenant principal tag>/ of each zone.'),
    sessionHours: z.number().int().min(1).max(12).default(1).describe('Maximum session duration of the persona roles, in hours.'),
    lakeFormation: z
      .strictObject({
        enabled: z
          .boolean()
          .default(true)
          .describe('Register the lake with Lake Formation, grant by classification and zone tag, and hide the datasets\' pii columns from analysts.'),
      })
      .prefault({})
      .describe('Lake Formation locations, LF-tags, grants and column filters (from the datasets\' pii columns).'),
  })
  // Omitted: IAM principals of the environment's account with MFA, every other default.
  .prefault({ trust: { type: 'account-principals' } })
  .describe('RBAC personas and Lake Formation. Omit for MFA-signed-in principals of the environment\'s account and the defaults.');

export type AccessConfig = z.output<typeof AccessSchema>;

/** What checkAccess needs of the environment (its shape may be partly invalid). */
interface AccessCheckInput {
  readonly access?: Partial<AccessConfig>;
  readonly lake?: { readonly zones?: Partial<Record<string, { readonly classification?: string }>> };
}

/** Cross-field rules of the access section: zones exist, analysts never reach raw or restricted data, tenant scoping is possible. */
export function checkAccess(env: AccessCheckInput, ctx: z.RefinementCtx, rawZone = 'raw'): void {
  const access = env.access;
  const zones = env.lake?.zones;
  if (!access || !zones) return;
  const zoneNames = Object.keys(zones);
  const readable = zoneNames.filter((z) => z !== rawZone && zones[z]?.classification !== 'restricted');
  const checkZone = (zone: unknown, path: (string | number)[], who: string) => {
    if (typeof zone !== 'string') return;
    if (!zoneNames.includes(zone)) {
      ctx.addIssue({ code: 'custom', path, input: zone, message: `not a lake zone; allowed: ${zoneNames.join(', ')}` });
    } else if (!readable.includes(zone)) {
      const why = zone === rawZone ? 'the raw zone' : 'a restricted zone';
      ctx.addIssue({ code: 'custom', path, input: zone, message: `${why}: ${who} never read raw or restricted data; allowed: ${readable.join(', ') || 'none'}` });
    }
  };
  (Array.isArray(access.analystZones) ? access.analystZones : []).forEach((zone, i) => checkZone(zone, ['access', 'analystZones', i], 'analysts'));
  (Array.isArray(access.tenantScoped) ? access.tenantScoped : []).forEach((persona, i) => {
    if ((NEVER_TENANT_SCOPED_PERSONAS as readonly string[]).includes(persona)) {
      ctx.addIssue({
        code: 'custom',
        path: ['access', 'tenantScoped', i],
        input: persona,
        message: `needs every tenant in view; allowed: personas other than ${NEVER_TENANT_SCOPED_PERSONAS.join(', ')}`,
      });
    }
  });
}
