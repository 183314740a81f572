import { Template } from 'aws-cdk-lib/assertions';
import { PlatformStage } from '../../../lib/platform-stage';
import { platformStage } from '../../support/app';
import { allRolePolicyStatements } from '../../constructs/template-helpers';

/** The processing stack as the stage builds it for prod-eu (custom task scaling) and dev-eu (managed scaling). */
describe('ProcessingStack (prod-eu)', () => {
  let stage: PlatformStage;
  let template: Template;

  beforeAll(() => {
    stage = platformStage('prod-eu');
    template = Template.fromStack(stage.processing);
  });

  const lakeExport = (zone: string) => `prod-eu-Lake:ExportsOutputFnGetAttDataLake${zone}`;
  const reach = (role: Parameters<typeof allRolePolicyStatements>[1]) => JSON.stringify(allRolePolicyStatements(template, role));

  test('the cluster reads raw and writes curated and analytics, nothing else', () => {
    const policy = reach(stage.processing.cluster.instanceRole);
    for (const zone of ['Raw', 'Curated', 'Analytics']) expect(policy).toContain(lakeExport(zone));
    const statements = allRolePolicyStatements(template, stage.processing.cluster.instanceRole);
    const rawWrite = statements.filter((s) => JSON.stringify(s.Resource).includes(lakeExport('Raw')) && JSON.stringify(s.Action).includes('s3:PutObject'));
    expect(rawWrite).toEqual([]);
  });

  test('compaction jobs and quality checks reach only the zones of their datasets', () => {
    const serverless = reach(stage.processing.serverless.jobRole);
    expect(serverless).toContain(lakeExport('Curated'));
    expect(serverless).not.toContain(lakeExport('Raw'));
    expect(serverless).not.toContain(lakeExport('Analytics'));
    const quality = reach(stage.processing.quality!.evaluationRole);
    expect(quality).toContain(lakeExport('Curated'));
    expect(quality).toContain(lakeExport('Analytics'));
    expect(quality).not.toContain(lakeExport('Raw'));
    expect(quality).not.toContain('s3:PutObject", "Resource": [{"Fn::ImportValue"');
  });

  test('no role keeps an inline policy: every role\'s permissions sit in a customer-managed policy (IAMNoInlinePolicy)', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const roles = Object.values(template.findResources('AWS::IAM::Role'));
    expect(roles.length).toBeGreaterThanOrEqual(7);
  });

  test('processing keys deny grants that are not for AWS resources (CT.KMS.PR.3)', () => {
    const keys = Object.values(template.findResources('AWS::KMS::Key'));
    expect(keys.length).toBe(3);
    for (const key of keys) {
      const deny = (key.Properties.KeyPolicy.Statement as { Sid?: string; Effect: string; Action: unknown; Condition?: unknown }[]).find(
        (st) => st.Sid === 'DenyGrantsNotForAwsResources',
      );
      expect(deny).toMatchObject({ Effect: 'Deny', Action: 'kms:CreateGrant', Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } } });
    }
  });

  test('one catalog database per zone and one table per dataset', () => {
    template.resourceCountIs('AWS::Glue::Database', 3);
    template.resourceCountIs('AWS::Glue::Table', 3);
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'prod_eu_curated' } });
  });

  test('compaction is scheduled for the iceberg datasets and quality for every dataset with rules', () => {
    expect(stage.processing.compaction!.schedules).toHaveLength(2);
    expect(stage.processing.quality!.schedules).toHaveLength(3);
    template.resourceCountIs('AWS::Glue::DataQualityRuleset', 3);
    template.hasResourceProperties('AWS::Glue::DataQualityRuleset', {
      Name: 'prod-eu-curated-orders',
      Ruleset: 'Rules = [\n    Completeness "order_id" = 1.0,\n    Completeness "customer_id" = 1.0,\n    (ColumnValues "amount" >= 0) and (ColumnValues "amount" <= 1000000),\n    ReferentialIntegrity "customer_id" "customers.customer_id" >= 0.99,\n    DataFreshness "updated_at" <= 1 hours\n]',
    });
  });

  test('production scales Spot task nodes with custom rules; the Athena limit comes from the profile', () => {
    expect(stage.processing.cluster.autoScalingRole).toBeDefined();
    template.hasResourceProperties('AWS::Athena::WorkGroup', { WorkGroupConfiguration: { BytesScannedCutoffPerQuery: 1024 * 1024 ** 3 } });
  });
});

test('dev-eu uses managed scaling, no custom scaling role', () => {
  const stage = platformStage('dev-eu');
  expect(stage.processing.cluster.autoScalingRole).toBeUndefined();
  Template.fromStack(stage.processing).hasResourceProperties('AWS::EMR::Cluster', {
    ManagedScalingPolicy: { ComputeLimits: { UnitType: 'Instances', MinimumCapacityUnits: 2, MaximumCapacityUnits: 6, MaximumCoreCapacityUnits: 2 } },
  });
});
