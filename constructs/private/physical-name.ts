import { Names, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import * as crypto from 'node:crypto';

/** Options of {@link stackScopedName}. */
export interface StackScopedNameOptions {
  /** Longest name the service accepts. */
  readonly maxLength: number;
  /** Joins the stack name and the path components. @default '-' */
  readonly separator?: string;
}

/**
 * A physical name for resources CloudFormation cannot name itself (an Athena workgroup, a
 * Glue security configuration): the stack name followed by the construct path below the
 * stack, `dev-eu-Privacy-Erasure`. Unique in an account and region (stack names are, and
 * so are paths inside a stack), readable, and deterministic across environments: unlike
 * `Names.uniqueResourceName`, whose hash covers the whole path and therefore the stage,
 * two environments' names differ only by their stack names, so a name does not change
 * (and replace the resource) when a stage is renamed apart from its stack name, and the
 * environment diff pairs the resources up.
 *
 * Characters other than letters, digits, `.`, `_` and `-` are dropped. A name longer than
 * `maxLength` keeps the stack name, truncates the path and ends with a hash of the path.
 * Falls back to `Names.uniqueResourceName` when the stack name is a token.
 */
export function stackScopedName(scope: IConstruct, options: StackScopedNameOptions): string {
  const separator = options.separator ?? '-';
  const stack = Stack.of(scope);
  if (Token.isUnresolved(stack.stackName)) return Names.uniqueResourceName(scope, { maxLength: options.maxLength, separator });
  const below = scope.node.scopes.slice(scope.node.scopes.indexOf(stack) + 1).map((c) => c.node.id);
  const clean = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '');
  const relative = below.map(clean).filter((s) => s.length > 0).join(separator);
  const name = [clean(stack.stackName), relative].filter((s) => s.length > 0).join(separator);
  if (name.length <= options.maxLength) return name;
  const hash = crypto.createHash('sha256').update(below.join('/')).digest('hex').slice(0, 8).toUpperCase();
  const room = options.maxLength - hash.length - separator.length;
  if (room < 1) throw new Error(`stackScopedName '${scope.node.path}': maxLength ${options.maxLength} leaves no room for a name; allowed: at least ${hash.length + separator.length + 1}`);
  return `${name.slice(0, room)}${separator}${hash}`;
}
