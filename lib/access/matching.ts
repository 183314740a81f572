/**
 * Pattern matching as IAM does it: `*` (any run of characters, including none) and
 * `?` (exactly one character) in actions (case-insensitive), resources and ARNs
 * (case-sensitive, segment by segment).
 */

const patternCache = new Map<string, RegExp>();

/** A glob with `*` and `?` as an anchored regular expression; every other character is literal. */
function globRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const cacheKey = `${ignoreCase ? 'i' : 's'}:${pattern}`;
  const cached = patternCache.get(cacheKey);
  if (cached) return cached;
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  const re = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
  patternCache.set(cacheKey, re);
  return re;
}

/** Whether `value` matches the glob `pattern` (`*`, `?`). */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) {
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  return globRegExp(pattern, ignoreCase).test(value);
}

/**
 * Whether an action pattern from a policy (`s3:Get*`, `kms:*`, `*`) matches a request
 * action (`s3:GetObject`). Service prefix and action name are both case-insensitive.
 */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern, action, true);
}

/** The six parts of an ARN (`arn:partition:service:region:account:resource`), or undefined if it is not one. */
export function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/**
 * Whether an ARN pattern matches an ARN, the way IAM matches `Resource` and `ArnLike`:
 * `*` alone matches everything; otherwise both are split into their six parts and
 * matched part by part (a wildcard does not cross the colons of the first five parts),
 * case-sensitively. A pattern that is not an ARN matches only by glob on the whole string.
 */
export function arnMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const p = splitArn(pattern);
  const a = splitArn(arn);
  if (!p || !a) return wildcardMatch(pattern, arn);
  return p.every((part, i) => wildcardMatch(part, a[i]));
}

/** The account id in an ARN (empty for S3 and other account-less ARNs). */
export function arnAccount(arn: string): string | undefined {
  return splitArn(arn)?.[4];
}

/** The service of an ARN (`s3`, `kms`, `iam`, ...). */
export function arnService(arn: string): string | undefined {
  return splitArn(arn)?.[2];
}
