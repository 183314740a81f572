import { CfnResource, Stack, TagManager } from 'aws-cdk-lib';
import { isRecord } from './values';

/** Resolves a property (tokens included) to plain JSON in the resource's stack. */
export function resolve(node: CfnResource, value: unknown): unknown {
  return Stack.of(node).resolve(value);
}

/** The CloudFormation resources of `node`'s stack (not those of nested stacks). */
export function resourcesInStack(node: CfnResource): CfnResource[] {
  const stack = Stack.of(node);
  return stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
}

/**
 * Whether `value` (a property of a resource in the same stack) designates `target`:
 * a `Ref` to its logical id, or `literalName` when that is a plain string.
 */
export function refersTo(target: CfnResource, value: unknown, literalName?: unknown): boolean {
  const resolved = resolve(target, value);
  if (typeof literalName === 'string' && literalName !== '' && resolved === literalName) return true;
  return isRecord(resolved) && Object.keys(resolved).length === 1 && resolved.Ref === resolve(target, target.logicalId);
}

/**
 * The tags of a resource as CloudFormation will receive them, or `undefined` if it
 * cannot carry tags. Tags added with `Tags.of(...)` are applied by an aspect during
 * synthesis, so they appear only once the app has been synthesized.
 */
export function tagsOf(node: CfnResource): Record<string, string> | undefined {
  return TagManager.of(node)?.tagValues();
}
