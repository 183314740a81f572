import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * A storage tier an object can move to, with the S3 rules that constrain it.
 *
 * Tiers are ordered as S3's lifecycle "waterfall": an object only ever moves to a
 * tier with a higher rank. Each tier carries two figures from S3's pricing rules:
 * the earliest age at which S3 accepts a transition into it, and the minimum
 * storage duration it bills for (leaving earlier costs as if the object had stayed).
 */
export class StorageTier {
  /** S3 Standard-IA: at least 30 days after creation; 30-day minimum storage. */
  public static readonly INFREQUENT_ACCESS = new StorageTier('INFREQUENT_ACCESS', s3.StorageClass.INFREQUENT_ACCESS, 1, 30, 30);
  /** S3 Intelligent-Tiering: any age; no minimum storage duration. */
  public static readonly INTELLIGENT_TIERING = new StorageTier('INTELLIGENT_TIERING', s3.StorageClass.INTELLIGENT_TIERING, 2, 0, 0);
  /** S3 Glacier Instant Retrieval: any age; 90-day minimum storage. */
  public static readonly GLACIER_INSTANT_RETRIEVAL = new StorageTier(
    'GLACIER_INSTANT_RETRIEVAL',
    s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
    3,
    0,
    90,
  );
  /** S3 Glacier Flexible Retrieval: any age; 90-day minimum storage. */
  public static readonly GLACIER = new StorageTier('GLACIER', s3.StorageClass.GLACIER, 4, 0, 90);
  /** S3 Glacier Deep Archive: any age; 180-day minimum storage. */
  public static readonly DEEP_ARCHIVE = new StorageTier('DEEP_ARCHIVE', s3.StorageClass.DEEP_ARCHIVE, 5, 0, 180);

  /** Every tier, in waterfall order. */
  public static all(): readonly StorageTier[] {
    return [
      StorageTier.INFREQUENT_ACCESS,
      StorageTier.INTELLIGENT_TIERING,
      StorageTier.GLACIER_INSTANT_RETRIEVAL,
      StorageTier.GLACIER,
      StorageTier.DEEP_ARCHIVE,
    ];
  }

  /** Looks a tier up by name (`StorageTier.of('DEEP_ARCHIVE')`). */
  public static of(name: string): StorageTier {
    const tier = StorageTier.all().find((t) => t.name === name);
    if (!tier) {
      throw new Error(`Unknown storage tier '${name}'; allowed: ${StorageTier.names().join(', ')}`);
    }
    return tier;
  }

  /** Names of every tier, in waterfall order. */
  public static names(): string[] {
    return StorageTier.all().map((t) => t.name);
  }

  private constructor(
    /** Name used in configuration and messages. */
    public readonly name: string,
    /** The S3 storage class objects move to. */
    public readonly storageClass: s3.StorageClass,
    /** Position in S3's transition waterfall. */
    public readonly rank: number,
    /** Earliest object age (days since creation) S3 accepts for a transition into this tier. */
    public readonly minimumAgeDays: number,
    /** Days S3 bills for at minimum once an object enters this tier. */
    public readonly minimumStorageDays: number,
  ) {}
}

/** One step of a lifecycle: move objects to `tier` once they are `after` old. */
export interface TierTransition {
  /** The tier objects move to. */
  readonly tier: StorageTier;
  /** Object age (since creation) at which they move. */
  readonly after: Duration;
}

/**
 * How objects age through storage tiers, and when they and their old versions go.
 */
export interface LifecycleTiers {
  /**
   * Transitions, in any order; they are validated and sorted by age.
   * @default - objects stay in S3 Standard
   */
  readonly transitions?: readonly TierTransition[];
  /**
   * Delete current objects this long after creation (a delete marker in a versioned bucket).
   * @default - never expire
   */
  readonly expiration?: Duration;
  /**
   * Permanently delete non-current versions this long after they become non-current.
   * @default - keep non-current versions
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * Abort multipart uploads left incomplete this long after they start.
   * @default Duration.days(7)
   */
  readonly abortIncompleteMultipartUploadAfter?: Duration;
}

/** A problem found in a lifecycle: where it is, what was received, what is allowed. */
export interface LifecycleProblem {
  /** Path inside the lifecycle, e.g. `['transitions', 1, 'after']`. */
  readonly path: readonly (string | number)[];
  /** The offending value (days, or a tier name). */
  readonly received: number | string;
  /** What is allowed, and why. */
  readonly allowed: string;
}

const days = (d: Duration): number => d.toDays({ integral: false });

/**
 * Checks a lifecycle against S3's rules and the minimum storage durations, and
 * returns every problem (empty when valid). Pure: the construct throws with these
 * problems and the configuration schema reports them against its own field paths.
 *
 * Rules: whole days; each tier at most once; a transition no earlier than the tier
 * accepts (Standard-IA from day 30); transitions follow the waterfall order with
 * strictly increasing ages; an object stays in a tier at least its minimum storage
 * duration before moving on or expiring; expiration after every transition.
 */
