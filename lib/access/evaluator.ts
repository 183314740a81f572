/**
 * A focused IAM policy evaluator following AWS's documented evaluation logic for a
 * single request: explicit deny anywhere wins; SCPs, when given, must allow; within
 * an account an identity-based or a resource-based policy must allow, and identity
 * grants are bounded by the permission boundary; across accounts both sides must
 * allow; a KMS key's own policy must always allow. Every decision names the
 * statements that made it. See docs/access-matrix.md.
 */
import { evaluateConditionBlock } from './conditions';
import { ContextValues, RequestContext, substituteVariables } from './context';
import { actionMatches, arnAccount, arnMatches, splitArn } from './matching';
import { asList, PolicyKind, PolicySource, PolicyStatement, PrincipalElement, SourcedPolicy, statementsOf } from './policy';

/** Who makes the request. */
export interface RequestPrincipal {
  /**
   * ARN of the IAM role or user making the request (`arn:aws:iam::123456789012:role/Analyst`).
   * Required unless `service` is given.
   */
  readonly arn?: string;
  /** Account of the principal. @default the account in `arn` */
  readonly account?: string;
  /** Tags of the principal, visible to policies as `aws:PrincipalTag/<key>`. @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * ARN of the assumed-role session (`arn:aws:sts::123456789012:assumed-role/Analyst/alice`),
   * when a resource policy may name the session itself. @default none
   */
  readonly sessionArn?: string;
  /** Service principal (`cloudtrail.amazonaws.com`) for requests an AWS service makes. @default none */
  readonly service?: string;
}

/** One request to evaluate. */
export interface AccessRequest {
  readonly principal: RequestPrincipal;
  /** `service:Action`, e.g. `s3:GetObject`. */
  readonly action: string;
  /** ARN of the resource, or `*` for actions without a resource. */
  readonly resource: string;
  /** Account owning the resource. @default the account in the resource ARN, else the principal's account */
  readonly resourceAccount?: string;
  /**
   * Condition keys of the request. The evaluator adds `aws:PrincipalArn`,
   * `aws:PrincipalAccount`, `aws:PrincipalTag/*`, `aws:PrincipalType`,
   * `aws:username` (IAM users), `aws:PrincipalServiceName` and `aws:ResourceAccount`
   * unless given here. @default none
   */
  readonly context?: RequestContext;
}

/** The policies that apply to a request. */
export interface PolicySet {
  /** Identity-based policies of the principal (inline and managed). */
  readonly identity: readonly SourcedPolicy[];
  /** The permission boundary; undefined when the principal has none. @default none */
  readonly boundary?: readonly SourcedPolicy[];
  /** Resource-based policies of the resource (bucket policy, key policy, ...). @default none */
  readonly resource?: readonly SourcedPolicy[];
  /** Service control policies of the account; undefined when none apply. Treated as one level: one of them must allow. @default none */
  readonly scp?: readonly SourcedPolicy[];
}

/**
 * How a resource-based policy's `Principal` matched the request principal:
 * - `session`: the assumed-role session ARN (not limited by identity policy or boundary);
 * - `user`: the IAM user ARN (not limited by identity policy or boundary);
 * - `role`: the role ARN (no identity policy needed, but limited by the boundary);
 * - `any`: `"*"` / `{"AWS": "*"}` (treated like `role`);
 * - `account`: the principal's account (root ARN or id): delegates to IAM, the identity policy must allow;
 * - `service`: a service principal.
 */
export type PrincipalMatch = 'session' | 'user' | 'role' | 'any' | 'account' | 'service';

/** A statement that applied to the request. */
export interface StatementRef {
  readonly source: PolicySource;
  readonly sid?: string;
  /** Position of the statement in its document (0-based). */
  readonly index: number;
  readonly effect: 'Allow' | 'Deny';
  readonly statement: PolicyStatement;
  /** For resource-based policies: how the principal matched. */
  readonly principalMatch?: PrincipalMatch;
}

export type Decision = 'allowed' | 'explicit-deny' | 'implicit-deny';

