import { assumptionsFor } from '../cost/assumptions';
import { estimateCost } from '../cost/estimate';
import { UnpricedRegionError } from '../cost/prices';
import { EnvironmentConfig } from '../config/schema';
import { compareEnvironments, CompareOptions, EnvironmentDiff } from './compare';
import { CostDelta } from './format';
import { SideInfo } from './intended';
import { EnvironmentTemplates, synthesizeEnvironments } from './synth';

/** A diff with the cost of both sides. */
export interface DiffResult {
  readonly diff: EnvironmentDiff;
  readonly cost?: CostDelta;
}

/** What the diff knows about a side synthesized from a configuration. */
export function sideOf(config: EnvironmentConfig): SideInfo {
  return { environment: config.name, region: config.region, production: config.production, residency: config.residency };
}

/** Synthesizes one environment (offline, in-process). */
export function synthesizeEnvironment(config: EnvironmentConfig): EnvironmentTemplates {
  const [env] = synthesizeEnvironments([config]);
  return env;
}

/** Compares synthesized sides and prices both (unless `cost` is false, or a region has no price table). */
export function diffTemplates(
  left: { templates: EnvironmentTemplates; side: SideInfo },
  right: { templates: EnvironmentTemplates; side: SideInfo },
  options: CompareOptions & { readonly cost?: boolean } = {},
): DiffResult {
  const diff = compareEnvironments(left.templates, right.templates, { left: left.side, right: right.side }, options);
  if (options.cost === false) return { diff };
  try {
    const price = (t: EnvironmentTemplates, s: SideInfo) => estimateCost(t, assumptionsFor(s.environment, s.production ?? false));
    return { diff, cost: { left: price(left.templates, left.side), right: price(right.templates, right.side) } };
  } catch (e) {
    if (e instanceof UnpricedRegionError) return { diff }; // the diff stands without cost
    throw e;
  }
}

/** Synthesizes two configurations and compares them. */
export function diffConfigs(left: EnvironmentConfig, right: EnvironmentConfig, options: CompareOptions & { readonly cost?: boolean } = {}): DiffResult {
  return diffTemplates(
    { templates: synthesizeEnvironment(left), side: sideOf(left) },
    { templates: synthesizeEnvironment(right), side: sideOf(right) },
    options,
  );
}
