import { Template } from 'aws-cdk-lib/assertions';
import { PlatformStage } from '../../../lib/platform-stage';
import { platformStage } from '../../support/app';

type Resource = { Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The Access and Privacy stacks name the catalog's Glue databases and tables (Lake Formation,
 * Clean Rooms, erasure): the names must be the ones the Processing stack creates, and both
 * stacks deploy after it.
 */
describe.each(['dev-eu', 'prod-eu', 'prod-us'])('catalog wiring (%s)', (name) => {
  let stage: PlatformStage;
  let databases: Set<string>;
  let tables: Set<string>;

  beforeAll(() => {
    stage = platformStage(name);
    const processing = Template.fromStack(stage.processing);
    databases = new Set(Object.values(processing.findResources('AWS::Glue::Database') as Record<string, Resource>).map((d) => d.Properties.DatabaseInput.Name));
    tables = new Set(
      Object.values(processing.findResources('AWS::Glue::Table') as Record<string, Resource>).map((t) => {
        const db = t.Properties.DatabaseName;
        const dbName = typeof db === 'string' ? db : processing.toJSON().Resources[db.Ref].Properties.DatabaseInput.Name;
        return `${dbName}.${t.Properties.TableInput.Name}`;
      }),
    );
  });

  test('the catalog has databases and tables to check against', () => {
    expect(databases.size).toBe(3);
    expect(tables.size).toBeGreaterThan(0);
  });

  test('every Lake Formation tag association and data cells filter names a database and table of the catalog', () => {
    const access = Template.fromStack(stage.access);
    const associations = Object.values(access.findResources('AWS::LakeFormation::TagAssociation') as Record<string, Resource>);
    for (const a of associations) expect(databases).toContain(a.Properties.Resource.Database.Name);
    const filters = Object.values(access.findResources('AWS::LakeFormation::DataCellsFilter') as Record<string, Resource>);
    for (const f of filters) expect(tables).toContain(`${f.Properties.DatabaseName}.${f.Properties.TableName}`);
    if (name !== 'dev-eu') expect(associations.length + filters.length).toBeGreaterThan(0);
  });

  test('every Clean Rooms configured table references a Glue table of the catalog', () => {
    const privacy = Template.fromStack(stage.privacy);
    const configured = Object.values(privacy.findResources('AWS::CleanRooms::ConfiguredTable') as Record<string, Resource>);
    if (name === 'prod-us') expect(configured.length).toBeGreaterThan(0);
    for (const t of configured) {
      const glue = t.Properties.TableReference.Glue;
      expect(tables).toContain(`${glue.DatabaseName}.${glue.TableName}`);
    }
  });

  test('Access and Privacy deploy after Processing', () => {
    expect(stage.access.dependencies).toContain(stage.processing);
    expect(stage.privacy.dependencies).toContain(stage.processing);
  });
});