/** The outcome of a request, with the statements that decided it. */
export interface EvaluationResult {
  readonly decision: Decision;
  readonly allowed: boolean;
  /** One sentence a reviewer can read: which layer decided and why. */
  readonly reason: string;
  /** The statements that made the decision: the denies, or the allows that together grant. Empty for an implicit deny. */
  readonly deciding: readonly StatementRef[];
  /** Every statement that matched the request, per policy kind. */
  readonly matched: Readonly<Record<PolicyKind, readonly StatementRef[]>>;
}

/** A short label for a statement: `<policy name> [Sid]` or `<policy name> #<index>`. */
export function describeStatement(ref: StatementRef): string {
  return `${ref.source.name} ${ref.sid ? `[${ref.sid}]` : `#${ref.index}`}`;
}

const POLICY_KINDS: readonly PolicyKind[] = ['scp', 'resource', 'identity', 'boundary'];

/** Evaluates one request against its policies. */
export function evaluate(request: AccessRequest, policies: PolicySet): EvaluationResult {
  const principal = request.principal;
  if (!principal.arn && !principal.service) throw new Error('evaluate: request.principal needs an arn or a service; received neither');
  const principalAccount = principal.account ?? (principal.arn ? arnAccount(principal.arn) : undefined) ?? '';
  const resourceAccount = request.resourceAccount || arnAccount(request.resource) || principalAccount;
  const context = new ContextValues({ ...automaticContext(principal, principalAccount, resourceAccount), ...(request.context ?? {}) });
  const hasBoundary = policies.boundary !== undefined;
  const input: MatchInput = { request, principalAccount, context, hasBoundary };

  const matched: Record<PolicyKind, StatementRef[]> = { scp: [], resource: [], identity: [], boundary: [] };
  const lists: Record<PolicyKind, readonly SourcedPolicy[]> = {
    scp: policies.scp ?? [],
    resource: policies.resource ?? [],
    identity: principal.service ? [] : policies.identity,
    boundary: policies.boundary ?? [],
  };
  for (const kind of POLICY_KINDS) {
    for (const policy of lists[kind]) matched[kind].push(...matchingStatements(policy, kind, input));
  }
  const result = (decision: Decision, reason: string, deciding: StatementRef[]): EvaluationResult => ({
    decision,
    allowed: decision === 'allowed',
    reason,
    deciding,
    matched,
  });

  // 1. An explicit deny in any policy wins.
  const denies = POLICY_KINDS.flatMap((k) => matched[k].filter((s) => s.effect === 'Deny'));
  if (denies.length > 0) return result('explicit-deny', `explicitly denied by ${denies.map(describeStatement).join(', ')}`, denies);

  const allows = (kind: PolicyKind) => matched[kind].filter((s) => s.effect === 'Allow');
  // 2. Service control policies, when given, must allow.
  const scpAllows = allows('scp');
  if (policies.scp !== undefined && scpAllows.length === 0) {
    return result('implicit-deny', `no service control policy allows ${request.action}`, []);
  }

  const identityAllows = allows('identity');
  const boundaryAllows = allows('boundary');
  const boundaryOk = !hasBoundary || boundaryAllows.length > 0;
  const resourceAllows = allows('resource');
  const unbounded = resourceAllows.filter((s) => s.principalMatch === 'session' || s.principalMatch === 'user');
  const direct = resourceAllows.filter((s) => s.principalMatch === 'role' || s.principalMatch === 'any' || s.principalMatch === 'service');
  const viaAccount = resourceAllows.filter((s) => s.principalMatch === 'account');
  const crossAccount = resourceAccount !== principalAccount;
  const isKeyRequest = isKmsKeyRequest(request);
  const boundaryNames = (policies.boundary ?? []).map((p) => p.source.name).join(', ');
  const noBoundaryAllow = `the permission boundary (${boundaryNames}) does not allow ${request.action} on ${request.resource}`;

  if (principal.service) {
    if (direct.length > 0) return result('allowed', `allowed for the service by ${direct.map(describeStatement).join(', ')}`, [...direct, ...scpAllows]);
    return result('implicit-deny', `no resource-based policy allows the service ${principal.service} to ${request.action}`, []);
  }

  // 3. Where the resource policy must allow (KMS keys, cross-account access).
  if (isKeyRequest || crossAccount) {
    const what = isKeyRequest ? 'the key policy' : 'the resource-based policy of the other account';
    if (resourceAllows.length === 0) {
      const sources = (policies.resource ?? []).map((p) => p.source.name).join(', ') || 'none given';
      return result('implicit-deny', `${what} (${sources}) does not allow ${request.action} for this principal`, []);
    }
    if (!crossAccount && unbounded.length > 0) {
      return result('allowed', `allowed by ${unbounded.map(describeStatement).join(', ')} naming the principal`, [...unbounded, ...scpAllows]);
    }
    if (!crossAccount && direct.length > 0) {
      if (!boundaryOk) return result('implicit-deny', noBoundaryAllow, []);
      return result('allowed', `allowed by ${direct.map(describeStatement).join(', ')} within the boundary`, [...direct, ...boundaryAllows, ...scpAllows]);
    }
    if (identityAllows.length === 0) {
      const why = crossAccount ? 'cross-account access needs an identity-based allow too' : 'the key policy delegates to IAM (account principal)';
      return result('implicit-deny', `${why}, and no identity-based policy allows ${request.action} on ${request.resource}`, []);
    }
    if (!boundaryOk) return result('implicit-deny', noBoundaryAllow, []);
    const deciding = [...resourceAllows, ...identityAllows, ...boundaryAllows, ...scpAllows];
    const delegation = resourceAllows.map(describeStatement).join(', ');
    return result('allowed', `allowed by ${delegation} (naming ${crossAccount ? 'this principal or its account' : 'the account'}) and ${identityAllows.map(describeStatement).join(', ')}${hasBoundary ? ' within the boundary' : ''}`, deciding);
  }

  // 4. Same account: a resource policy naming the session or user grants on its own;
  //    otherwise an identity allow or a resource allow naming the role, within the boundary.
  if (unbounded.length > 0) {
    return result('allowed', `allowed by ${unbounded.map(describeStatement).join(', ')} naming the principal`, [...unbounded, ...scpAllows]);
  }
  const grants = [...identityAllows, ...direct];
  if (grants.length === 0) {
    const hint = viaAccount.length > 0 ? ' (the resource policy allows the account, which still needs an identity-based allow)' : '';
    return result('implicit-deny', `no identity-based or resource-based policy allows ${request.action} on ${request.resource}${hint}`, []);
  }
  if (!boundaryOk) return result('implicit-deny', noBoundaryAllow, []);
  return result('allowed', `allowed by ${grants.map(describeStatement).join(', ')}${hasBoundary ? ' within the boundary' : ''}`, [
    ...grants,
    ...boundaryAllows,
    ...scpAllows,
  ]);
}

