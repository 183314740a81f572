import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import { Construct } from 'constructs';
import { DATA_CLASSIFICATION_LEVELS, DataClassification } from '../../governance/classification';
import { LakeFormationAccessProps } from './lake-formation-access-props';
import { ManagedPolicyPrincipal } from './private/managed-policy-principal';

const GLUE_NAME = /^[a-z0-9_]{1,255}$/;
const COLUMN_NAME = /^[a-zA-Z0-9_]{1,255}$/;
const FILTER_NAME = /^[\w-]{1,255}$/;

/**
 * Lake Formation over the lake: zone buckets registered as data locations (with a
 * role of the platform's own, not the service-linked role, so its permissions are
 * visible in the template and limited to the lake's buckets), an LF-tag per data
 * classification, the tag on each database, grants to personas by tag expression,
 * and data cells filters that hide personal-data columns.
 *
 * Prerequisite: the deploying role is a Lake Formation administrator (account
 * settings are not managed here: `DataLakeSettings` is an account-wide singleton).
 */
export class LakeFormationAccess extends Construct {
  /** The role Lake Formation uses to reach the registered locations. */
  public readonly locationRole: iam.Role;
  /** The classification LF-tag. */
  public readonly classificationTag: lakeformation.CfnTag;
  /** The zone LF-tag, when zones were given. */
  public readonly zoneTag?: lakeformation.CfnTag;

