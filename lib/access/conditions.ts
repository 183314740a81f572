/**
 * The `Condition` element: every operator the platform emits, the `IfExists` suffix,
 * the `ForAnyValue:` / `ForAllValues:` set prefixes and policy variables in string and
 * ARN values. An operator this module does not know is an error, never a silent match.
 */
import { ContextValues, substituteVariables } from './context';
import { arnMatches, wildcardMatch } from './matching';
import { ConditionBlock, PolicyValue } from './policy';

/** Compares one request value with one policy value. */
type Comparator = (requestValue: string, policyValue: string) => boolean;

interface OperatorSpec {
  readonly compare: Comparator;
  /** Negated operators (`StringNotEquals`, ...) are true when no policy value matches. */
  readonly negated: boolean;
  /** Whether policy variables are substituted in the policy values. */
  readonly variables: boolean;
}

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s));
function numeric(test: (a: number, b: number) => boolean): Comparator {
  return (r, p) => {
    const a = num(r);
    const b = num(p);
    return !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
  };
}

/** A date as epoch milliseconds: ISO 8601 or epoch seconds, as IAM accepts both. */
function epochMillis(s: string): number {
  return /^\d+(\.\d+)?$/.test(s.trim()) ? Number(s) * 1000 : Date.parse(s);
}
function date(test: (a: number, b: number) => boolean): Comparator {
  return (r, p) => {
    const a = epochMillis(r);
    const b = epochMillis(p);
    return !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
  };
}

function ipv4(address: string): number | undefined {
  const parts = address.trim().split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** IPv4 address in a CIDR block (or equal to a bare address); IPv6 compares as text. */
const ipInRange: Comparator = (r, p) => {
  const [base, bitsText] = p.split('/');
  const ip = ipv4(r);
  const net = ipv4(base);
  if (ip === undefined || net === undefined) return r.trim().toLowerCase() === p.trim().toLowerCase();
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(ip / size) === Math.floor(net / size);
};

const stringEquals: Comparator = (r, p) => r === p;
const stringEqualsIgnoreCase: Comparator = (r, p) => r.toLowerCase() === p.toLowerCase();
const stringLike: Comparator = (r, p) => wildcardMatch(p, r);
const arnLike: Comparator = (r, p) => arnMatches(p, r);
const bool: Comparator = (r, p) => r.toLowerCase() === p.toLowerCase();

const POSITIVE: Record<string, { compare: Comparator; variables: boolean }> = {
  StringEquals: { compare: stringEquals, variables: true },
  StringEqualsIgnoreCase: { compare: stringEqualsIgnoreCase, variables: true },
  StringLike: { compare: stringLike, variables: true },
  // IAM treats ArnEquals like ArnLike: both accept wildcards in each ARN part.
  ArnEquals: { compare: arnLike, variables: true },
  ArnLike: { compare: arnLike, variables: true },
  NumericEquals: { compare: numeric((a, b) => a === b), variables: false },
  NumericLessThan: { compare: numeric((a, b) => a < b), variables: false },
  NumericLessThanEquals: { compare: numeric((a, b) => a <= b), variables: false },
  NumericGreaterThan: { compare: numeric((a, b) => a > b), variables: false },
  NumericGreaterThanEquals: { compare: numeric((a, b) => a >= b), variables: false },
  DateEquals: { compare: date((a, b) => a === b), variables: false },
  DateLessThan: { compare: date((a, b) => a < b), variables: false },
  DateLessThanEquals: { compare: date((a, b) => a <= b), variables: false },
  DateGreaterThan: { compare: date((a, b) => a > b), variables: false },
  DateGreaterThanEquals: { compare: date((a, b) => a >= b), variables: false },
  Bool: { compare: bool, variables: false },
  BinaryEquals: { compare: stringEquals, variables: false },
  IpAddress: { compare: ipInRange, variables: false },
};

/** Negated operators and the positive operator they negate. */
const NEGATED: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
};

