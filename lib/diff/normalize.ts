import { CfnTemplate, EnvironmentTemplates, StackTemplate } from './synth';

/**
 * Normalisation: what always differs between two environments (or two synths of one)
 * is replaced by placeholders, so a diff shows only meaningful differences.
 *
 * - the environment name, region, account and availability zones, wherever they occur
 *   in a string (names, descriptions, aliases, export names, tag values);
 * - the residency zone, as a tag value and in stack descriptions;
 * - asset hashes (64 hex characters);
 * - CDK bookkeeping: the CDKMetadata resource, `Metadata` of resources (construct
 *   paths, cdk-nag acknowledgements), the bootstrap version parameter and rule.
 *
 * Tags are taken out of resources (`Tags` property) and returned separately: a tag
 * that differs on every resource (cost centre, owner) is then one line, not one per resource.
 */

/** Placeholders the normaliser writes. */
export const Placeholder = {
  ENVIRONMENT: '<environment>',
  REGION: '<region>',
  ACCOUNT: '<account>',
  ASSET_HASH: '<asset-hash>',
  RESIDENCY: '<residency>',
  availabilityZone: (index: number) => `<az-${index}>`,
} as const;

/** Tag keys whose values are identity, not configuration: normalised like names. */
export const IDENTITY_TAG_KEYS: readonly string[] = ['environment', 'residency'];

/** The values that identify an environment, each replaced by a placeholder. */
export interface EnvironmentIdentity {
  readonly environment: string;
  readonly region: string;
  readonly account?: string;
  /** Availability zones, in the order the environment lists them. @default found in the templates */
  readonly availabilityZones?: readonly string[];
  /** Residency zone name (`eu`, `us`). @default read from the `residency` tag */
  readonly residency?: string;
}

/** Tags of one resource, key → value. */
export type ResourceTags = Readonly<Record<string, string>>;

/** A stack after normalisation. */
export interface NormalizedStack {
  readonly id: string;
  readonly template: CfnTemplate;
  /** Tags per logical id (normalised values), removed from the template. */
  readonly tags: ReadonlyMap<string, ResourceTags>;
}

const ASSET_HASH = /\b[0-9a-f]{64}\b/g;
const ACCOUNT_ID = /\b\d{12}\b/g;

/** The identity of an environment read from its templates (region, account, AZs, residency tag). */
export function identityOf(env: EnvironmentTemplates): EnvironmentIdentity {
  const azs = new Set<string>();
  let residency: string | undefined;
  const azPattern = new RegExp(`\\b${escape(env.region)}[a-z]\\b`, 'g');
  for (const stack of env.stacks) {
    for (const match of JSON.stringify(stack.template).matchAll(azPattern)) azs.add(match[0]);
    for (const resource of Object.values(resourcesOf(stack.template))) {
      residency ??= tagsOf(resource.Properties?.Tags).residency;
    }
  }
  return { environment: env.environment, region: env.region, account: env.account, availabilityZones: [...azs].sort(), residency };
}

/** Normalises every stack of an environment. */
export function normalizeEnvironment(env: EnvironmentTemplates, identity: EnvironmentIdentity = identityOf(env)): NormalizedStack[] {
  return env.stacks.map((stack) => normalizeStack(stack, identity));
}

/** Normalises one stack's template (the input is not modified). */
export function normalizeStack(stack: StackTemplate, identity: EnvironmentIdentity): NormalizedStack {
  const replace = stringReplacer(identity);
  const template = mapStrings(renameLogicalIds(structuredClone(stack.template), identity), replace) as CfnTemplate;
  const resources = resourcesOf(template);
  delete resources.CDKMetadata;
  const tags = new Map<string, ResourceTags>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    delete resource.Metadata;
    const props = resource.Properties;
    if (props && 'Tags' in props) {
      const resourceTags = { ...tagsOf(props.Tags) };
      for (const key of IDENTITY_TAG_KEYS) {
        if (key in resourceTags) resourceTags[key] = key === 'residency' ? Placeholder.RESIDENCY : resourceTags[key];
      }
      tags.set(logicalId, resourceTags);
      delete props.Tags;
    }
  }
  if (identity.residency !== undefined && typeof template.Description === 'string') {
    template.Description = template.Description.replace(`(${identity.residency} residency)`, `(${Placeholder.RESIDENCY} residency)`);
  }
  const parameters = template.Parameters as Record<string, unknown> | undefined;
  if (parameters) {
    delete parameters.BootstrapVersion;
    if (Object.keys(parameters).length === 0) delete template.Parameters;
  }
  const rules = template.Rules as Record<string, unknown> | undefined;
  if (rules) {
    delete rules.CheckBootstrapVersion;
    if (Object.keys(rules).length === 0) delete template.Rules;
  }
  const conditions = template.Conditions as Record<string, unknown> | undefined;
  if (conditions) {
    delete conditions.CDKMetadataAvailable;
    if (Object.keys(conditions).length === 0) delete template.Conditions;
  }
  return { id: stack.id, template, tags };
}

