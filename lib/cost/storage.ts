import { S3Prices } from './prices';

/** Lifecycle of a bucket as the template states it: transitions by object age, and expiry. */
export interface TemplateLifecycle {
  readonly transitions: readonly { readonly storageClass: string; readonly days: number }[];
  readonly expirationDays?: number;
}

/** Reads a bucket's `LifecycleConfiguration` (enabled rules only; several rules are merged). */
export function lifecycleFromTemplate(config: unknown): TemplateLifecycle {
  const rules = Array.isArray((config as { Rules?: unknown } | undefined)?.Rules) ? ((config as { Rules: unknown[] }).Rules as Record<string, unknown>[]) : [];
  const transitions: { storageClass: string; days: number }[] = [];
  let expirationDays: number | undefined;
  for (const rule of rules) {
    if (rule.Status !== 'Enabled') continue;
    const list = [...(Array.isArray(rule.Transitions) ? rule.Transitions : []), ...(rule.Transition ? [rule.Transition] : [])] as Record<string, unknown>[];
    for (const t of list) {
      if (typeof t.StorageClass === 'string' && typeof t.TransitionInDays === 'number') transitions.push({ storageClass: t.StorageClass, days: t.TransitionInDays });
    }
    if (typeof rule.ExpirationInDays === 'number') expirationDays = Math.min(expirationDays ?? Infinity, rule.ExpirationInDays);
  }
  transitions.sort((a, b) => a.days - b.days);
  return { transitions, expirationDays };
}

/** GB and monthly cost held in one storage tier. */
export interface TierVolume {
  readonly tier: string;
  readonly gb: number;
  readonly monthly: number;
}

const DAYS_PER_MONTH = 30;

/**
 * Steady volume per tier after `horizonMonths` of constant ingestion: data of age `a` days
 * sits in the tier its lifecycle gives that age, until it expires. Intelligent-Tiering is
 * modelled for data that is not read again: frequent access for 30 days, infrequent until
 * day 90, archive instant access after (its automatic moves), plus the per-object fee.
 * Not modelled: non-current versions, requests, retrievals, transition requests.
 */
export function storageByTier(
  ingestGbPerMonth: number,
  lifecycle: TemplateLifecycle,
  horizonMonths: number,
  prices: S3Prices,
  averageObjectSizeMb: number,
): { tiers: TierVolume[]; monthly: number } {
  const maxAge = Math.min(lifecycle.expirationDays ?? Infinity, horizonMonths * DAYS_PER_MONTH);
  const perDay = ingestGbPerMonth / DAYS_PER_MONTH;
  const bounds = [{ storageClass: 'STANDARD', days: 0 }, ...lifecycle.transitions];
  const volumes = new Map<string, number>();
  const put = (tier: string, from: number, to: number) => {
    const length = Math.max(0, Math.min(to, maxAge) - from);
    if (length > 0) volumes.set(tier, (volumes.get(tier) ?? 0) + length * perDay);
  };
  bounds.forEach((b, i) => {
    const end = i + 1 < bounds.length ? bounds[i + 1].days : Infinity;
    if (b.storageClass === 'INTELLIGENT_TIERING') {
      put('INTELLIGENT_TIERING_FREQUENT', b.days, Math.min(end, b.days + 30));
      put('INTELLIGENT_TIERING_INFREQUENT', b.days + 30, Math.min(end, b.days + 90));
      put('INTELLIGENT_TIERING_ARCHIVE_INSTANT', b.days + 90, end);
    } else {
      put(b.storageClass, b.days, end);
    }
  });
  const tiers: TierVolume[] = [];
  let intelligentGb = 0;
  for (const [tier, gb] of volumes) {
    const price = (prices as unknown as Record<string, number>)[tier];
    if (price === undefined) throw new Error(`storage class '${tier}' has no price; allowed: ${Object.keys(prices).join(', ')}`);
    if (tier.startsWith('INTELLIGENT_TIERING')) intelligentGb += gb;
    tiers.push({ tier, gb, monthly: gb * price });
  }
  const monitoring = ((intelligentGb * 1024) / averageObjectSizeMb / 1000) * prices.INTELLIGENT_TIERING_MONITORING_PER_1000;
  if (monitoring > 0) tiers.push({ tier: 'INTELLIGENT_TIERING_MONITORING', gb: 0, monthly: monitoring });
  return { tiers: tiers.filter((t) => t.gb > 0 || t.monthly > 0), monthly: tiers.reduce((s, t) => s + t.monthly, 0) };
}
