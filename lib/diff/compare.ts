import { fullDiff, ResourceDifference, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import { DATA_BEARING_TYPES, DataLossKind, isDataBearing, SHRINK_RULES } from './data-loss';
import { Domain, domainOf } from './domains';
import { IntendedDifference, INTENDED_DIFFERENCES, propertyCovered, SideInfo } from './intended';
import { normalizeEnvironment, NormalizedStack, ResourceTags } from './normalize';
import { CfnTemplate, EnvironmentTemplates } from './synth';

/** How a resource changes from the left side to the right. */
export type ChangeKind = 'added' | 'removed' | 'orphaned' | 'updated' | 'replaced' | 'may-replace';

/** One leaf value that differs. */
export interface ValueChange {
  /** Dotted path below the resource (`LifecycleConfiguration.Rules[storage-tiers].ExpirationInDays`), or an attribute (`DeletionPolicy`). */
  readonly path: string;
  readonly left?: unknown;
  readonly right?: unknown;
  /** Id of the intended-difference declaration covering it. */
  readonly intended?: string;
}

/** A resource that differs. */
export interface ResourceChange {
  readonly stack: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly domain: Domain;
  readonly kind: ChangeKind;
  /** Top-level properties whose change replaces the resource (from the CloudFormation resource specification). */
  readonly replacingProperties: readonly string[];
  readonly changes: readonly ValueChange[];
  /** Id of the declaration covering the whole resource (its addition or removal, or all its changes). */
  readonly intended?: string;
}

/** A tag that differs, aggregated over the resources carrying it. */
export interface TagChange {
  readonly key: string;
  readonly left?: string;
  readonly right?: string;
  /** `<stack>/<logicalId>` of each resource with this change. */
  readonly resources: readonly string[];
  readonly intended?: string;
}

/** A difference outside Resources (description, outputs, parameters, conditions). */
export interface TemplateChange {
  readonly stack: string;
  readonly section: string;
  readonly name: string;
  readonly left?: unknown;
  readonly right?: unknown;
}

/** A change that loses data unless allowed. */
export interface DataLossRisk {
  readonly stack: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly kind: DataLossKind;
  /** What is lost and why. */
  readonly detail: string;
  /** Whether it was accepted (`--allow-data-loss`, a per-resource allow, or an intended declaration). */
  readonly allowed: boolean;
  readonly allowedBy?: string;
}

/** A change that does not lose data now but weakens its protection (Retain -> Delete). */
export interface RetentionWarning {
  readonly stack: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly detail: string;
}

/** The semantic difference between two environments (or a baseline and the current synth). */
export interface EnvironmentDiff {
  readonly left: SideInfo;
  readonly right: SideInfo;
  readonly stacksOnlyLeft: readonly string[];
  readonly stacksOnlyRight: readonly string[];
  readonly resources: readonly ResourceChange[];
  readonly tags: readonly TagChange[];
  readonly templates: readonly TemplateChange[];
  readonly dataLoss: readonly DataLossRisk[];
  readonly warnings: readonly RetentionWarning[];
}

export interface CompareOptions {
  /** Declared differences. @default INTENDED_DIFFERENCES */
  readonly intended?: readonly IntendedDifference[];
  /** Accept every data-loss risk. @default false */
  readonly allowDataLoss?: boolean;
  /** Accept data-loss risks of these resources: `<stack>/<logicalId>` or `<stack>` for a whole stack. @default none */
  readonly allowDataLossFor?: readonly string[];
}

/** Compares two environments' templates after normalisation, stack by stack (stacks paired by their id). */
export function compareEnvironments(
  left: EnvironmentTemplates,
  right: EnvironmentTemplates,
  sides: { readonly left: SideInfo; readonly right: SideInfo },
  options: CompareOptions = {},
): EnvironmentDiff {
  const declarations = (options.intended ?? INTENDED_DIFFERENCES).filter((d) => d.appliesTo(sides.left, sides.right));
  const l = new Map(normalizeEnvironment(left).map((s) => [s.id, s]));
  const r = new Map(normalizeEnvironment(right).map((s) => [s.id, s]));
  const stackIds = [...new Set([...l.keys(), ...r.keys()])];

  const resources: ResourceChange[] = [];
  const templates: TemplateChange[] = [];
  const tagChanges = new Map<string, { key: string; left?: string; right?: string; resources: string[] }>();
  const empty = (id: string): NormalizedStack => ({ id, template: { Resources: {} }, tags: new Map() });

  for (const id of stackIds) {
    const a = l.get(id) ?? empty(id);
    const b = r.get(id) ?? empty(id);
    const diff = fullDiff(a.template as Record<string, unknown>, b.template as Record<string, unknown>);
    diff.resources.forEachDifference((logicalId, rd) => {
      resources.push(resourceChange(id, logicalId, rd, declarations));
    });
    collectTemplateChanges(id, a.template, b.template, templates);
    collectTagChanges(id, a.tags, b.tags, tagChanges);
  }

  const tags: TagChange[] = [...tagChanges.values()].map((t) => ({
    ...t,
    intended: declarations.find((d) => d.match.tags?.includes(t.key))?.id,
  }));
  tags.sort((x, y) => x.key.localeCompare(y.key));

  const dataLoss = resources.flatMap((c) => dataLossRisks(c, declarations, options));
  return {
    left: sides.left,
    right: sides.right,
    stacksOnlyLeft: stackIds.filter((s) => !r.has(s)),
    stacksOnlyRight: stackIds.filter((s) => !l.has(s)),
    resources,
    tags,
    templates,
    dataLoss,
    warnings: resources.flatMap(retentionWarnings),
  };
}

/** Whether the diff has data-loss risks nobody accepted (the CLI then exits non-zero). */
export function hasBlockingDataLoss(diff: EnvironmentDiff): boolean {
  return diff.dataLoss.some((d) => !d.allowed);
}

/** Whether nothing differs at all. */
export function isEmptyDiff(diff: EnvironmentDiff): boolean {
  return diff.resources.length === 0 && diff.tags.length === 0 && diff.templates.length === 0 && diff.stacksOnlyLeft.length === 0 && diff.stacksOnlyRight.length === 0;
}

function resourceChange(stack: string, logicalId: string, rd: ResourceDifference, declarations: readonly IntendedDifference[]): ResourceChange {
  const resourceType = (rd.newValue?.Type ?? rd.oldValue?.Type ?? 'unknown') as string;
  const domain = domainOf(stack, resourceType);
  const impact = rd.changeImpact;
  const kind: ChangeKind = rd.isAddition
    ? 'added'
    : rd.isRemoval
      ? impact === ResourceImpact.WILL_ORPHAN
        ? 'orphaned'
        : 'removed'
      : impact === ResourceImpact.WILL_REPLACE
        ? 'replaced'
        : impact === ResourceImpact.MAY_REPLACE
          ? 'may-replace'
          : 'updated';
  const replacingProperties = Object.entries(rd.propertyUpdates)
    .filter(([, p]) => p.changeImpact === ResourceImpact.WILL_REPLACE || p.changeImpact === ResourceImpact.MAY_REPLACE)
    .map(([name]) => name);
  if (rd.resourceTypeChanged) replacingProperties.push('Type');

  const covering = (path: string | undefined) =>
    declarations.find(
      (d) =>
        d.match.tags === undefined &&
        (d.match.stack === undefined || d.match.stack === stack) &&
        (d.match.domain === undefined || d.match.domain === domain) &&
        (d.match.resourceType === undefined || d.match.resourceType === resourceType) &&
        (d.match.logicalIds === undefined || d.match.logicalIds.some((prefix) => logicalId.startsWith(prefix))) &&
        (path === undefined ? d.match.properties === undefined : propertyCovered(path, d.match.properties)),
    )?.id;

  const changes: ValueChange[] = [];
  if (!rd.isAddition && !rd.isRemoval) {
    const oldRes = (rd.oldValue ?? {}) as Record<string, unknown>;
    const newRes = (rd.newValue ?? {}) as Record<string, unknown>;
    for (const name of Object.keys(rd.propertyUpdates)) {
      const oldProps = (oldRes.Properties ?? {}) as Record<string, unknown>;
      const newProps = (newRes.Properties ?? {}) as Record<string, unknown>;
      for (const leaf of leafChanges(oldProps[name], newProps[name], name)) changes.push({ ...leaf, intended: covering(leaf.path) });
    }
    for (const name of Object.keys(rd.otherChanges)) {
      if (name === 'Properties' || name === 'Type') continue;
      for (const leaf of leafChanges(oldRes[name], newRes[name], name)) changes.push({ ...leaf, intended: covering(leaf.path) });
    }
  }
  const intended =
    rd.isAddition || rd.isRemoval
      ? covering(undefined)
      : changes.length > 0 && changes.every((c) => c.intended !== undefined)
        ? [...new Set(changes.map((c) => c.intended))].join(', ')
        : undefined;
  return { stack, logicalId, resourceType, domain, kind, replacingProperties, changes, intended };
}

function dataLossRisks(change: ResourceChange, declarations: readonly IntendedDifference[], options: CompareOptions): DataLossRisk[] {
  if (!isDataBearing(change.resourceType)) return [];
  const what = DATA_BEARING_TYPES[change.resourceType];
  const risks: { kind: DataLossKind; detail: string }[] = [];
  const replacing = change.replacingProperties.join(', ');
  if (change.kind === 'replaced') risks.push({ kind: 'replacement', detail: `replaced (changing ${replacing}): the new resource starts empty; lost: ${what}` });
  if (change.kind === 'may-replace') {
    risks.push({ kind: 'possible-replacement', detail: `may be replaced (changing ${replacing}); if so, lost: ${what}` });
  }
  if (change.kind === 'removed') risks.push({ kind: 'deletion', detail: `deleted with its stack resource (DeletionPolicy is not Retain); lost: ${what}` });
  for (const rule of SHRINK_RULES) {
    if (rule.resourceType !== change.resourceType) continue;
    const c = change.changes.find((v) => v.path === rule.property);
    if (c && typeof c.left === 'number' && typeof c.right === 'number' && c.right < c.left) {
      risks.push({ kind: 'storage-shrink', detail: `${rule.property} ${c.left} -> ${c.right}: ${rule.why}` });
    }
  }
  const id = `${change.stack}/${change.logicalId}`;
  const perResource = (options.allowDataLossFor ?? []).find((a) => a === id || a === change.stack);
  const declared = declarations.find(
    (d) => d.allowDataLoss === true && change.intended !== undefined && change.intended.split(', ').includes(d.id),
  );
  return risks.map((r) => {
    const allowedBy = options.allowDataLoss ? '--allow-data-loss' : perResource ? `--allow-data-loss=${perResource}` : declared ? `intended: ${declared.id}` : undefined;
    return { stack: change.stack, logicalId: change.logicalId, resourceType: change.resourceType, ...r, allowed: allowedBy !== undefined, allowedBy };
  });
}

function retentionWarnings(change: ResourceChange): RetentionWarning[] {
  if (!isDataBearing(change.resourceType)) return [];
  return change.changes
    .filter((c) => (c.path === 'DeletionPolicy' || c.path === 'UpdateReplacePolicy') && isRetain(c.left) && !isRetain(c.right))
    .map((c) => ({
      stack: change.stack,
      logicalId: change.logicalId,
      resourceType: change.resourceType,
      detail: `${c.path} ${String(c.left ?? 'Delete')} -> ${String(c.right ?? 'Delete')}: deleting the stack (or replacing the resource) would now delete ${DATA_BEARING_TYPES[change.resourceType]}`,
    }));
}

function isRetain(v: unknown): boolean {
  return v === 'Retain' || v === 'RetainExceptOnCreate' || v === 'Snapshot';
}

function collectTemplateChanges(stack: string, a: CfnTemplate, b: CfnTemplate, out: TemplateChange[]): void {
  if (a.Description !== b.Description) out.push({ stack, section: 'Description', name: '', left: a.Description, right: b.Description });
  for (const section of ['Parameters', 'Conditions', 'Outputs', 'Mappings']) {
    const x = (a[section] ?? {}) as Record<string, unknown>;
    const y = (b[section] ?? {}) as Record<string, unknown>;
    for (const name of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (JSON.stringify(x[name]) !== JSON.stringify(y[name])) out.push({ stack, section, name, left: x[name], right: y[name] });
    }
  }
}

function collectTagChanges(
  stack: string,
  a: ReadonlyMap<string, ResourceTags>,
  b: ReadonlyMap<string, ResourceTags>,
  out: Map<string, { key: string; left?: string; right?: string; resources: string[] }>,
): void {
  // Only resources on both sides: an added or removed resource is reported as such.
  for (const [logicalId, tagsA] of a) {
    const tagsB = b.get(logicalId);
    if (!tagsB) continue;
    for (const key of new Set([...Object.keys(tagsA), ...Object.keys(tagsB)])) {
      if (tagsA[key] === tagsB[key]) continue;
      const k = JSON.stringify([key, tagsA[key], tagsB[key]]);
      const entry = out.get(k) ?? { key, left: tagsA[key], right: tagsB[key], resources: [] };
      entry.resources.push(`${stack}/${logicalId}`);
      out.set(k, entry);
    }
  }
}

/** Identity keys by which array elements are matched, so an inserted rule or statement is one change, not a shifted list. */
const ELEMENT_KEYS = ['Id', 'Sid', 'Key', 'Name', 'Type', 'StorageClass'];

/** Leaf-level differences between two JSON values, with readable paths. */
export function leafChanges(left: unknown, right: unknown, path: string): { path: string; left?: unknown; right?: unknown }[] {
  if (JSON.stringify(left) === JSON.stringify(right)) return [];
  if (Array.isArray(left) && Array.isArray(right)) {
    const key = ELEMENT_KEYS.find((k) => [...left, ...right].every((e) => isRecord(e) && typeof e[k] === 'string'));
    if (key) {
      const byKey = (arr: unknown[]) => new Map(arr.map((e) => [(e as Record<string, string>)[key], e]));
      const x = byKey(left);
      const y = byKey(right);
      if (x.size === left.length && y.size === right.length) {
        return [...new Set([...x.keys(), ...y.keys()])].flatMap((k) => leafChanges(x.get(k), y.get(k), `${path}[${k}]`));
      }
    }
    if (left.length === right.length) return left.flatMap((e, i) => leafChanges(e, right[i], `${path}[${i}]`));
    return [{ path, left, right }];
  }
  if (isRecord(left) && isRecord(right) && !isIntrinsic(left) && !isIntrinsic(right)) {
    return [...new Set([...Object.keys(left), ...Object.keys(right)])].flatMap((k) => leafChanges(left[k], right[k], `${path}.${k}`));
  }
  return [{ path, left, right }];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isIntrinsic(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}
