/**
 * Key policy analysis: does a key policy grant `kms:*` (or `*`) to a broad principal
 * without a condition that narrows who may use it?
 *
 * Broad principals: `"*"`, `{"AWS": "*"}`, the account root of another account
 * (`arn:<partition>:iam::<other>:root` or the bare account id: every identity that
 * account's administrators allow), and `NotPrincipal` in an Allow statement. The key
 * owner's own account root is the standard "enable IAM policies" grant and is not broad.
 *
 * A condition restricts when it pins the caller with a principal-scoping key
 * (`aws:PrincipalAccount`, `aws:PrincipalOrgID`, `kms:CallerAccount`, `aws:SourceVpce`, ...)
 * through a positive operator (not `...IfExists`, not `...Not...`, not `Null`) and a
 * value other than `*`.
 */

/** One statement of concern. */
export interface PolicyFinding {
  /** `fail` for a full wildcard (`kms:*`, `*`, `NotAction`), `warn` for narrower actions. */
  readonly severity: 'fail' | 'warn';
  /** Statement Sid, or `#<index>` when it has none. */
  readonly statement: string;
  /** The broad principals it names, rendered. */
  readonly principals: readonly string[];
  /** The actions it allows, rendered. */
  readonly actions: readonly string[];
}

/** Condition keys that narrow who may call (case-insensitive). */
export const RESTRICTING_CONDITION_KEYS: readonly string[] = [
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:userid',
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'kms:CallerAccount',
];

const RESTRICTING = new Set(RESTRICTING_CONDITION_KEYS.map((k) => k.toLowerCase()));

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const asList = (value: Json | undefined): Json[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Thrown when the policy text is not a policy document. */
export class PolicyParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyParseError';
  }
}

/** Account id of a root principal (`arn:<partition>:iam::<id>:root` or a bare id), if it is one. */
function rootAccount(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:[a-z-]+:iam::(\d{12}):root$/.exec(principal)?.[1];
}

/** The broad principals among a statement's `Principal`, for a key owned by `ownerAccount`. */
function broadPrincipals(principal: Json | undefined, ownerAccount: string | undefined): string[] {
  if (principal === '*') return ['*'];
  if (!isObject(principal)) return [];
  const found: string[] = [];
  for (const value of asList(principal.AWS)) {
    if (typeof value !== 'string') continue;
    if (value === '*') found.push('{"AWS":"*"}');
    const account = rootAccount(value);
    if (account !== undefined && account !== ownerAccount) found.push(`${value} (root of another account)`);
  }
  return found;
}

function isRestrictingCondition(condition: Json | undefined): boolean {
  if (!isObject(condition)) return false;
  for (const [operator, clauses] of Object.entries(condition)) {
    if (/IfExists$/i.test(operator) || /Not/i.test(operator) || /^Null$/i.test(operator) || !isObject(clauses)) continue;
    for (const [key, values] of Object.entries(clauses)) {
      const list = asList(values);
      if (RESTRICTING.has(key.toLowerCase()) && list.length > 0 && list.every((v) => typeof v === 'string' && v !== '*' && v !== '')) return true;
    }
  }
  return false;
}

/**
 * Statements of a key policy (JSON text) that grant KMS actions to broad principals
 * without a restricting condition. `ownerAccount` is the key's account.
 * Throws PolicyParseError when the text is not a JSON policy document.
 */
export function analyseKeyPolicy(policyText: string, ownerAccount: string | undefined): PolicyFinding[] {
  let doc: Json;
  try {
    doc = JSON.parse(policyText) as Json;
  } catch (e) {
    throw new PolicyParseError(`the key policy is not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(doc) || doc.Statement === undefined) throw new PolicyParseError('the key policy has no Statement');
  const findings: PolicyFinding[] = [];
  asList(doc.Statement).forEach((statement, index) => {
    if (!isObject(statement) || statement.Effect !== 'Allow') return;
    const principals =
      statement.NotPrincipal !== undefined ? [`NotPrincipal ${JSON.stringify(statement.NotPrincipal)}`] : broadPrincipals(statement.Principal, ownerAccount);
    if (principals.length === 0 || isRestrictingCondition(statement.Condition)) return;
    const actions = statement.NotAction !== undefined ? [`NotAction ${JSON.stringify(statement.NotAction)}`] : asList(statement.Action).map(String);
    const wildcard = statement.NotAction !== undefined || actions.some((a) => /^(kms:)?\*$/i.test(a));
    findings.push({
      severity: wildcard ? 'fail' : 'warn',
      statement: typeof statement.Sid === 'string' && statement.Sid !== '' ? statement.Sid : `#${index}`,
      principals,
      actions,
    });
  });
  return findings;
}
