import { Size } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** Table formats of the lake. */
export enum TableFormat {
  /** Iceberg: ACID, hidden partitioning, compaction; Athena prunes through Iceberg metadata. */
  ICEBERG = 'iceberg',
  /** Hive-style Parquet: append-only; Athena prunes through partition projection. */
  PARQUET = 'parquet',
}

/** Partition keys of the lake layout `tenant=<t>/region=<r>/date=<yyyy-MM-dd>/`. */
export type CatalogPartitionKey = 'tenant' | 'region' | 'date';

export interface CatalogColumn {
  readonly name: string;
  /** Glue type (string, bigint, decimal(12,2), timestamp, ...). */
  readonly type: string;
  /** @default - none */
  readonly comment?: string;
}

/** One table of a lake zone. */
export interface CatalogTableProps {
  readonly name: string;
  /** Zone (database) of the table. */
  readonly zone: string;
  readonly format: TableFormat;
  readonly columns: readonly CatalogColumn[];
  /** Partition keys, in path order. */
  readonly partitionKeys: readonly CatalogPartitionKey[];
  /**
   * Iceberg write order (the compaction columns), so engines write sorted files too.
   * @default - no write order
   */
  readonly sortColumns?: readonly string[];
  /** @default - none */
  readonly description?: string;
}

export interface LakeCatalogProps {
  /** Environment name: databases are `<environment>_<zone>`, hyphens turned into underscores. */
  readonly environment: string;
  /** Lake zones and their buckets; a database each. */
  readonly zones: readonly { readonly name: string; readonly bucket: s3.IBucket }[];
  /** Tables, each in a zone listed above. */
  readonly tables: readonly CatalogTableProps[];
  /**
   * Values of the `region` partition key Athena may project (enum); without them,
   * queries must name the region (injected).
   * @default - injected
   */
  readonly regionValues?: readonly string[];
  /**
   * First day of the `date` projection range (yyyy-MM-dd); it runs to today.
   * @default '2020-01-01'
   */
  readonly projectionStartDate?: string;
  /** Encrypted bucket receiving Athena query results. */
  readonly queryResultsBucket: s3.IBucket;
  /** Key encrypting Athena query results (SSE_KMS). */
  readonly queryResultsKey: kms.IKey;
  /** Athena cancels a query of the workgroup that scans more than this. */
  readonly bytesScannedCutoffPerQuery: Size;
}
