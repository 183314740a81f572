import { ConfigError } from '../config/errors';
import { CliIo, resolveEnvironment } from '../diff/cli';
import { synthesizeEnvironment } from '../diff/run';
import { assumptionsFor } from './assumptions';
import { CostCategory, CostEstimate, costByCategory, estimateCost } from './estimate';
import { PRICES_SOURCE, UnpricedRegionError } from './prices';

export const COST_USAGE = [
  'usage: npm run cost -- <environment | environment.json> [--json]',
  'Monthly estimate from the synthesized templates, the price table (lib/cost/prices.ts) and volume assumptions (lib/cost/assumptions.ts).',
  'exit: 0 estimated, 1 invalid input or region without prices, 2 usage',
].join('\n');

/** The estimate as text: lines by category, totals on-demand and with commitments, what was not priced. */
export function formatEstimate(e: CostEstimate): string {
  const out: string[] = [];
  out.push(`Monthly cost estimate: ${e.environment} (${e.region}), ${e.currency}`);
  out.push(`  list prices as of ${e.pricesAsOf}: ${PRICES_SOURCE}; not a quote`);
  out.push(`  assumptions: ${e.assumptions.label}; month ${e.assumptions.horizonMonths} of operation`);
  const byCategory = costByCategory(e);
  for (const category of Object.keys(byCategory) as CostCategory[]) {
    const lines = e.lines.filter((l) => l.category === category);
    if (lines.length === 0) continue;
    out.push('', `${category.padEnd(12)} ${byCategory[category].toFixed(2).padStart(12)}`);
    for (const l of lines) out.push(`  ${l.monthly.toFixed(2).padStart(10)}  ${l.resource}  ${l.item}`);
  }
  out.push('', `total on-demand                      ${e.total.onDemand.toFixed(2).padStart(12)}`);
  if (e.lines.some((l) => l.committed)) {
    out.push(`total with 1-year savings plan       ${e.total.oneYear.toFixed(2).padStart(12)}  (always-on EC2 compute only; MSK has no reserved pricing)`);
    out.push(`total with 3-year savings plan       ${e.total.threeYear.toFixed(2).padStart(12)}`);
  } else {
    out.push('  no always-on cluster: commitments (savings plans, reservations) would not change this estimate');
  }
  if (e.notEstimated.length > 0) {
    out.push('', 'Usage-based, not in the total (their cost depends on jobs and queries run):');
    for (const u of e.notEstimated) out.push(`  ${u}`);
  }
  if (e.unpriced.length > 0) {
    out.push('', 'NOT PRICED (add the price to lib/cost/prices.ts):');
    for (const u of e.unpriced) out.push(`  ${u}`);
  }
  return out.join('\n');
}

/** Runs `npm run cost`; returns the exit code. */
export function runCostCommand(argv: readonly string[], io: CliIo): number {
  const json = argv.includes('--json');
  const rest = argv.filter((a) => a !== '--json');
  if (rest.length !== 1 || rest[0].startsWith('-')) {
    io.err(COST_USAGE);
    return 2;
  }
  try {
    const config = resolveEnvironment(rest[0]);
    const estimate = estimateCost(synthesizeEnvironment(config), assumptionsFor(config.name, config.production));
    io.out(json ? JSON.stringify(estimate, null, 2) : formatEstimate(estimate));
    return 0;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof UnpricedRegionError) {
      io.err(e.message);
      return 1;
    }
    throw e;
  }
}