/** A KMS request on a key (not `*`, not an alias-less global action): the key policy must allow. */
function isKmsKeyRequest(request: AccessRequest): boolean {
  if (!request.action.toLowerCase().startsWith('kms:')) return false;
  const parts = splitArn(request.resource);
  return parts !== undefined && parts[2] === 'kms' && parts[5].startsWith('key/');
}

function automaticContext(principal: RequestPrincipal, account: string, resourceAccount: string): Record<string, string> {
  const ctx: Record<string, string> = {};
  if (resourceAccount) ctx['aws:ResourceAccount'] = resourceAccount;
  if (principal.service) {
    ctx['aws:PrincipalServiceName'] = principal.service;
    return ctx;
  }
  const arn = principal.arn as string;
  ctx['aws:PrincipalArn'] = arn;
  if (account) ctx['aws:PrincipalAccount'] = account;
  const resource = splitArn(arn)?.[5] ?? '';
  if (resource.startsWith('user/')) {
    ctx['aws:PrincipalType'] = 'User';
    ctx['aws:username'] = resource.split('/').pop() as string;
  } else if (resource.startsWith('role/')) {
    ctx['aws:PrincipalType'] = 'AssumedRole';
  } else if (resource === 'root') {
    ctx['aws:PrincipalType'] = 'Account';
  }
  for (const [key, value] of Object.entries(principal.tags ?? {})) ctx[`aws:PrincipalTag/${key}`] = value;
  return ctx;
}