  constructor(scope: Construct, id: string, props: LakeFormationAccessProps) {
    super(scope, id);
    const tagKey = props.classificationTagKey ?? 'data-classification';
    const classifications = props.classifications ?? DATA_CLASSIFICATION_LEVELS;
    const problems: string[] = [];
    if (props.locations.length === 0) problems.push('locations: received none; allowed: at least one bucket');
    if (!/^[\w.:/=+@-]{1,128}$/.test(tagKey)) problems.push(`classificationTagKey: received '${tagKey}'; allowed: 1-128 letters, digits and _ . : / = + @ -`);
    if (classifications.length === 0) problems.push('classifications: received none; allowed: at least one classification');
    const known = (c: DataClassification) => classifications.includes(c);
    const zoneTagKey = props.zoneTagKey ?? 'data-zone';
    const zones = props.zones ?? [];
    const checkZone = (field: string, zone: string) => {
      if (!zones.includes(zone)) problems.push(`${field}: received '${zone}'; allowed: ${zones.length > 0 ? zones.join(', ') : 'none (no zones given)'}`);
    };
    (props.databases ?? []).forEach((db, i) => {
      if (!GLUE_NAME.test(db.name)) problems.push(`databases[${i}].name: received '${db.name}'; allowed: lowercase letters, digits and underscores (Glue names)`);
      if (!known(db.classification)) problems.push(`databases[${i}].classification: received '${db.classification}'; allowed: ${classifications.join(', ')}`);
      if (db.zone !== undefined) checkZone(`databases[${i}].zone`, db.zone);
    });
    (props.grants ?? []).forEach((grant, i) => {
      if (grant.classifications.length === 0) problems.push(`grants[${i}].classifications: received none; allowed: at least one of ${classifications.join(', ')}`);
      grant.classifications.forEach((c, j) => {
        if (!known(c)) problems.push(`grants[${i}].classifications[${j}]: received '${c}'; allowed: ${classifications.join(', ')}`);
      });
      (grant.zones ?? []).forEach((z, j) => checkZone(`grants[${i}].zones[${j}]`, z));
      if (grant.zones !== undefined && grant.zones.length === 0) problems.push(`grants[${i}].zones: received none; allowed: omit for every zone, or at least one zone`);
      if (grant.tablePermissions.length === 0) problems.push(`grants[${i}].tablePermissions: received none; allowed: at least one permission`);
    });
    const filterIds = new Set<string>();
    (props.columnFilters ?? []).forEach((f, i) => {
      if (!FILTER_NAME.test(f.name)) problems.push(`columnFilters[${i}].name: received '${f.name}'; allowed: letters, digits, '_' and '-'`);
      if (!GLUE_NAME.test(f.database)) problems.push(`columnFilters[${i}].database: received '${f.database}'; allowed: lowercase letters, digits and underscores`);
      if (!GLUE_NAME.test(f.table)) problems.push(`columnFilters[${i}].table: received '${f.table}'; allowed: lowercase letters, digits and underscores`);
      if (f.excludedColumns.length === 0) problems.push(`columnFilters[${i}].excludedColumns: received none; allowed: at least one column to hide`);
      f.excludedColumns.forEach((c, j) => {
        if (!COLUMN_NAME.test(c)) problems.push(`columnFilters[${i}].excludedColumns[${j}]: received '${c}'; allowed: letters, digits and underscores`);
      });
      const filterId = `${f.database}.${f.table}.${f.name}`;
      if (filterIds.has(filterId)) problems.push(`columnFilters[${i}]: filter '${f.name}' on ${f.database}.${f.table} received twice; allowed: unique names per table`);
      filterIds.add(filterId);
    });
    if (problems.length > 0) throw new Error(`Invalid LakeFormationAccess '${this.node.path}':\n  - ${problems.join('\n  - ')}`);

    const catalogId = Stack.of(this).account;

    this.locationRole = new iam.Role(this, 'LocationRole', {
      assumedBy: new iam.ServicePrincipal('lakeformation.amazonaws.com'),
      path: '/data-platform/',
      description: 'Lake Formation reaches the registered lake zones through this role',
    });
    const locationGrantee = new ManagedPolicyPrincipal(this, this.locationRole, { description: 'Lake Formation data location access to the lake zones' });
    props.locations.forEach((bucket, i) => {
      bucket.grantReadWrite(locationGrantee);
      new lakeformation.CfnResource(this, `Location${i}`, {
        resourceArn: bucket.bucketArn,
        useServiceLinkedRole: false,
        roleArn: this.locationRole.roleArn,
      }).node.addDependency(locationGrantee.managedPolicy!);
    });

    this.classificationTag = new lakeformation.CfnTag(this, 'ClassificationTag', {
      catalogId,
      tagKey,
      tagValues: [...classifications],
    });

    const zoneTag = zones.length > 0 ? new lakeformation.CfnTag(this, 'ZoneTag', { catalogId, tagKey: zoneTagKey, tagValues: [...zones] }) : undefined;
    this.zoneTag = zoneTag;
    const tags = [this.classificationTag, ...(zoneTag ? [zoneTag] : [])];

    (props.databases ?? []).forEach((db, i) => {
      const association = new lakeformation.CfnTagAssociation(this, `DatabaseTag${i}`, {
        lfTags: [
          { catalogId, tagKey, tagValues: [db.classification] },
          ...(db.zone !== undefined ? [{ catalogId, tagKey: zoneTagKey, tagValues: [db.zone] }] : []),
        ],
        resource: { database: { catalogId, name: db.name } },
      });
      tags.forEach((t) => association.addResourceDependency(t));
    });

    (props.grants ?? []).forEach((grant, i) => {
      const expression = [
        { tagKey, tagValues: [...grant.classifications] },
        ...(grant.zones !== undefined ? [{ tagKey: zoneTagKey, tagValues: [...grant.zones] }] : []),
      ];
      const byTag = (resourceType: 'DATABASE' | 'TABLE', permissions: readonly string[], suffix: string) => {
        const permission = new lakeformation.CfnPrincipalPermissions(this, `Grant${i}${suffix}`, {
          principal: { dataLakePrincipalIdentifier: grant.principal.roleArn },
          resource: { lfTagPolicy: { catalogId, resourceType, expression } },
          permissions: [...permissions],
          permissionsWithGrantOption: [],
        });
        tags.forEach((t) => permission.addResourceDependency(t));
      };
      byTag('DATABASE', grant.databasePermissions ?? ['DESCRIBE'], 'Databases');
      byTag('TABLE', grant.tablePermissions, 'Tables');
    });

    (props.columnFilters ?? []).forEach((f, i) => {
      const filter = new lakeformation.CfnDataCellsFilter(this, `ColumnFilter${i}`, {
        tableCatalogId: catalogId,
        databaseName: f.database,
        tableName: f.table,
        name: f.name,
        rowFilter: { allRowsWildcard: {} },
        columnWildcard: { excludedColumnNames: [...f.excludedColumns] },
      });
      f.grantees.forEach((grantee, j) => {
        new lakeformation.CfnPrincipalPermissions(this, `ColumnFilter${i}Grant${j}`, {
          principal: { dataLakePrincipalIdentifier: grantee.roleArn },
          resource: { dataCellsFilter: { tableCatalogId: catalogId, databaseName: f.database, tableName: f.table, name: f.name } },
          permissions: ['SELECT'],
          permissionsWithGrantOption: [],
        }).addResourceDependency(filter);
      });
    });
  }
}
