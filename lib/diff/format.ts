import { costByCategory, CostCategory, CostEstimate, round } from '../cost/estimate';
import { EnvironmentDiff, ResourceChange, ValueChange } from './compare';
import { DOMAINS } from './domains';

/** The cost of both sides, shown as a delta under the diff. */
export interface CostDelta {
  readonly left: CostEstimate;
  readonly right: CostEstimate;
}

const MAX_VALUES_PER_RESOURCE = 6;
const KIND_MARK: Record<ResourceChange['kind'], string> = {
  added: '+',
  removed: '-',
  orphaned: '-',
  updated: '~',
  replaced: '!',
  'may-replace': '?',
};

/** The diff as text for a terminal: one screen for a one-setting change. `heading` titles the undeclared differences. */
export function formatDiff(diff: EnvironmentDiff, cost?: CostDelta, heading = 'Unexpected differences'): string {
  const out: string[] = [];
  const side = (s: EnvironmentDiff['left']) => `${s.environment} (${s.region})`;
  out.push(`Diff ${side(diff.left)} -> ${side(diff.right)}`);
  out.push('  normalised away: environment names, regions, accounts, AZs, residency, asset hashes, CDK metadata');
  for (const s of diff.stacksOnlyLeft) out.push(`  stack ${s}: only in ${diff.left.environment}`);
  for (const s of diff.stacksOnlyRight) out.push(`  stack ${s}: only in ${diff.right.environment}`);

  const unexpected = diff.resources.map((r) => ({ ...r, changes: r.changes.filter((c) => !c.intended) })).filter((r) => r.intended === undefined && (r.changes.length > 0 || r.kind !== 'updated'));
  const intended = diff.resources.map((r) => ({ ...r, changes: r.changes.filter((c) => c.intended) })).filter((r) => r.intended !== undefined || r.changes.length > 0);

  section(out, heading, unexpected, false);
  // An empty intended section says nothing the summary does not (a lab, a baseline of the same environment).
  if (intended.length > 0) section(out, 'Intended differences (declared in lib/diff/intended.ts)', intended, true);

  if (diff.templates.length > 0) {
    out.push('', 'Template');
    for (const t of diff.templates) out.push(`  ${t.stack} ${t.section}${t.name ? ` ${t.name}` : ''}: ${value(t.left)} -> ${value(t.right)}`);
  }
  if (diff.tags.length > 0) {
    out.push('', 'Tags');
    for (const t of diff.tags) {
      const where = t.resources.length === 1 ? t.resources[0] : `${t.resources.length} resources`;
      out.push(`  ${t.key}: ${t.left ?? '(none)'} -> ${t.right ?? '(none)'} on ${where}${t.intended ? `  [intended: ${t.intended}]` : ''}`);
    }
  }
  if (diff.dataLoss.length > 0) {
    out.push('', 'DATA-LOSS RISKS');
    for (const d of diff.dataLoss) {
      out.push(`  ${d.allowed ? 'allowed' : 'BLOCKED'} ${d.stack}/${d.logicalId} (${d.resourceType}) ${d.kind}: ${d.detail}${d.allowedBy ? ` [by ${d.allowedBy}]` : ''}`);
    }
  }
  if (diff.warnings.length > 0) {
    out.push('', 'Warnings (no data lost by this change)');
    for (const w of diff.warnings) out.push(`  ${w.stack}/${w.logicalId} (${w.resourceType}): ${w.detail}`);
  }
  if (cost) out.push('', ...formatCostDelta(cost));

  const nUnexpected = unexpected.length;
  const nIntended = intended.length;
  const blocked = diff.dataLoss.filter((d) => !d.allowed).length;
  out.push(
    '',
    `Summary: ${nUnexpected} resource(s) with unexpected differences, ${nIntended} with intended ones, ${diff.tags.length} tag difference(s), ` +
      `${diff.dataLoss.length} data-loss risk(s)${blocked > 0 ? `, ${blocked} not allowed (re-run with --allow-data-loss or --allow-data-loss=<stack>/<logicalId> to accept)` : ''}`,
  );
  return out.join('\n');
}

function section(out: string[], title: string, changes: ResourceChange[], showIntended: boolean): void {
  out.push('', title);
  if (changes.length === 0) {
    out.push('  (none)');
    return;
  }
  for (const domain of DOMAINS) {
    const inDomain = changes.filter((c) => c.domain === domain);
    if (inDomain.length === 0) continue;
    out.push(`  [${domain}]`);
    for (const group of sameChanges(inDomain)) {
      const c = group[0];
      const replacing = c.replacingProperties.length > 0 ? ` replaces on: ${c.replacingProperties.join(', ')}` : '';
      const why = showIntended && c.intended ? `  [intended: ${c.intended}]` : '';
      const what = `${c.resourceType} (${c.kind}${replacing})${why}`;
      // Resources of one type with the very same changes (four keys Delete -> Retain) share their value lines.
      if (group.length === 1) out.push(`    ${KIND_MARK[c.kind]} ${c.stack}/${c.logicalId} ${what}`);
      else out.push(`    ${KIND_MARK[c.kind]} ${group.length} x ${what}: ${group.map((g) => `${g.stack}/${g.logicalId}`).join(', ')}`);
      for (const v of c.changes.slice(0, MAX_VALUES_PER_RESOURCE)) out.push(`        ${valueLine(v, showIntended && !c.intended)}`);
      if (c.changes.length > MAX_VALUES_PER_RESOURCE) out.push(`        ... and ${c.changes.length - MAX_VALUES_PER_RESOURCE} more (use --json for all)`);
    }
  }
}

/** Resources grouped by identical type, kind, declaration and value changes, in order of first appearance. */
function sameChanges(changes: readonly ResourceChange[]): ResourceChange[][] {
  const groups = new Map<string, ResourceChange[]>();
  for (const c of changes) {
    const key = JSON.stringify([c.resourceType, c.kind, c.replacingProperties, c.intended, c.changes]);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()];
}

function valueLine(v: ValueChange, showIntended: boolean): string {
  return `${v.path}: ${value(v.left)} -> ${value(v.right)}${showIntended && v.intended ? `  [intended: ${v.intended}]` : ''}`;
}

function value(v: unknown): string {
  if (v === undefined) return '(none)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 70 ? `${s.slice(0, 67)}...` : s;
}

/** Monthly cost of both sides and the change, by category. */
export function formatCostDelta(cost: CostDelta): string[] {
  const a = costByCategory(cost.left);
  const b = costByCategory(cost.right);
  const delta = (x: number, y: number) => `${y - x >= 0 ? '+' : ''}${round(y - x).toFixed(2)}`;
  const lines = [
    `Cost (USD/month, list prices as of ${cost.right.pricesAsOf}, volume assumptions in lib/cost/assumptions.ts)`,
    `  total  ${cost.left.total.onDemand.toFixed(2)} -> ${cost.right.total.onDemand.toFixed(2)} (${delta(cost.left.total.onDemand, cost.right.total.onDemand)})`,
  ];
  for (const k of Object.keys(a) as CostCategory[]) {
    if (a[k] !== b[k]) lines.push(`  ${k.padEnd(10)} ${a[k].toFixed(2)} -> ${b[k].toFixed(2)} (${delta(a[k], b[k])})`);
  }
  return lines;
}
