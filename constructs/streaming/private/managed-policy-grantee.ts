import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * A role whose grants land in one customer-managed policy instead of the role's
 * inline default policy (NIST 800-53, HIPAA and PCI packs refuse inline policies).
 * Pass it wherever an `IGrantable` is expected.
 */
export class ManagedPolicyGrantee implements iam.IGrantable {
  public readonly grantPrincipal: iam.IPrincipal;

  constructor(
    public readonly role: iam.Role,
    public readonly policy: iam.ManagedPolicy,
  ) {
    policy.attachToRole(role);
    const principal: iam.IPrincipal = {
      get assumeRoleAction() {
        return role.assumeRoleAction;
      },
      get policyFragment() {
        return role.policyFragment;
      },
      get principalAccount() {
        return role.principalAccount;
      },
      get grantPrincipal() {
        return principal;
      },
      addToPrincipalPolicy: (statement) => {
        policy.addStatements(statement);
        return { statementAdded: true, policyDependable: policy };
      },
    };
    this.grantPrincipal = principal;
  }
}
