import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';

/**
 * Moves a role's inline default policy (what `grant*()` and L2s write into) into a
 * customer-managed policy attached to the role: NIST 800-53 (AC-6), HIPAA and PCI
 * packs flag inline policies because they cannot be reviewed, versioned or reused on
 * their own. The managed policy shares the inline policy's document, so statements
 * granted later still land in it; resources that need the permissions at creation
 * should depend on the returned policy (as they did on the role).
 *
 * Returns undefined when the role has no inline default policy.
 */
export function moveDefaultPolicyToManaged(
  role: iam.Role,
  scope: Construct,
  id: string,
  description: string,
  attach: PolicyAttachment = PolicyAttachment.FROM_ROLE,
): iam.ManagedPolicy | undefined {
  const inline = role.node.tryFindChild('DefaultPolicy');
  if (!(inline instanceof iam.Policy)) return undefined;
  const managed = new iam.ManagedPolicy(scope, id, {
    description,
    document: inline.document,
    roles: attach === PolicyAttachment.FROM_POLICY ? [role] : undefined,
  });
  role.node.tryRemoveChild('DefaultPolicy');
  if (attach === PolicyAttachment.FROM_ROLE) role.addManagedPolicy(managed);
  return managed;
}

/** Which side of the attachment names the other (the other way round can close a reference cycle). */
export enum PolicyAttachment {
  /** The role lists the policy in ManagedPolicyArns: use when the policy's resources depend on the role's users. */
  FROM_ROLE = 'role',
  /** The policy lists the role in Roles: use when a resource the policy names also references the role (S3 replication). */
  FROM_POLICY = 'policy',
}

/** Adds a dependency of `dependent` on the policy, if there is one. */
export function dependOn(dependent: IConstruct, policy: iam.ManagedPolicy | undefined): void {
  if (policy) dependent.node.addDependency(policy);
}
