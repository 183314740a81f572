import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { LakeFormationAccess, LakeFormationAccessProps } from '../../../../constructs/security/access';
import { logicalIdOf, rolePolicyStatements } from '../../template-helpers';
import { accessFixture } from './fixture';

describe('LakeFormationAccess', () => {
  let template: Template;
  let lf: LakeFormationAccess;
  let analyst: iam.Role;
  let engineer: iam.Role;

  beforeAll(() => {
    const { stack, lake } = accessFixture();
    analyst = new iam.Role(stack, 'Analyst', { assumedBy: new iam.AccountRootPrincipal() });
    engineer = new iam.Role(stack, 'Engineer', { assumedBy: new iam.AccountRootPrincipal() });
    lf = new LakeFormationAccess(stack, 'LF', {
      locations: lake.zoneBuckets,
      zones: ['raw', 'curated', 'analytics'],
      databases: [
        { name: 'env_raw', classification: 'restricted', zone: 'raw' },
        { name: 'env_analytics', classification: 'internal', zone: 'analytics' },
      ],
      grants: [
        { principal: engineer, classifications: ['internal', 'confidential', 'restricted'], tablePermissions: ['SELECT', 'INSERT'], databasePermissions: ['DESCRIBE', 'CREATE_TABLE'] },
        { principal: analyst, classifications: ['internal'], zones: ['analytics'], tablePermissions: ['SELECT', 'DESCRIBE'] },
      ],
      columnFilters: [{ name: 'customers_without_pii', database: 'env_curated', table: 'customers', excludedColumns: ['email', 'phone'], grantees: [analyst] }],
    });
    template = Template.fromStack(stack);
  });

  test('registers every zone bucket with a role of its own, not the service-linked role', () => {
    template.resourceCountIs('AWS::LakeFormation::Resource', 3);
    template.hasResourceProperties('AWS::LakeFormation::Resource', {
      UseServiceLinkedRole: false,
      RoleArn: { 'Fn::GetAtt': [logicalIdOf(lf.locationRole), 'Arn'] },
      ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LakeRaw'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'lakeformation.amazonaws.com' } })] },
      Path: '/data-platform/',
    });
  });

  test("the location role's access is a managed policy of the buckets' grants, never inline", () => {
    expect(rolePolicyStatements(template, lf.locationRole)).toEqual([]);
    const policies = template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: logicalIdOf(lf.locationRole) }] } });
    const text = JSON.stringify(policies);
    for (const zone of ['LakeRaw', 'LakeCurated', 'LakeAnalytics']) expect(text).toContain(zone);
  });

  test('creates an LF-tag per classification and one per zone', () => {
    template.hasResourceProperties('AWS::LakeFormation::Tag', { TagKey: 'data-classification', TagValues: ['internal', 'confidential', 'restricted'], CatalogId: '111111111111' });
    template.hasResourceProperties('AWS::LakeFormation::Tag', { TagKey: 'data-zone', TagValues: ['raw', 'curated', 'analytics'] });
  });

  test('tags each database with its classification and zone', () => {
    template.hasResourceProperties('AWS::LakeFormation::TagAssociation', {
      Resource: { Database: { CatalogId: '111111111111', Name: 'env_raw' } },
      LFTags: [
        { CatalogId: '111111111111', TagKey: 'data-classification', TagValues: ['restricted'] },
        { CatalogId: '111111111111', TagKey: 'data-zone', TagValues: ['raw'] },
      ],
    });
  });

  test('grants by tag expression, classification ANDed with zone', () => {
    template.hasResourceProperties('AWS::LakeFormation::PrincipalPermissions', {
      Principal: { DataLakePrincipalIdentifier: { 'Fn::GetAtt': [logicalIdOf(analyst), 'Arn'] } },
      Resource: {
        LFTagPolicy: {
          CatalogId: '111111111111',
          ResourceType: 'TABLE',
          Expression: [
            { TagKey: 'data-classification', TagValues: ['internal'] },
            { TagKey: 'data-zone', TagValues: ['analytics'] },
          ],
        },
      },
      Permissions: ['SELECT', 'DESCRIBE'],
      PermissionsWithGrantOption: [],
    });
    template.hasResourceProperties('AWS::LakeFormation::PrincipalPermissions', {
      Principal: { DataLakePrincipalIdentifier: { 'Fn::GetAtt': [logicalIdOf(engineer), 'Arn'] } },
      Resource: { LFTagPolicy: { ResourceType: 'DATABASE', Expression: [{ TagKey: 'data-classification', TagValues: ['internal', 'confidential', 'restricted'] }] } },
      Permissions: ['DESCRIBE', 'CREATE_TABLE'],
    });
  });

  test('hides PII columns from analysts with a data cells filter and grants SELECT only through it', () => {
    template.hasResourceProperties('AWS::LakeFormation::DataCellsFilter', {
      DatabaseName: 'env_curated',
      TableName: 'customers',
      Name: 'customers_without_pii',
      RowFilter: { AllRowsWildcard: {} },
      ColumnWildcard: { ExcludedColumnNames: ['email', 'phone'] },
    });
    template.hasResourceProperties('AWS::LakeFormation::PrincipalPermissions', {
      Principal: { DataLakePrincipalIdentifier: { 'Fn::GetAtt': [logicalIdOf(analyst), 'Arn'] } },
      Resource: { DataCellsFilter: { TableCatalogId: '111111111111', DatabaseName: 'env_curated', TableName: 'customers', Name: 'customers_without_pii' } },
      Permissions: ['SELECT'],
    });
  });

  test('grants and associations wait for the tags; filter grants wait for the filter', () => {
    const resources = template.toJSON().Resources as Record<string, { Type: string; DependsOn?: string[]; Properties: Record<string, unknown> }>;
    const tagIds = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::LakeFormation::Tag').map(([id]) => id);
    for (const r of Object.values(resources).filter((r) => r.Type === 'AWS::LakeFormation::TagAssociation' || JSON.stringify(r.Properties).includes('LFTagPolicy'))) {
      expect(r.DependsOn).toEqual(expect.arrayContaining(tagIds));
    }
    const filterId = Object.entries(resources).find(([, r]) => r.Type === 'AWS::LakeFormation::DataCellsFilter')![0];
    const filterGrant = Object.values(resources).find((r) => JSON.stringify(r.Properties).includes('"DataCellsFilter"'))!;
    expect(filterGrant.DependsOn).toContain(filterId);
  });
});

