import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CleanRoomsSharing, CleanRoomsSharingProps } from '../../../../constructs/security/privacy';
import { testStack } from '../../../support/app';
import { actionsOf, rolePolicyStatements } from '../../template-helpers';

const MEMBERSHIP = '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

function build(overrides: Partial<CleanRoomsSharingProps> = {}) {
  const stack = testStack();
  const bucket = new s3.Bucket(stack, 'Curated');
  const sharing = new CleanRoomsSharing(stack, 'Sharing', {
    tables: [{ database: 'prod_eu_curated', table: 'orders', allowedColumns: ['customer_id', 'status', 'amount'], userIdentifierColumn: 'customer_id', bucket }],
    ...overrides,
  });
  return { stack, sharing, template: Template.fromStack(stack) };
}

describe('CleanRoomsSharing', () => {
  test('configures the Glue table with a custom analysis rule under differential privacy', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::CleanRooms::ConfiguredTable', {
      Name: 'prod_eu_curated_orders',
      AnalysisMethod: 'DIRECT_QUERY',
      AllowedColumns: ['customer_id', 'status', 'amount'],
      TableReference: { Glue: { DatabaseName: 'prod_eu_curated', TableName: 'orders' } },
      AnalysisRules: [
        { Type: 'CUSTOM', Policy: { V1: { Custom: { AllowedAnalyses: ['ANY_QUERY'], DifferentialPrivacy: { Columns: [{ Name: 'customer_id' }] } } } } },
      ],
    });
  });

  test('without a membership, configures tables only', () => {
    const { template } = build();
    template.resourceCountIs('AWS::CleanRooms::ConfiguredTableAssociation', 0);
    template.resourceCountIs('AWS::CleanRooms::PrivacyBudgetTemplate', 0);
    template.resourceCountIs('AWS::IAM::Role', 0);
  });

  test('with a membership, associates each table through a read-only role and sets the privacy budget', () => {
    const { template, sharing } = build({ membershipId: MEMBERSHIP, budget: { epsilon: 2, usersNoisePerQuery: 50 } });
    template.hasResourceProperties('AWS::CleanRooms::PrivacyBudgetTemplate', {
      MembershipIdentifier: MEMBERSHIP,
      PrivacyBudgetType: 'DIFFERENTIAL_PRIVACY',
      AutoRefresh: 'CALENDAR_MONTH',
      Parameters: { Epsilon: 2, UsersNoisePerQuery: 50 },
    });
    template.hasResourceProperties('AWS::CleanRooms::ConfiguredTableAssociation', { MembershipIdentifier: MEMBERSHIP });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'cleanrooms.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } }, Action: 'sts:AssumeRole', Effect: 'Allow' }] },
    });
    const actions = rolePolicyStatements(template, sharing.role!).flatMap(actionsOf);
    expect(actions.filter((a) => /Put|Delete|Update|Create/.test(a))).toEqual([]);
  });
});

describe('CleanRoomsSharing fails if', () => {
  const bucket = () => new s3.Bucket(testStack(), 'B');
  test.each<[string, () => Partial<CleanRoomsSharingProps>, RegExp]>([
    ['no table is given', () => ({ tables: [] }), /tables: received none; allowed: at least one table/],
    ['the user identifier is not shared', () => ({ tables: [{ database: 'd', table: 't', allowedColumns: ['a'], userIdentifierColumn: 'b', bucket: bucket() }] }), /tables\[0\].userIdentifierColumn: received 'b'; allowed: one of the allowed columns \(a\)/],
    ['epsilon is out of range', () => ({ budget: { epsilon: 0, usersNoisePerQuery: 30 } }), /budget.epsilon: received 0; allowed: a whole number from 1 to 20/],
    ['the noise is out of range', () => ({ budget: { epsilon: 3, usersNoisePerQuery: 500 } }), /budget.usersNoisePerQuery: received 500; allowed: a whole number from 10 to 100/],
    ['the membership id is not a UUID', () => ({ membershipId: 'abc' }), /membershipId: received 'abc'; allowed: a membership id/],
  ])('%s', (_name, overrides, expected) => {
    expect(() => build(overrides())).toThrow(expected);
  });
});
