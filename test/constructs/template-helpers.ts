import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';

/** A policy statement as it appears in a synthesized template. */
export interface TemplateStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Principal?: unknown;
  readonly Resource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** Logical id of an L2's CloudFormation resource (its default child), or of an L1. */
export function logicalIdOf(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(element);
}

/** The template JSON of one resource (Type, Properties, DeletionPolicy, ...). */
export function resourceOf(template: Template, construct: IConstruct): Record<string, unknown> & { Properties: Record<string, unknown> } {
  const resource = template.toJSON().Resources[logicalIdOf(construct)];
  if (!resource) throw new Error(`no resource ${logicalIdOf(construct)} in template`);
  return resource;
}

/** Actions of a statement, always as a list. */
export function actionsOf(statement: TemplateStatement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

/** Statements of a KMS key's policy. */
export function keyPolicyStatements(template: Template, key: IConstruct): TemplateStatement[] {
  const policy = resourceOf(template, key).Properties.KeyPolicy as { Statement: TemplateStatement[] };
  return policy.Statement;
}

/** Statements of every AWS::IAM::Policy (inline policy) attached to a role. */
export function rolePolicyStatements(template: Template, role: IConstruct): TemplateStatement[] {
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: logicalIdOf(role) }] } });
  return Object.values(policies).flatMap((p) => (p.Properties.PolicyDocument as { Statement: TemplateStatement[] }).Statement);
}

/**
 * Statements of every policy of a role, inline or customer-managed: AWS::IAM::Policy and
 * AWS::IAM::ManagedPolicy naming it in Roles, and managed policies it lists in ManagedPolicyArns.
 */
export function allRolePolicyStatements(template: Template, role: IConstruct): TemplateStatement[] {
  const roleId = logicalIdOf(role);
  const ref = { Roles: [{ Ref: roleId }] };
  const attachedFromPolicy = [
    ...Object.values(template.findResources('AWS::IAM::Policy', { Properties: ref })),
    ...Object.values(template.findResources('AWS::IAM::ManagedPolicy', { Properties: ref })),
  ];
  const roleResource = template.toJSON().Resources[roleId] as { Properties?: { ManagedPolicyArns?: unknown[] } } | undefined;
  const listedByRole = (roleResource?.Properties?.ManagedPolicyArns ?? [])
    .map((arn) => (arn as { Ref?: string }).Ref)
    .filter((id): id is string => id !== undefined)
    .map((id) => template.toJSON().Resources[id] as { Type: string; Properties: Record<string, unknown> } | undefined)
    .filter((r) => r?.Type === 'AWS::IAM::ManagedPolicy');
  return [...attachedFromPolicy, ...listedByRole].flatMap((p) => (p!.Properties.PolicyDocument as { Statement: TemplateStatement[] }).Statement);
}