describe('LakeFormationAccess fails if', () => {
  const build = (props: Partial<LakeFormationAccessProps>) => () => {
    const { stack, lake } = accessFixture();
    return new LakeFormationAccess(stack, 'LF', { locations: lake.zoneBuckets, zones: ['raw', 'analytics'], ...props });
  };
  // Grants are validated before any principal is used: a role from another stack is enough.
  const role = () => new iam.Role(accessFixture().stack, 'X', { assumedBy: new iam.AccountRootPrincipal() });
  test.each<[string, Partial<LakeFormationAccessProps>, string]>([
    ['no location is given', { locations: [] }, 'locations: received none; allowed: at least one bucket'],
    ['no classification is given', { classifications: [] }, 'classifications: received none; allowed: at least one classification'],
    ['a database name is not a Glue name', { databases: [{ name: 'Dev-EU', classification: 'internal' }] }, "databases[0].name: received 'Dev-EU'; allowed: lowercase letters, digits and underscores"],
    ['a database classification is not a tag value', { classifications: ['internal'], databases: [{ name: 'x', classification: 'restricted' }] }, "databases[0].classification: received 'restricted'; allowed: internal"],
    ['a database zone is not a zone', { databases: [{ name: 'x', classification: 'internal', zone: 'gold' }] }, "databases[0].zone: received 'gold'; allowed: raw, analytics"],
    ['a grant covers no classification', { grants: [{ principal: role(), classifications: [], tablePermissions: ['SELECT'] }] }, 'grants[0].classifications: received none'],
    ['a grant names an unknown zone', { grants: [{ principal: role(), classifications: ['internal'], zones: ['gold'], tablePermissions: ['SELECT'] }] }, "grants[0].zones[0]: received 'gold'; allowed: raw, analytics"],
    ['a grant has an empty zone list', { grants: [{ principal: role(), classifications: ['internal'], zones: [], tablePermissions: ['SELECT'] }] }, 'grants[0].zones: received none; allowed: omit for every zone'],
    ['a grant has no permission', { grants: [{ principal: role(), classifications: ['internal'], tablePermissions: [] }] }, 'grants[0].tablePermissions: received none'],
    ['a column filter hides nothing', { columnFilters: [{ name: 'f', database: 'd', table: 't', excludedColumns: [], grantees: [] }] }, 'columnFilters[0].excludedColumns: received none; allowed: at least one column to hide'],
    ['a column name is malformed', { columnFilters: [{ name: 'f', database: 'd', table: 't', excludedColumns: ['e-mail'], grantees: [] }] }, "columnFilters[0].excludedColumns[0]: received 'e-mail'"],
    [
      'a column filter is declared twice',
      { columnFilters: [1, 2].map(() => ({ name: 'f', database: 'd', table: 't', excludedColumns: ['email'], grantees: [] })) },
      "columnFilters[1]: filter 'f' on d.t received twice; allowed: unique names per table",
    ],
  ])('%s', (_name, props, message) => {
    expect(build(props)).toThrow(message);
  });
});