/** Condition operators this evaluator understands (without prefixes and the IfExists suffix). */
export const SUPPORTED_CONDITION_OPERATORS: readonly string[] = [...Object.keys(POSITIVE), ...Object.keys(NEGATED), 'Null'];

function operatorSpec(name: string): OperatorSpec | undefined {
  const positive = POSITIVE[name];
  if (positive) return { ...positive, negated: false };
  const base = NEGATED[name];
  if (base) return { ...POSITIVE[base], negated: true };
  return undefined;
}

interface ParsedOperator {
  readonly setOperator?: 'ForAnyValue' | 'ForAllValues';
  readonly name: string;
  readonly ifExists: boolean;
}

function parseOperator(raw: string): ParsedOperator {
  let rest = raw;
  let setOperator: ParsedOperator['setOperator'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon);
    if (prefix.toLowerCase() === 'foranyvalue') setOperator = 'ForAnyValue';
    else if (prefix.toLowerCase() === 'forallvalues') setOperator = 'ForAllValues';
    else throw new Error(`Unsupported condition operator '${raw}': allowed set prefixes are ForAnyValue: and ForAllValues:`);
    rest = rest.slice(colon + 1);
  }
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists';
  const name = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  return { setOperator, name, ifExists };
}

function policyValues(value: PolicyValue): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v) => v !== null && typeof v !== 'object').map(String);
}

/**
 * Evaluates one operator/key pair. `substitute` turns policy variables on (policy
 * version 2012-10-17); a value whose variable has no value in the request matches nothing.
 */
export function evaluateCondition(
  operator: string,
  key: string,
  value: PolicyValue,
  context: ContextValues,
  substitute: boolean,
): boolean {
  const parsed = parseOperator(operator);
  const wanted = policyValues(value);
  const requestValues = context.get(key);

  if (parsed.name === 'Null') {
    const absent = requestValues === undefined || requestValues.length === 0;
    return wanted.some((w) => (w.toLowerCase() === 'true' ? absent : !absent));
  }

  const spec = operatorSpec(parsed.name);
  if (!spec) {
    throw new Error(`Unsupported condition operator '${operator}'; supported: ${SUPPORTED_CONDITION_OPERATORS.join(', ')} (with IfExists and ForAnyValue:/ForAllValues:)`);
  }
  const resolved = spec.variables && substitute ? wanted.map((w) => substituteVariables(w, context)) : wanted;
  const candidates = resolved.filter((w): w is string => w !== undefined);
  /** Whether one request value satisfies the operator (positive: matches some value; negated: matches none). */
  const satisfies = (requestValue: string): boolean => {
    const matched = candidates.some((w) => spec.compare(requestValue, w));
    return spec.negated ? !matched : matched;
  };

  if (requestValues === undefined || requestValues.length === 0) {
    if (parsed.setOperator === 'ForAllValues') return true;
    if (parsed.setOperator === 'ForAnyValue') return false;
    // A missing key fails a positive operator; IfExists and negated operators are satisfied.
    return parsed.ifExists || spec.negated;
  }
  if (parsed.setOperator === 'ForAllValues') return requestValues.every(satisfies);
  if (parsed.setOperator === 'ForAnyValue') return requestValues.some(satisfies);
  // Without a set prefix a multi-valued key behaves like ForAnyValue for a positive
  // operator and requires every value to pass for a negated one.
  return spec.negated ? requestValues.every(satisfies) : requestValues.some(satisfies);
}

/** Whether every operator/key pair of a condition block holds (AND across operators and keys, OR across values). */
export function evaluateConditionBlock(block: ConditionBlock | undefined, context: ContextValues, substitute: boolean): boolean {
  if (!block) return true;
  for (const [operator, keys] of Object.entries(block)) {
    for (const [key, value] of Object.entries(keys)) {
      if (!evaluateCondition(operator, key, value, context, substitute)) return false;
    }
  }
  return true;
}