export function validateLifecycleTiers(tiers: LifecycleTiers): LifecycleProblem[] {
  const problems: LifecycleProblem[] = [];
  const transitions = tiers.transitions ?? [];

  const wholeDays = (value: Duration, path: (string | number)[]): boolean => {
    const d = days(value);
    if (!Number.isInteger(d) || d < 0) {
      problems.push({ path, received: d, allowed: 'a whole number of days, 0 or more' });
      return false;
    }
    return true;
  };

  transitions.forEach((t, i) => {
    if (!wholeDays(t.after, ['transitions', i, 'after'])) return;
    if (days(t.after) < t.tier.minimumAgeDays) {
      problems.push({
        path: ['transitions', i, 'after'],
        received: days(t.after),
        allowed: `${t.tier.minimumAgeDays} days or more (S3's minimum object age for ${t.tier.name})`,
      });
    }
    const firstUse = transitions.findIndex((o) => o.tier === t.tier);
    if (firstUse !== i) {
      problems.push({
        path: ['transitions', i, 'tier'],
        received: t.tier.name,
        allowed: `each tier once (${t.tier.name} is already at transitions[${firstUse}])`,
      });
    }
  });

  // Waterfall order: sort by rank and require strictly increasing ages with minimum stays.
  const byRank = transitions.map((t, index) => ({ t, index })).sort((a, b) => a.t.tier.rank - b.t.tier.rank);
  for (let k = 1; k < byRank.length; k++) {
    const prev = byRank[k - 1];
    const cur = byRank[k];
    if (prev.t.tier === cur.t.tier) continue;
    const earliest = days(prev.t.after) + Math.max(1, prev.t.tier.minimumStorageDays);
    if (days(cur.t.after) < earliest) {
      problems.push({
        path: ['transitions', cur.index, 'after'],
        received: days(cur.t.after),
        allowed:
          `${earliest} days or more for ${cur.t.tier.name}, which follows ${prev.t.tier.name} at ${days(prev.t.after)} days ` +
          `(tiers go ${StorageTier.names().join(' → ')}` +
          (prev.t.tier.minimumStorageDays > 0 ? `, and ${prev.t.tier.name} bills at least ${prev.t.tier.minimumStorageDays} days)` : ')'),
      });
    }
  }

  if (tiers.expiration !== undefined && wholeDays(tiers.expiration, ['expiration'])) {
    const exp = days(tiers.expiration);
    if (exp < 1) {
      problems.push({ path: ['expiration'], received: exp, allowed: '1 day or more' });
    }
    const last = byRank[byRank.length - 1];
    if (last) {
      const earliest = days(last.t.after) + Math.max(1, last.t.tier.minimumStorageDays);
      if (exp < earliest) {
        problems.push({
          path: ['expiration'],
          received: exp,
          allowed:
            `${earliest} days or more: objects reach ${last.t.tier.name} at ${days(last.t.after)} days` +
            (last.t.tier.minimumStorageDays > 0 ? ` and it bills at least ${last.t.tier.minimumStorageDays} days` : ''),
        });
      }
    }
  }

  if (tiers.noncurrentVersionExpiration !== undefined && wholeDays(tiers.noncurrentVersionExpiration, ['noncurrentVersionExpiration'])) {
    if (days(tiers.noncurrentVersionExpiration) < 1) {
      problems.push({ path: ['noncurrentVersionExpiration'], received: days(tiers.noncurrentVersionExpiration), allowed: '1 day or more' });
    }
  }

  const abort = tiers.abortIncompleteMultipartUploadAfter;
  if (abort !== undefined && wholeDays(abort, ['abortIncompleteMultipartUploadAfter']) && days(abort) < 1) {
    problems.push({ path: ['abortIncompleteMultipartUploadAfter'], received: days(abort), allowed: '1 day or more' });
  }

  return problems;
}

/** Renders a lifecycle problem path as `transitions[1].after`. */
export function formatLifecyclePath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * Turns validated tiers into S3 lifecycle rules: one rule for the current-version
 * tiers and expiry, one for old versions, one that aborts stale multipart uploads.
 * Throws with every problem if the tiers are invalid.
 */
export function lifecycleRulesFor(tiers: LifecycleTiers): s3.LifecycleRule[] {
  const problems = validateLifecycleTiers(tiers);
  if (problems.length > 0) {
    throw new Error(
      `Invalid lifecycle tiers:\n${problems.map((p) => `  - ${formatLifecyclePath(p.path)}: received ${p.received}; allowed: ${p.allowed}`).join('\n')}`,
    );
  }
  const transitions = [...(tiers.transitions ?? [])].sort((a, b) => a.tier.rank - b.tier.rank);
  const rules: s3.LifecycleRule[] = [
    {
      id: 'abort-incomplete-multipart-uploads',
      abortIncompleteMultipartUploadAfter: tiers.abortIncompleteMultipartUploadAfter ?? Duration.days(7),
    },
  ];
  if (transitions.length > 0 || tiers.expiration) {
    rules.push({
      id: 'storage-tiers',
      transitions: transitions.map((t) => ({ storageClass: t.tier.storageClass, transitionAfter: t.after })),
      expiration: tiers.expiration,
    });
  }
  if (tiers.noncurrentVersionExpiration) {
    rules.push({ id: 'noncurrent-versions', noncurrentVersionExpiration: tiers.noncurrentVersionExpiration });
  }
  return rules;
}
