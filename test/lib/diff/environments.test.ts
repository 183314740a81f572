import { loadDefaultEnvironments } from '../../../lib/config/load';
import { EnvironmentConfig } from '../../../lib/config/schema';
import { assumptionsFor } from '../../../lib/cost/assumptions';
import { estimateCost } from '../../../lib/cost/estimate';
import { compareEnvironments, hasBlockingDataLoss } from '../../../lib/diff/compare';
import { INTENDED_DIFFERENCES } from '../../../lib/diff/intended';
import { sideOf } from '../../../lib/diff/run';
import { CfnTemplate, EnvironmentTemplates, synthesizeEnvironments } from '../../../lib/diff/synth';

/** The diff and the cost on every default environment, synthesized once. */
let configs: EnvironmentConfig[];
let templates: Map<string, EnvironmentTemplates>;

beforeAll(() => {
  configs = loadDefaultEnvironments();
  templates = new Map(synthesizeEnvironments(configs).map((t) => [t.environment, t]));
}, 120_000);

const diffOf = (a: string, b: string) => {
  const ca = configs.find((c) => c.name === a) as EnvironmentConfig;
  const cb = configs.find((c) => c.name === b) as EnvironmentConfig;
  return compareEnvironments(templates.get(a) as EnvironmentTemplates, templates.get(b) as EnvironmentTemplates, { left: sideOf(ca), right: sideOf(cb) });
};

describe('diff of the default environments', () => {
  test('synthesizes every default environment with its stacks', () => {
    expect([...templates.keys()]).toEqual(['dev-eu', 'prod-eu', 'prod-us']);
    for (const t of templates.values()) expect(t.stacks.map((s) => s.id)).toEqual(expect.arrayContaining(['Foundation', 'Lake', 'Audit']));
  });

  test('prod-eu and prod-us differ only in what normalisation removes, their cost centre and declared residency-zone regions', () => {
    const diff = diffOf('prod-eu', 'prod-us');
    // The zone's regions (boundary, partition projection) and the EC2 DNS domain in the Kerberos realm, which AWS names per region.
    const zoneDeclarations = ['residency-zone', 'projection-regions', 'kerberos-realm'];
    expect(diff.resources.filter((r) => !zoneDeclarations.includes(r.intended ?? ''))).toEqual([]);
    expect(diff.templates).toEqual([]);
    expect(diff.tags.map((t) => [t.key, t.intended])).toEqual([['cost-centre', 'cost-centre']]);
  });

  test('dev-eu and prod-eu differ only in declared ways (retention, tiers, removal policy, production-only privacy, persona trust)', () => {
    const diff = diffOf('dev-eu', 'prod-eu');
    const unexpected = diff.resources.filter((r) => r.intended === undefined);
    expect(unexpected).toEqual([]);
    const ids = [...new Set(diff.resources.flatMap((r) => r.intended?.split(', ') ?? []))];
    expect(ids).toEqual(
      expect.arrayContaining(['removal-policy', 'lifecycle-tiers', 'audit-retention', 'masking-jobs', 'erasure-table-deletes', 'clean-rooms-sharing', 'persona-trust', 'tenant-isolation']),
    );
    expect(ids.every((id) => INTENDED_DIFFERENCES.some((d) => d.id === id))).toBe(true);
    expect(hasBlockingDataLoss(diff)).toBe(false);
  });

  test('the other direction (prod to dev) warns that retention is weakened, without blocking', () => {
    const diff = diffOf('prod-eu', 'dev-eu');
    expect(diff.warnings.length).toBeGreaterThan(0);
    expect(diff.warnings.every((w) => /Retain -> Delete/.test(w.detail))).toBe(true);
    expect(hasBlockingDataLoss(diff)).toBe(false);
  });

  test.each(['dev-eu', 'prod-eu', 'prod-us'])('cost of %s: every resource priced, production above development', (name) => {
    const config = configs.find((c) => c.name === name) as EnvironmentConfig;
    const estimate = estimateCost(templates.get(name) as EnvironmentTemplates, assumptionsFor(name, config.production));
    expect(estimate.unpriced).toEqual([]);
    expect(estimate.total.onDemand).toBeGreaterThan(config.production ? 1000 : 5);
    // Every customer-managed key in the templates is priced (Foundation's four, Privacy's, and any a domain adds).
    const keys = templates.get(name)!.stacks.flatMap((s) =>
      Object.entries((s.template as CfnTemplate).Resources as Record<string, { Type: string }>)
        .filter(([, r]) => r.Type === 'AWS::KMS::Key')
        .map(([id]) => `${s.id}/${id}`),
    );
    expect(keys.length).toBeGreaterThanOrEqual(5);
    expect(estimate.lines.filter((l) => l.category === 'keys').map((l) => l.resource).sort()).toEqual(keys.sort());
  });
});
