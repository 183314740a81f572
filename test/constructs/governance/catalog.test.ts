import { Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { catalogDatabaseName, LakeCatalog } from '../../../constructs/governance/catalog';
import { LakeCatalogProps, TableFormat } from '../../../constructs/governance/catalog-props';
import { testStack } from '../../support/app';
import { resourceOf, rolePolicyStatements } from '../template-helpers';

function fixture() {
  const stack = testStack();
  const key = new kms.Key(stack, 'Key');
  const bucket = (id: string) => new s3.Bucket(stack, id, { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
  const props: LakeCatalogProps = {
    environment: 'dev-eu',
    zones: [
      { name: 'curated', bucket: bucket('Curated') },
      { name: 'analytics', bucket: bucket('Analytics') },
    ],
    tables: [
      {
        name: 'orders',
        zone: 'curated',
        format: TableFormat.ICEBERG,
        columns: [{ name: 'order_id', type: 'string' }, { name: 'amount', type: 'decimal(12,2)' }, { name: 'n', type: 'bigint' }],
        partitionKeys: ['tenant', 'region', 'date'],
        sortColumns: ['order_id'],
      },
      { name: 'daily_revenue', zone: 'analytics', format: TableFormat.PARQUET, columns: [{ name: 'revenue', type: 'decimal(14,2)' }], partitionKeys: ['tenant', 'region', 'date'] },
    ],
    regionValues: ['eu-west-1', 'eu-central-1'],
    queryResultsBucket: bucket('Results'),
    queryResultsKey: key,
    bytesScannedCutoffPerQuery: Size.gibibytes(10),
  };
  return { stack, key, props };
}

describe('LakeCatalog', () => {
  let stack: Stack;
  let template: Template;
  let catalog: LakeCatalog;
  let f: ReturnType<typeof fixture>;
  let reader: iam.Role;
  let writer: iam.Role;

  beforeAll(() => {
    f = fixture();
    stack = f.stack;
    catalog = new LakeCatalog(stack, 'Catalog', f.props);
    reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    writer = new iam.Role(stack, 'Writer', { assumedBy: new iam.AccountRootPrincipal() });
    catalog.grantRead(reader, 'analytics');
    catalog.grantReadWrite(writer, 'curated');
    catalog.grantQuery(reader);
    template = Template.fromStack(stack);
  });

  test('names databases <environment>_<zone> with underscores (the Lake Formation contract)', () => {
    expect(catalogDatabaseName('prod-eu', 'raw')).toBe('prod_eu_raw');
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'dev_eu_curated' } });
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'dev_eu_analytics' } });
    expect(catalog.databaseName('analytics')).toBe('dev_eu_analytics');
  });

  test('projects parquet partitions: tenant injected, region enum, date range to today', () => {
    const table = resourceOf(template, catalog.tables.get('analytics.daily_revenue')!).Properties as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(table.TableInput.Parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.tenant.type': 'injected',
      'projection.region.type': 'enum',
      'projection.region.values': 'eu-west-1,eu-central-1',
      'projection.date.type': 'date',
      'projection.date.format': 'yyyy-MM-dd',
      'projection.date.range': '2020-01-01,NOW',
    });
    expect(JSON.stringify(table.TableInput.Parameters['storage.location.template'])).toContain('daily_revenue/tenant=${tenant}/region=${region}/date=${date}/');
    expect(table.TableInput.PartitionKeys).toEqual([{ Name: 'tenant', Type: 'string' }, { Name: 'region', Type: 'string' }, { Name: 'date', Type: 'date' }]);
  });

  test('creates Iceberg tables with identity partitions and the compaction write order', () => {
    const table = resourceOf(template, catalog.tables.get('curated.orders')!).Properties as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const iceberg = table.OpenTableFormatInput.IcebergInput;
    expect(iceberg.MetadataOperation).toBe('CREATE');
    const fields = iceberg.IcebergTableInput.Schema.Fields;
    expect(fields.map((x: { Name: string; Type: string }) => `${x.Name}:${x.Type}`)).toEqual(['order_id:string', 'amount:decimal(12,2)', 'n:long', 'tenant:string', 'region:string', 'date:date']);
    expect(iceberg.IcebergTableInput.PartitionSpec.Fields).toEqual([
      { Name: 'tenant', SourceId: 4, Transform: 'identity' },
      { Name: 'region', SourceId: 5, Transform: 'identity' },
      { Name: 'date', SourceId: 6, Transform: 'identity' },
    ]);
    expect(iceberg.IcebergTableInput.WriteOrder.Fields).toEqual([{ SourceId: 1, Transform: 'identity', Direction: 'asc', NullOrder: 'nulls-last' }]);
  });

  test('the Athena workgroup enforces its settings, encrypts results with the CMK and caps bytes scanned', () => {
    const config = (resourceOf(template, catalog.workGroup).Properties as Record<string, any>).WorkGroupConfiguration; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(config.EnforceWorkGroupConfiguration).toBe(true);
    expect(config.BytesScannedCutoffPerQuery).toBe(10 * 1024 ** 3);
    expect(config.ResultConfiguration.EncryptionConfiguration).toEqual({ EncryptionOption: 'SSE_KMS', KmsKey: stack.resolve(f.key.keyArn) });
    expect(config.PublishCloudWatchMetricsEnabled).toBe(true);
  });

  test('grants reach only the zone\'s database and tables', () => {
    const read = JSON.stringify(rolePolicyStatements(template, reader));
    expect(read).toContain('glue:GetTable');
    expect(read).not.toContain('glue:UpdateTable');
    expect(read).toContain(stack.resolve(catalog.databases.get('analytics')!.ref).Ref);
    expect(read).not.toContain(stack.resolve(catalog.databases.get('curated')!.ref).Ref);
    expect(read).toContain('athena:StartQueryExecution');
    const write = JSON.stringify(rolePolicyStatements(template, writer));
    expect(write).toContain('glue:UpdateTable');
    expect(() => catalog.grantRead(writer, 'raw')).toThrow(/has no zone 'raw'; zones: curated, analytics/);
  });
});

