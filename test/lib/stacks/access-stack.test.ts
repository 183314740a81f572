import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Persona } from '../../../constructs/security/access';
import { RESIDENCY_ZONES } from '../../../lib/config/residency';
import { catalogDatabaseName } from '../../../constructs/governance';
import { platformStage } from '../../support/app';

describe('access in a production environment (prod-eu)', () => {
  const stage = platformStage('prod-eu');
  const access = Template.fromStack(stage.access);
  const trustText = (persona: Persona) => JSON.stringify(access.toJSON().Resources[stage.access.getLogicalId(stage.access.personas.roleOf(persona).node.defaultChild as never)].Properties.AssumeRolePolicyDocument);

  test('is its own stack, pinned to the environment region, after lake and audit', () => {
    expect(stage.access.region).toBe('eu-central-1');
    expect(stage.access.dependencies.map((d) => d.node.id)).toEqual(expect.arrayContaining(['Lake', 'Audit', 'Foundation']));
  });

  test('people assume personas from Identity Center permission sets; break-glass needs MFA', () => {
    expect(trustText(Persona.DATA_ANALYST)).toContain('AWSReservedSSO_DataPlatformDataAnalyst_*');
    expect(trustText(Persona.BREAK_GLASS)).toContain('aws:MultiFactorAuthPresent');
  });

  test('the boundary denies requests outside the EU zone', () => {
    access.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'prod-eu-boundary',
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Sid: 'DenyOutsideResidencyZone', Condition: { StringNotEquals: { 'aws:RequestedRegion': [...RESIDENCY_ZONES.eu.regions] } } })]),
      },
    });
  });

  test('the audit bucket exempts only the break-glass role from its deletion deny', () => {
    Template.fromStack(stage.audit).hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DenyAuditEvidenceDeletionAndLockChanges',
            Condition: { ArnNotLike: { 'aws:PrincipalArn': [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/data-platform/personas/prod-eu-break-glass']] }] } },
          }),
        ]),
      },
    });
    access.hasResourceProperties('AWS::IAM::Role', { RoleName: 'prod-eu-break-glass', Path: '/data-platform/personas/' });
  });

  test("Lake Formation tags the catalog's databases <env>_<zone> and hides the customers dataset's pii columns from analysts", () => {
    expect(catalogDatabaseName('prod-eu', 'curated')).toBe('prod_eu_curated');
    // One filter per personal-data dataset analysts could reach (orders and daily_revenue hold none).
    access.resourceCountIs('AWS::LakeFormation::DataCellsFilter', 1);
    for (const zone of ['raw', 'curated', 'analytics']) {
      access.hasResourceProperties('AWS::LakeFormation::TagAssociation', { Resource: { Database: { Name: `prod_eu_${zone}` } } });
    }
    access.hasResourceProperties('AWS::LakeFormation::DataCellsFilter', {
      DatabaseName: 'prod_eu_curated',
      TableName: 'customers',
      Name: 'customers_without_pii',
      ColumnWildcard: { ExcludedColumnNames: ['email', 'full_name'] },
    });
  });

  test('analysts get table access by tag only on the analytics zone', () => {
    const analystArn = { 'Fn::GetAtt': [stage.access.getLogicalId(stage.access.personas.roleOf(Persona.DATA_ANALYST).node.defaultChild as never), 'Arn'] };
    const grants = access.findResources('AWS::LakeFormation::PrincipalPermissions', { Properties: { Principal: { DataLakePrincipalIdentifier: analystArn } } });
    const selects = Object.values(grants).filter((g) => g.Properties.Permissions.includes('SELECT'));
    expect(selects.map((g) => g.Properties.Resource.LFTagPolicy?.Expression ?? 'filter')).toEqual([
      [
        { TagKey: 'data-classification', TagValues: ['internal'] },
        { TagKey: 'data-zone', TagValues: ['analytics'] },
      ],
      'filter',
    ]);
  });
});

test('dev-eu: people assume personas as MFA-signed-in principals of the account', () => {
  const stage = platformStage('dev-eu');
  const role = Template.fromStack(stage.access).toJSON().Resources[stage.access.getLogicalId(stage.access.personas.roleOf(Persona.DATA_ENGINEER).node.defaultChild as never)];
  expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({
    Bool: { 'aws:MultiFactorAuthPresent': 'true' },
    NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
  });
});

describe('residency in a platform stage', () => {
  test('every environment writes its organization policy into its assembly', () => {
    const stage = platformStage('prod-us');
    const assembly = stage.synth();
    const scp = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'residency-scp.json'), 'utf8'));
    expect(scp.Statement[0].Condition).toEqual({ StringNotEquals: { 'aws:RequestedRegion': [...RESIDENCY_ZONES.us.regions] } });
  });

  test('the guard fails the synth of an environment that grows a multi-Region key', () => {
    const stage = platformStage('dev-eu');
    new kms.Key(stage.foundation as Stack, 'Stray', { multiRegion: true });
    expect(() => stage.synth()).toThrow('dev-eu/Foundation/Stray/Resource: MultiRegion is true');
  });
});
