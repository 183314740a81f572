/**
 * IAM policy documents as they appear in (resolved) CloudFormation templates, and
 * where each one comes from, so that a decision can name the statement that made it.
 */

/** A JSON value as found in a policy document. */
export type PolicyValue = string | number | boolean | null | PolicyValue[] | { [key: string]: PolicyValue };

/** `Principal` / `NotPrincipal`: `"*"` or a map of principal type to one or many identifiers. */
export type PrincipalElement = '*' | { readonly [type: string]: string | readonly string[] };

/** A condition block: operator -> condition key -> one or many values. */
export type ConditionBlock = { readonly [operator: string]: { readonly [key: string]: PolicyValue } };

/** One statement of a policy document. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Principal?: PrincipalElement;
  readonly NotPrincipal?: PrincipalElement;
  readonly Condition?: ConditionBlock;
}

/** A policy document. `Version` decides whether policy variables are substituted (2012-10-17 only). */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}

/** The kinds of policy AWS evaluates for a request. */
export type PolicyKind = 'identity' | 'boundary' | 'resource' | 'scp';

/** Where a policy comes from: enough for a reviewer to find it in the templates. */
export interface PolicySource {
  /** What role the policy plays in the evaluation. */
  readonly kind: PolicyKind;
  /** Human-readable name, e.g. `Lake/DataLakeRawPolicyAC49BDC4 (bucket policy)` or `inline policy 'Read' of role X`. */
  readonly name: string;
  /** Stack (artifact id or display name) holding the policy, when it comes from a template. */
  readonly stack?: string;
  /** CloudFormation logical id of the resource holding the policy, when it comes from a template. */
  readonly logicalId?: string;
  /** Construct path (`aws:cdk:path` metadata), when known. */
  readonly path?: string;
}

/** A policy document with its origin. */
export interface SourcedPolicy {
  readonly source: PolicySource;
  readonly document: PolicyDocument;
}

/** The statements of a document as a list (a single statement object is allowed by IAM). */
export function statementsOf(document: PolicyDocument): readonly PolicyStatement[] {
  const s = document.Statement;
  return Array.isArray(s) ? s : [s as PolicyStatement];
}

/** A string or list of strings as a list. */
export function asList(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}
