import { Aws, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CatalogPartitionKey, CatalogTableProps, LakeCatalogProps, TableFormat } from './catalog-props';

/**
 * Glue database name of a lake zone: `<environment>_<zone>`, hyphens turned into
 * underscores (Glue and Athena identifiers). This is a contract: Lake Formation
 * permissions, Athena queries and jobs name databases this way.
 */
export function catalogDatabaseName(environment: string, zone: string): string {
  return `${environment}_${zone}`.replace(/-/g, '_');
}

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PARTITION_TYPES: Record<CatalogPartitionKey, string> = { tenant: 'string', region: 'string', date: 'date' };
/** Minimum per-query scan limit Athena accepts (10 MB). */
const MIN_CUTOFF_BYTES = 10_000_000;

const READ_ACTIONS = ['glue:GetDatabase', 'glue:GetDatabases', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions', 'glue:BatchGetPartition'];
const WRITE_ACTIONS = [
  'glue:UpdateTable',
  'glue:CreatePartition',
  'glue:BatchCreatePartition',
  'glue:UpdatePartition',
  'glue:DeletePartition',
  'glue:BatchDeletePartition',
];

/** Glue type -> Iceberg type. */
function icebergType(glueType: string): string {
  const map: Record<string, string> = { tinyint: 'int', smallint: 'int', bigint: 'long' };
  return map[glueType] ?? glueType;
}

/**
 * The lake's catalog: a Glue database per zone, a table per dataset, and an Athena
 * workgroup whose settings clients cannot override.
 *
 * - Parquet tables use partition projection on tenant (injected: every query must
 *   name its tenant), region (enum, or injected) and date (a daily range up to
 *   today), so Athena prunes partitions without a crawler or MSCK REPAIR.
 * - Iceberg tables are created with their partition spec (identity on the same
 *   keys) and write order; Athena prunes them through Iceberg metadata.
 * - The workgroup enforces its configuration, encrypts results with a CMK
 *   (SSE_KMS), publishes metrics and cancels queries that scan too much.
 */
export class LakeCatalog extends Construct {
  public readonly databases: ReadonlyMap<string, glue.CfnDatabase>;
  public readonly tables: ReadonlyMap<string, glue.CfnTable>;
  public readonly workGroup: athena.CfnWorkGroup;
  private readonly props: LakeCatalogProps;

  constructor(scope: Construct, id: string, props: LakeCatalogProps) {
    super(scope, id);
    this.props = props;
    const problems = validate(props);
    if (problems.length > 0) throw new Error(`Invalid LakeCatalog '${this.node.path}':\n  - ${problems.join('\n  - ')}`);
    const stack = Stack.of(this);

    const databases = new Map<string, glue.CfnDatabase>();
    const buckets = new Map<string, s3.IBucket>();
    for (const zone of props.zones) {
      const name = catalogDatabaseName(props.environment, zone.name);
      buckets.set(zone.name, zone.bucket);
      databases.set(
        zone.name,
        new glue.CfnDatabase(this, `Database-${zone.name}`, {
          catalogId: stack.account,
          databaseInput: { name, description: `Lake zone ${zone.name} of ${props.environment}`, locationUri: zone.bucket.s3UrlForObject() },
        }),
      );
    }
    this.databases = databases;

    const tables = new Map<string, glue.CfnTable>();
    for (const t of props.tables) {
      const database = databases.get(t.zone)!;
      const location = buckets.get(t.zone)!.s3UrlForObject(`${t.name}/`);
      const table = new glue.CfnTable(this, `Table-${t.zone}-${t.name}`, {
        catalogId: stack.account,
        databaseName: database.ref,
        ...(t.format === TableFormat.ICEBERG ? this.icebergTable(t, location) : { tableInput: this.parquetTable(t, location) }),
      });
      tables.set(`${t.zone}.${t.name}`, table);
    }
    this.tables = tables;

    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: `${props.environment}-lake`,
      description: `Queries over the ${props.environment} lake: enforced settings, CMK-encrypted results, per-query scan limit`,
      state: 'ENABLED',
      recursiveDeleteOption: false,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        requesterPaysEnabled: false,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery.toBytes(),
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: props.queryResultsBucket.s3UrlForObject('athena/'),
          expectedBucketOwner: stack.account,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: props.queryResultsKey.keyArn },
        },
      },
    });
  }

  /** Glue database name of a zone. */
  public databaseName(zone: string): string {
    return catalogDatabaseName(this.props.environment, zone);
  }

  /** Read access to a zone's database and tables in the Data Catalog (not to the data: see DataLake grants). */
  public grantRead(grantee: iam.IGrantable, zone: string): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: READ_ACTIONS, resourceArns: this.catalogArns(zone) });
  }

  /** Read access plus table and partition updates (Iceberg commits, compaction). */
  public grantReadWrite(grantee: iam.IGrantable, zone: string): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: [...READ_ACTIONS, ...WRITE_ACTIONS], resourceArns: this.catalogArns(zone) });
  }

  /** Running queries in the workgroup, and reading and writing its results. */
  public grantQuery(grantee: iam.IGrantable): iam.Grant {
    const stack = Stack.of(this);
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: ['athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:GetWorkGroup'],
      resourceArns: [stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroup.ref })],
    });
    this.props.queryResultsBucket.grantReadWrite(grantee, 'athena/*');
    return grant;
  }

  /**
   * Catalog, database and table ARNs of a zone, built from pseudo parameters and the
   * database's reference (the same text in every environment, so findings about them
   * are acknowledged once).
   */
  private catalogArns(zone: string): string[] {
    const db = this.databases.get(zone);
    if (!db) throw new Error(`LakeCatalog '${this.node.path}' has no zone '${zone}'; zones: ${[...this.databases.keys()].join(', ')}`);
    const prefix = `arn:${Aws.PARTITION}:glue:${Aws.REGION}:${Aws.ACCOUNT_ID}`;
    return [`${prefix}:catalog`, `${prefix}:database/${db.ref}`, `${prefix}:table/${db.ref}/*`];
  }

  private parquetTable(t: CatalogTableProps, location: string): glue.CfnTable.TableInputProperty {
    const template = `${location}${t.partitionKeys.map((k) => `${k}=\${${k}}`).join('/')}/`;
    const parameters: Record<string, string> = { classification: 'parquet', 'parquet.compression': 'SNAPPY', EXTERNAL: 'TRUE' };
    if (t.partitionKeys.length > 0) {
      parameters['projection.enabled'] = 'true';
      parameters['storage.location.template'] = template;
    }
    for (const key of t.partitionKeys) {
      if (key === 'tenant') parameters['projection.tenant.type'] = 'injected';
      if (key === 'region') {
        if (this.props.regionValues && this.props.regionValues.length > 0) {
          parameters['projection.region.type'] = 'enum';
          parameters['projection.region.values'] = this.props.regionValues.join(',');
        } else {
          parameters['projection.region.type'] = 'injected';
        }
      }
      if (key === 'date') {
        Object.assign(parameters, {
          'projection.date.type': 'date',
          'projection.date.format': 'yyyy-MM-dd',
          'projection.date.range': `${this.props.projectionStartDate ?? '2020-01-01'},NOW`,
          'projection.date.interval': '1',
          'projection.date.interval.unit': 'DAYS',
        });
      }
    }
    return {
      name: t.name,
      description: t.description,
      tableType: 'EXTERNAL_TABLE',
      parameters,
      partitionKeys: t.partitionKeys.map((k) => ({ name: k, type: PARTITION_TYPES[k] })),
      storageDescriptor: {
        location,
        columns: t.columns.map((c) => ({ name: c.name, type: c.type, comment: c.comment })),
        inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
        outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
        serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
        compressed: true,
      },
    };
  }

  private icebergTable(t: CatalogTableProps, location: string): Pick<glue.CfnTableProps, 'tableInput' | 'openTableFormatInput'> {
    const fields = [
      ...t.columns.map((c) => ({ name: c.name, type: icebergType(c.type) })),
      ...t.partitionKeys.map((k) => ({ name: k, type: PARTITION_TYPES[k] })),
    ].map((f, i) => ({ id: i + 1, name: f.name, type: f.type, required: false }));
    const idOf = (name: string) => fields.find((f) => f.name === name)!.id;
    return {
      tableInput: { name: t.name, description: t.description, tableType: 'EXTERNAL_TABLE', storageDescriptor: { location } },
      openTableFormatInput: {
        icebergInput: {
          metadataOperation: 'CREATE',
          version: '2',
          icebergTableInput: {
            location,
            schema: { type: 'struct', fields },
            partitionSpec: { fields: t.partitionKeys.map((k) => ({ name: k, sourceId: idOf(k), transform: 'identity' })) },
            ...(t.sortColumns && t.sortColumns.length > 0
              ? {
                  writeOrder: {
                    orderId: 1,
                    fields: t.sortColumns.map((c) => ({ sourceId: idOf(c), transform: 'identity', direction: 'asc', nullOrder: 'nulls-last' })),
                  },
                }
              : {}),
            properties: { 'write.format.default': 'parquet', 'write.parquet.compression-codec': 'zstd', 'format-version': '2' },
          },
        },
      },
    };
  }
}

