import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Key policy statement denying `kms:CreateGrant` unless the grant is for an AWS resource
 * (EBS volumes, for instance) or made by an AWS service: a grant is a second,
 * policy-invisible path to the key (AWS Control Tower CT.KMS.PR.3). Same statement as
 * the platform keys carry.
 */
export function denyGrantsNotForAwsResources(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyGrantsNotForAwsResources',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  });
}
