import { z } from 'zod';

/**
 * The compliance report's data model. The zod schemas are the single source of truth:
 * the TypeScript types are inferred from them, `report.json` is parsed with them
 * before it is written, and `schema/report.schema.json` is generated from them
 * (`npm run report -- schema`; a drift test keeps the file in step).
 *
 * Versioning: `schemaVersion` follows semver. A new optional field is a minor bump;
 * a removed or retyped field is a major bump.
 */
export const REPORT_SCHEMA_VERSION = '1.0.0';

/** Where a finding or resource lives: environment-relative construct path and CloudFormation identity. */
export const ResourceRefSchema = z.strictObject({
  path: z.string().describe('Construct path below the environment stage, e.g. Lake/DataLake/Raw/Resource.'),
  stack: z.string().describe('Stack id inside the environment (Foundation, Lake, ...).'),
  logicalId: z.string().optional().describe('CloudFormation logical id in the stack template.'),
  type: z.string().optional().describe('CloudFormation resource type.'),
});
export type ResourceRef = z.infer<typeof ResourceRefSchema>;

export const FindingStatusSchema = z.enum(['open', 'acknowledged']).describe('open fails the run; acknowledged carries a reviewed reason.');
export type FindingStatus = z.infer<typeof FindingStatusSchema>;

/** One resource's result for a control that reported it. */
export const FindingSchema = z.strictObject({
  resource: ResourceRefSchema,
  status: FindingStatusSchema,
  acknowledgement: z
    .strictObject({ id: z.string(), reason: z.string() })
    .optional()
    .describe('The registry entry that acknowledged it (absent when open).'),
});
export type Finding = z.infer<typeof FindingSchema>;

export const ControlStatusSchema = z
  .enum(['passed', 'acknowledged', 'open'])
  .describe('open: at least one open finding; acknowledged: findings, all acknowledged; passed: evaluated, no finding.');
export type ControlStatus = z.infer<typeof ControlStatusSchema>;

/** One control of one pack (a cdk-nag rule or a Control Tower proactive control). */
export const ControlSchema = z.strictObject({
  pack: z.string().describe('AwsSolutions, DataPlatform, NIST.800.53.R5, HIPAA.Security, PCI.DSS.321 or ControlTower.'),
  rule: z.string().describe('Rule id as the pack reports it (e.g. NIST.800.53.R5-S3BucketReplicationEnabled, CT.S3.PR.1).'),
  description: z.string(),
  severity: z.string().optional(),
  status: ControlStatusSchema,
  findings: z.array(FindingSchema),
});
export type Control = z.infer<typeof ControlSchema>;

/** One entry of policies/acknowledgements.ts as applied to this environment. */
export const AcknowledgementRowSchema = z.strictObject({
  rule: z.string().describe('Qualified rule id, <Pack>::<RuleId>.'),
  path: z.string().describe('Construct path below the stage.'),
  reason: z.string(),
  declaredAt: z.string().describe('file:line of the entry in the registry.'),
  matched: z.number().int().describe('Findings of this environment it acknowledges.'),
});
export type AcknowledgementRow = z.infer<typeof AcknowledgementRowSchema>;

export const KeyInfoSchema = z.strictObject({
  kind: z.enum(['customer-managed', 'imported', 'aws-managed', 'none']).describe('imported: a bring-your-own key given by ARN.'),
  ref: z.string().describe('Construct path of the key, its ARN, or what the store uses instead (SSE-S3, AWS owned).'),
  alias: z.string().optional(),
  rotation: z.enum(['enabled', 'disabled', 'unknown', 'not applicable']),
});
export type KeyInfo = z.infer<typeof KeyInfoSchema>;

export const EncryptionRowSchema = z.strictObject({
  resource: ResourceRefSchema,
  key: KeyInfoSchema,
  classification: z.string().describe('data-classification tag, or "untagged".'),
});
export type EncryptionRow = z.infer<typeof EncryptionRowSchema>;

export const ResidencyRowSchema = z.strictObject({
  resource: ResourceRefSchema,
  region: z.string(),
  zone: z.string(),
  inZone: z.boolean().describe('True when the region is one of the zone\'s regions.'),
});
export type ResidencyRow = z.infer<typeof ResidencyRowSchema>;

export const RuntimeGuardSchema = z.strictObject({
  kind: z.string().describe('permission boundary, service control policy, ...'),
  resource: ResourceRefSchema,
  allowedRegions: z.array(z.string()).describe('Regions outside which the guard denies requests.'),
});
export type RuntimeGuard = z.infer<typeof RuntimeGuardSchema>;

export const ResidencySchema = z.strictObject({
  zone: z.string(),
  zoneDescription: z.string(),
  zoneRegions: z.array(z.string()),
  rows: z.array(ResidencyRowSchema),
  runtimeGuards: z.array(RuntimeGuardSchema).describe('Empty when no runtime guard is present in the synth.'),
});
export type Residency = z.infer<typeof ResidencySchema>;