function validate(props: LakeCatalogProps): string[] {
  const problems: string[] = [];
  const zones = new Set(props.zones.map((z) => z.name));
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(props.environment)) problems.push(`environment: received '${props.environment}'; allowed: lowercase letters, digits and hyphens`);
  const seen = new Set<string>();
  props.tables.forEach((t, i) => {
    if (!IDENTIFIER.test(t.name)) problems.push(`tables[${i}].name: received '${t.name}'; allowed: lowercase letters, digits and underscores, starting with a letter`);
    if (!zones.has(t.zone)) problems.push(`tables[${i}].zone: received '${t.zone}'; allowed: ${[...zones].join(', ')}`);
    if (seen.has(`${t.zone}.${t.name}`)) problems.push(`tables[${i}]: received ${t.zone}.${t.name} twice; allowed: each table once per zone`);
    seen.add(`${t.zone}.${t.name}`);
    const columns = new Set(t.columns.map((c) => c.name));
    for (const key of t.partitionKeys) {
      if (columns.has(key)) problems.push(`tables[${i}].columns: received a column '${key}'; allowed: partition keys are not also columns`);
    }
    (t.sortColumns ?? []).forEach((c, j) => {
      if (!columns.has(c) && !(t.partitionKeys as readonly string[]).includes(c)) {
        problems.push(`tables[${i}].sortColumns[${j}]: received '${c}'; allowed: a column of the table`);
      }
    });
    if (t.sortColumns && t.sortColumns.length > 0 && t.format !== TableFormat.ICEBERG) {
      problems.push(`tables[${i}].sortColumns: received ${t.sortColumns.join(', ')} on a ${t.format} table; allowed: only on iceberg tables (write order)`);
    }
  });
  if (props.projectionStartDate !== undefined && !DATE.test(props.projectionStartDate)) {
    problems.push(`projectionStartDate: received '${props.projectionStartDate}'; allowed: a date as yyyy-MM-dd`);
  }
  const cutoff = props.bytesScannedCutoffPerQuery.toBytes();
  if (cutoff < MIN_CUTOFF_BYTES) problems.push(`bytesScannedCutoffPerQuery: received ${cutoff} bytes; allowed: at least ${MIN_CUTOFF_BYTES} bytes (10 MB, Athena's minimum)`);
  return problems;
}

