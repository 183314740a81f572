import { Duration } from 'aws-cdk-lib';

/** A typed data-quality rule; `toDqdl` turns a list of them into a Glue DQDL ruleset. */
export type QualityRule =
  /** Share of non-null values is at least `threshold` (default 1: no nulls). */
  | { readonly type: 'completeness'; readonly column: string; readonly threshold?: number }
  /** Share of distinct values is at least `threshold` (default 1: IsUnique). */
  | { readonly type: 'uniqueness'; readonly column: string; readonly threshold?: number }
  /** Every value within [min, max] (inclusive; either bound may be left out). */
  | { readonly type: 'range'; readonly column: string; readonly min?: number; readonly max?: number }
  /**
   * Share of values found in `referenceAlias.referenceColumn` is at least `threshold`
   * (default 1). The alias names an additional data source of the evaluation run.
   */
  | { readonly type: 'referentialIntegrity'; readonly column: string; readonly referenceAlias: string; readonly referenceColumn: string; readonly threshold?: number }
  /** Newest value at most `maxAge` old (whole hours). */
  | { readonly type: 'freshness'; readonly column: string; readonly maxAge: Duration };

const NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** DQDL numbers: thresholds always with a decimal point (1.0, 0.95). */
function decimal(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

function atLeast(threshold: number): string {
  return threshold === 1 ? '= 1.0' : `>= ${decimal(threshold)}`;
}

/** Problems with the rules, each naming the rule's index and field. */
export function qualityRuleProblems(rules: readonly QualityRule[]): string[] {
  const problems: string[] = [];
  if (rules.length === 0) problems.push('rules: received none; allowed: at least one rule');
  rules.forEach((r, i) => {
    const at = `rules[${i}]`;
    if (!NAME.test(r.column)) problems.push(`${at}.column: received '${r.column}'; allowed: a column name (lowercase letters, digits, underscores)`);
    if ('threshold' in r && r.threshold !== undefined && !(r.threshold > 0 && r.threshold <= 1)) {
      problems.push(`${at}.threshold: received ${r.threshold}; allowed: more than 0, at most 1`);
    }
    if (r.type === 'range') {
      if (r.min === undefined && r.max === undefined) problems.push(`${at}: received a range with no bound; allowed: min, max or both`);
      if (r.min !== undefined && r.max !== undefined && r.min > r.max) problems.push(`${at}.min: received ${r.min}; allowed: at most max (${r.max})`);
    }
    if (r.type === 'referentialIntegrity') {
      if (!NAME.test(r.referenceAlias)) problems.push(`${at}.referenceAlias: received '${r.referenceAlias}'; allowed: a data source alias (lowercase letters, digits, underscores)`);
      if (!NAME.test(r.referenceColumn)) problems.push(`${at}.referenceColumn: received '${r.referenceColumn}'; allowed: a column name`);
    }
    if (r.type === 'freshness') {
      const hours = r.maxAge.toHours({ integral: false });
      if (!Number.isInteger(hours) || hours < 1) problems.push(`${at}.maxAge: received ${hours} hours; allowed: whole hours, at least 1 (DQDL counts hours or days)`);
    }
  });
  return problems;
}

/** One DQDL rule. */
export function ruleToDqdl(r: QualityRule): string {
  const col = `"${r.column}"`;
  switch (r.type) {
    case 'completeness':
      return `Completeness ${col} ${atLeast(r.threshold ?? 1)}`;
    case 'uniqueness':
      return (r.threshold ?? 1) === 1 ? `IsUnique ${col}` : `Uniqueness ${col} ${atLeast(r.threshold!)}`;
    case 'range': {
      const parts: string[] = [];
      if (r.min !== undefined) parts.push(`ColumnValues ${col} >= ${r.min}`);
      if (r.max !== undefined) parts.push(`ColumnValues ${col} <= ${r.max}`);
      return parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' and ');
    }
    case 'referentialIntegrity':
      return `ReferentialIntegrity ${col} "${r.referenceAlias}.${r.referenceColumn}" ${atLeast(r.threshold ?? 1)}`;
    case 'freshness':
      return `DataFreshness ${col} <= ${r.maxAge.toHours()} hours`;
  }
}

/**
 * A DQDL ruleset (`Rules = [ ... ]`) from typed rules. Throws listing every
 * problem. Every rule compares with an explicit threshold, so a rule either passes
 * or fails the ruleset: no silent "warn" outcome.
 */
export function toDqdl(rules: readonly QualityRule[]): string {
  const problems = qualityRuleProblems(rules);
  if (problems.length > 0) throw new Error(`Invalid data-quality rules:\n  - ${problems.join('\n  - ')}`);
  return `Rules = [\n${rules.map((r) => `    ${ruleToDqdl(r)}`).join(',\n')}\n]`;
}