/** One cell of the access matrix: can `persona` do `action` on `target`, and which statement decides it. */
export const AccessRowSchema = z.strictObject({
  persona: z.string(),
  target: z.string().describe('Data zone, topic or key.'),
  action: z.string(),
  decision: z.enum(['allow', 'deny', 'implicit-deny']),
  statement: z.string().describe('Statement (Sid or policy path) that decides, or "none".'),
});
export type AccessRow = z.infer<typeof AccessRowSchema>;

export const AccessSectionSchema = z.strictObject({
  available: z.boolean(),
  note: z.string().describe('Why the matrix is not available, or where it comes from.'),
  rows: z.array(AccessRowSchema),
});
export type AccessSection = z.infer<typeof AccessSectionSchema>;

/**
 * What the report needs from the access evaluator (lib/access): rows for one
 * environment's synthesized templates. The lead wires an implementation in; until
 * then the section says 'not available'.
 */
export interface AccessMatrixProvider {
  (environment: string, templates: ReadonlyMap<string, unknown>): readonly AccessRow[];
}

export const RetentionRowSchema = z.strictObject({
  resource: ResourceRefSchema,
  kind: z.string().describe('S3 bucket, log group, stream, queue, ...'),
  tiers: z.array(z.string()).describe('Transitions, e.g. "STANDARD_IA after 30 d".'),
  expiration: z.string().describe('When current data goes, or "never".'),
  noncurrentExpiration: z.string().optional(),
  lock: z.string().optional().describe('Object Lock mode and retention, when set.'),
  audit: z.boolean().describe('True for audit evidence (a trail bucket or log group).'),
});
export type RetentionRow = z.infer<typeof RetentionRowSchema>;

export const CurriculumRowSchema = z.strictObject({
  module: z.number().int().min(1).max(9),
  title: z.string(),
  constructs: z.array(z.string()).describe('What the synth contains for the module (resource kinds with counts, construct paths).'),
  rules: z.array(z.string()).describe('Rules enforcing the module.'),
  runbooks: z.array(z.string()).describe('Runbooks (docs/runbooks) for the module.'),
  covered: z.boolean().describe('True when at least one construct or rule implements the module.'),
});
export type CurriculumRow = z.infer<typeof CurriculumRowSchema>;

export const SummarySchema = z.strictObject({
  open: z.number().int().describe('Open findings (the run fails when > 0).'),
  acknowledged: z.number().int(),
  controls: z.strictObject({ passed: z.number().int(), acknowledged: z.number().int(), open: z.number().int() }),
  resources: z.number().int().describe('CloudFormation resources in the environment.'),
});
export type Summary = z.infer<typeof SummarySchema>;

export const EnvironmentReportSchema = z.strictObject({
  name: z.string(),
  region: z.string(),
  residency: z.string(),
  stacks: z.array(z.strictObject({ id: z.string(), stackName: z.string(), template: z.string(), resources: z.number().int() })),
  summary: SummarySchema,
  controls: z.array(ControlSchema),
  acknowledgements: z.array(AcknowledgementRowSchema),
  encryption: z.array(EncryptionRowSchema),
  residencyProof: ResidencySchema,
  access: AccessSectionSchema,
  retention: z.array(RetentionRowSchema),
  curriculum: z.array(CurriculumRowSchema),
  diagram: z.strictObject({ dot: z.string().describe('Graphviz source of the architecture diagram.') }),
});
export type EnvironmentReport = z.infer<typeof EnvironmentReportSchema>;

export const ReportSchema = z
  .strictObject({
    $schema: z.string().optional(),
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    generatedAt: z.string().describe('ISO 8601 time of the run.'),
    tool: z.strictObject({
      packs: z.array(z.string()),
      controlTower: z.string().describe('cdk-validator-cfnguard and cfn-guard versions whose rules ran.'),
    }),
    summary: z.strictObject({
      open: z.number().int(),
      acknowledged: z.number().int(),
      environments: z.number().int(),
      staleAcknowledgements: z
        .array(z.string())
        .describe('Registry entries (rule at path) that no finding of any environment uses; the run fails when any.'),
    }),
    environments: z.array(EnvironmentReportSchema),
  })
  .describe('Compliance report of a synthesized data platform (lib/report).');
export type Report = z.infer<typeof ReportSchema>;

/** The JSON Schema of report.json, generated from the zod model. */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $id: 'report.schema.json',
    title: `Data platform compliance report, schema ${REPORT_SCHEMA_VERSION}`,
    ...(z.toJSONSchema(ReportSchema, { target: 'draft-2020-12' }) as Record<string, unknown>),
  };
}