describe('LakeCatalog fails if', () => {
  let shared: ReturnType<typeof fixture>;
  beforeAll(() => {
    shared = fixture();
  });
  const table = (patch: object) => ({ tables: [{ ...shared.props.tables[0], ...patch }] });
  test.each<[string, () => Partial<LakeCatalogProps>, RegExp]>([
    ['the environment is malformed', () => ({ environment: 'Dev EU' }), /environment: received 'Dev EU'/],
    ['a table name is not an identifier', () => table({ name: 'Orders' }), /tables\[0\].name: received 'Orders'/],
    ['a table is in an unknown zone', () => table({ zone: 'raw' }), /tables\[0\].zone: received 'raw'; allowed: curated, analytics/],
    ['a table is listed twice', () => ({ tables: [shared.props.tables[0], shared.props.tables[0]] }), /tables\[1\]: received curated.orders twice/],
    ['a partition key is also a column', () => table({ columns: [{ name: 'date', type: 'date' }], sortColumns: [] }), /tables\[0\].columns: received a column 'date'; allowed: partition keys are not also columns/],
    ['a sort column is unknown', () => table({ sortColumns: ['nope'] }), /tables\[0\].sortColumns\[0\]: received 'nope'/],
    ['a parquet table has a write order', () => table({ format: TableFormat.PARQUET }), /tables\[0\].sortColumns: received order_id on a parquet table/],
    ['the projection start is not a date', () => ({ projectionStartDate: '2020/01/01' }), /projectionStartDate: received '2020\/01\/01'/],
    ['the scan limit is under Athena\'s minimum', () => ({ bytesScannedCutoffPerQuery: Size.mebibytes(1) }), /bytesScannedCutoffPerQuery: received 1048576 bytes; allowed: at least 10000000 bytes/],
  ])('%s', (name, patch, expected) => {
    expect(() => new LakeCatalog(shared.stack, name, { ...shared.props, ...patch() })).toThrow(expected);
  });
});
