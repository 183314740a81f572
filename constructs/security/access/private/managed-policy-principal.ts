import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * A grantee that routes the statements of `grant*()` calls into a customer-managed
 * policy attached to a role, instead of the role's inline default policy. Managed
 * policies can be reviewed, versioned and reused, and the compliance packs forbid
 * inline policies (IAMNoInlinePolicy). The policy is created on the first grant, so
 * a role without grants carries no empty policy.
 */
export class ManagedPolicyPrincipal implements iam.IPrincipal {
  public readonly grantPrincipal: iam.IPrincipal = this;
  public readonly assumeRoleAction: string;
  public readonly principalAccount: string | undefined;
  private policy?: iam.ManagedPolicy;

  constructor(
    private readonly scope: Construct,
    private readonly role: iam.Role,
    private readonly policyProps: Omit<iam.ManagedPolicyProps, 'statements' | 'roles'>,
  ) {
    this.assumeRoleAction = role.assumeRoleAction;
    this.principalAccount = role.principalAccount;
  }

  public get policyFragment(): iam.PrincipalPolicyFragment {
    return this.role.policyFragment;
  }

  /** The managed policy holding the grants, once a grant was made. */
  public get managedPolicy(): iam.ManagedPolicy | undefined {
    return this.policy;
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    if (!this.policy) {
      this.policy = new iam.ManagedPolicy(this.scope, 'Policy', { ...this.policyProps, roles: [this.role] });
    }
    this.policy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.policy };
  }

  public addToPolicy(statement: iam.PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }
}