/** A function replacing identity values inside any string, longest value first. */
export function stringReplacer(identity: EnvironmentIdentity): (s: string) => string {
  const pairs: [string, string][] = [];
  (identity.availabilityZones ?? []).forEach((az, i) => pairs.push([az, Placeholder.availabilityZone(i)]));
  pairs.push([identity.environment, Placeholder.ENVIRONMENT]);
  // CDK squashes the stage name into generated ids and names (`dev-eu` -> `deveu`).
  const squashed = squash(identity.environment);
  if (squashed !== identity.environment && squashed.length >= 4) pairs.push([squashed, Placeholder.ENVIRONMENT]);
  // Glue and Lake Formation names allow no hyphen: `dev-eu` becomes `dev_eu`.
  const snake = identity.environment.replace(/-/g, '_');
  if (snake !== identity.environment) pairs.push([snake, Placeholder.ENVIRONMENT]);
  pairs.push([identity.region, Placeholder.REGION]);
  if (identity.account) pairs.push([identity.account, Placeholder.ACCOUNT]);
  pairs.sort((a, b) => b[0].length - a[0].length);
  return (s: string) => {
    let out = s.replace(ASSET_HASH, Placeholder.ASSET_HASH);
    for (const [value, placeholder] of pairs) out = out.split(value).join(placeholder);
    return out.replace(ACCOUNT_ID, Placeholder.ACCOUNT);
  };
}

/** The environment name without separators, as CDK embeds it in generated logical ids. */
function squash(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '');
}

/**
 * Logical ids CDK derives from a path through another stack of the stage (a security group
 * rule "from <env><Stack>...") contain the squashed environment name and a hash of that
 * path. They are renamed to `<name without env and hashes>`, in keys and references alike,
 * so the same rule pairs up across environments. Other logical ids are left alone.
 */
function renameLogicalIds(template: CfnTemplate, identity: EnvironmentIdentity): CfnTemplate {
  const squashed = squash(identity.environment);
  const resources = template.Resources as Record<string, unknown> | undefined;
  if (!resources || squashed.length < 4) return template;
  const renames = new Map<string, string>();
  for (const id of Object.keys(resources)) {
    if (!id.includes(squashed)) continue;
    const renamed = `${id.split(squashed).join('ENV').replace(/[0-9A-F]{8,}/g, '')}Env`;
    if (!renames.has(renamed) && !(renamed in resources)) renames.set(id, renamed);
  }
  if (renames.size === 0) return template;
  const out = mapStrings(template, (s) => renames.get(s) ?? s) as CfnTemplate;
  out.Resources = Object.fromEntries(Object.entries(out.Resources as Record<string, unknown>).map(([k, v]) => [renames.get(k) ?? k, v]));
  return out;
}

/** A template's resources (an empty object if it has none). */
export function resourcesOf(template: CfnTemplate): Record<string, CfnResource> {
  return (template.Resources ?? {}) as Record<string, CfnResource>;
}

/** A resource as it appears in a template. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: unknown;
  [key: string]: unknown;
}

/** Tags in either CloudFormation shape: a list of `{ Key, Value }` or a string map. */
export function tagsOf(value: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const t of value) {
      if (t && typeof t === 'object' && typeof (t as { Key?: unknown }).Key === 'string') {
        tags[(t as { Key: string }).Key] = stringify((t as { Value?: unknown }).Value);
      }
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) tags[k] = stringify(v);
  }
  return tags;
}

function stringify(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const REGION_NAME = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  // A list of regions (a residency zone's allowed regions) is configuration, not identity:
  // the home region inside it stays, so two environments of one zone have equal lists.
  if (Array.isArray(value) && value.filter((v) => typeof v === 'string' && REGION_NAME.test(v)).length >= 2) {
    return value.map((v) => (typeof v === 'string' && REGION_NAME.test(v) ? v : mapStrings(v, f)));
  }
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, f); // keys are logical ids and property names
    return out;
  }
  return value;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
