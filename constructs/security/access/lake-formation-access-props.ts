import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DataClassification } from '../../governance/classification';

/** Lake Formation permissions on tables (and, for `CREATE_TABLE`, databases). */
export type LakeFormationPermission = 'ALL' | 'ALTER' | 'CREATE_TABLE' | 'DELETE' | 'DESCRIBE' | 'DROP' | 'INSERT' | 'SELECT';

/** A Glue database and the classification LF-tag it carries (its tables inherit it). */
export interface ClassifiedDatabase {
  /** Database name (the catalog's, e.g. `prod_eu_curated`). */
  readonly name: string;
  /** Classification tagged on the database. */
  readonly classification: DataClassification;
  /**
   * Lake zone of the database, tagged with the zone LF-tag (grants can then combine
   * zone and classification: a raw zone classified `internal` stays out of an
   * analyst's `internal` grant).
   * @default - no zone tag on the database
   */
  readonly zone?: string;
}

/** Permissions of one principal on every database and table whose classification tag matches. */
export interface TagBasedGrant {
  /** The role granted (a persona role). */
  readonly principal: iam.IRole;
  /** Classifications whose databases and tables the grant covers. */
  readonly classifications: readonly DataClassification[];
  /**
   * Zones whose databases and tables the grant covers (ANDed with the classifications).
   * @default - every zone
   */
  readonly zones?: readonly string[];
  /** Permissions on the matching tables. */
  readonly tablePermissions: readonly LakeFormationPermission[];
  /**
   * Permissions on the matching databases.
   * @default ['DESCRIBE']
   */
  readonly databasePermissions?: readonly LakeFormationPermission[];
}

/** A column filter: every row of a table, without the listed (personal data) columns. */
export interface ColumnFilter {
  /** Filter name, unique per table. */
  readonly name: string;
  /** Database of the table. */
  readonly database: string;
  /** The table. */
  readonly table: string;
  /** Columns hidden from the grantees (PII). At least one. */
  readonly excludedColumns: readonly string[];
  /** Roles given SELECT through the filter only. */
  readonly grantees: readonly iam.IRole[];
}

export interface LakeFormationAccessProps {
  /** Buckets registered as Lake Formation data locations (the lake zones). */
  readonly locations: readonly s3.IBucket[];
  /**
   * LF-tag key of the data classification.
   * @default 'data-classification'
   */
  readonly classificationTagKey?: string;
  /**
   * Values of the classification LF-tag.
   * @default ['internal', 'confidential', 'restricted']
   */
  readonly classifications?: readonly DataClassification[];
  /**
   * LF-tag key of the lake zone.
   * @default 'data-zone'
   */
  readonly zoneTagKey?: string;
  /**
   * Values of the zone LF-tag (the lake's zone names).
   * @default - no zone tag
   */
  readonly zones?: readonly string[];
  /**
   * Databases to tag with their classification. They must exist when the stack deploys.
   * @default - none
   */
  readonly databases?: readonly ClassifiedDatabase[];
  /**
   * Grants by classification tag.
   * @default - none
   */
  readonly grants?: readonly TagBasedGrant[];
  /**
   * Column filters hiding personal data.
   * @default - none
   */
  readonly columnFilters?: readonly ColumnFilter[];
}