interface MatchInput {
  readonly request: AccessRequest;
  readonly principalAccount: string;
  readonly context: ContextValues;
  readonly hasBoundary: boolean;
}

function matchingStatements(policy: SourcedPolicy, kind: PolicyKind, input: MatchInput): StatementRef[] {
  const substitute = policy.document.Version === '2012-10-17';
  const refs: StatementRef[] = [];
  statementsOf(policy.document).forEach((statement, index) => {
    const effect = statement.Effect;
    if (effect !== 'Allow' && effect !== 'Deny') {
      throw new Error(`${policy.source.name} statement ${index}: Effect must be Allow or Deny; received ${JSON.stringify(effect)}`);
    }
    let principalMatch: PrincipalMatch | undefined;
    if (kind === 'resource') {
      if (statement.Principal !== undefined) {
        principalMatch = matchPrincipal(statement.Principal, input);
        if (!principalMatch) return;
      } else if (statement.NotPrincipal !== undefined) {
        // IAM: a Deny with NotPrincipal always applies to a principal with a permission boundary.
        const exempt = effect === 'Deny' && input.hasBoundary ? undefined : matchPrincipal(statement.NotPrincipal, input);
        if (exempt) return;
        principalMatch = 'any';
      } else {
        return; // a resource-based statement without a principal applies to no one
      }
    }
    if (!actionApplies(statement, input.request.action)) return;
    if (!resourceApplies(statement, input.request.resource, input.context, substitute)) return;
    if (!evaluateConditionBlock(statement.Condition, input.context, substitute)) return;
    refs.push({ source: policy.source, sid: statement.Sid, index, effect, statement, principalMatch });
  });
  return refs;
}

function actionApplies(statement: PolicyStatement, action: string): boolean {
  if (statement.Action !== undefined) return asList(statement.Action).some((p) => actionMatches(p, action));
  if (statement.NotAction !== undefined) return !asList(statement.NotAction).some((p) => actionMatches(p, action));
  return false;
}

function resourceApplies(statement: PolicyStatement, resource: string, context: ContextValues, substitute: boolean): boolean {
  const matches = (patterns: readonly string[]) =>
    patterns.some((p) => {
      const pattern = substitute ? substituteVariables(p, context) : p;
      return pattern !== undefined && arnMatches(pattern, resource);
    });
  if (statement.Resource !== undefined) return matches(asList(statement.Resource));
  if (statement.NotResource !== undefined) return !matches(asList(statement.NotResource));
  return true; // no Resource element (e.g. trust policies): applies to the resource the policy is on
}

const ACCOUNT_ID = /^\d{12}$/;

/** How (if at all) a Principal element names the request principal. */
function matchPrincipal(element: PrincipalElement, input: MatchInput): PrincipalMatch | undefined {
  const { principal } = input.request;
  if (element === '*') return 'any';
  let best: PrincipalMatch | undefined;
  const rank: Record<PrincipalMatch, number> = { session: 6, user: 5, service: 4, role: 3, any: 2, account: 1 };
  const consider = (m: PrincipalMatch | undefined) => {
    if (m && (!best || rank[m] > rank[best])) best = m;
  };
  for (const [type, values] of Object.entries(element)) {
    for (const value of asList(values)) {
      if (type === 'Service') {
        if (principal.service && value.toLowerCase() === principal.service.toLowerCase()) consider('service');
        continue;
      }
      if (type !== 'AWS' || principal.service) continue; // Federated / CanonicalUser never name an IAM principal here
      if (value === '*') consider('any');
      else if (ACCOUNT_ID.test(value)) consider(value === input.principalAccount ? 'account' : undefined);
      else if (principal.sessionArn && value === principal.sessionArn) consider('session');
      else if (principal.arn && value === principal.arn) consider(splitArn(value)?.[5].startsWith('user/') ? 'user' : 'role');
      else {
        const parts = splitArn(value);
        if (parts && parts[2] === 'iam' && parts[5] === 'root' && parts[4] === input.principalAccount) consider('account');
      }
    }
  }
  return best;
}
