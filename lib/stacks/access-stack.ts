import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { PlatformKeys } from '../../constructs/encryption';
import { catalogDatabaseName, DataClassification } from '../../constructs/governance';
import { AuditTrail } from '../../constructs/security/audit';
import { DataPersonas, LakeFormationAccess, Persona, PersonaTrust, TagBasedGrant, TopicAccess } from '../../constructs/security/access';
import { DataLake } from '../../constructs/storage';
import { RESIDENCY_ZONES } from '../config/residency';
import { EnvironmentConfig, LAKE_ZONES } from '../config/schema';

export interface AccessStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly keys: PlatformKeys;
  readonly lake: DataLake;
  readonly audit: AuditTrail;
  /**
   * Topic grants for producers, consumers and engineers (the streaming stack's cluster).
   * @default - no topic access
   */
  readonly topics?: { readonly access: TopicAccess; readonly produce?: readonly string[]; readonly consume?: readonly { topic: string; groupId: string }[] };
}

/** ARN of a persona role of an environment, known before the access stack exists (the audit bucket exempts break-glass by it). */
export function personaRoleArn(config: EnvironmentConfig, persona: Persona): string {
  return DataPersonas.roleArn(config.name, persona);
}

/**
 * RBAC of an environment: the persona roles with their permission boundaries, and
 * Lake Formation over the lake (locations, classification and zone LF-tags, grants by
 * tag, column filters hiding personal data from analysts).
 */
export class AccessStack extends Stack {
  public readonly personas: DataPersonas;
  public readonly lakeFormation?: LakeFormationAccess;

  constructor(scope: Construct, id: string, props: AccessStackProps) {
    super(scope, id, props);
    const { config, lake, keys, audit } = props;
    const access = config.access;
    const trust =
      access.trust.type === 'identity-center'
        ? PersonaTrust.identityCenter({ permissionSetPrefix: access.trust.permissionSetPrefix, account: access.trust.account })
        : PersonaTrust.accountPrincipals({ accounts: access.trust.accounts, maxMfaAge: Duration.minutes(access.trust.maxMfaAgeMinutes) });
    const services = access.applicationServices.map((s) => new iam.ServicePrincipal(s));

    this.personas = new DataPersonas(this, 'Personas', {
      lake,
      trust,
      breakGlassTrust: PersonaTrust.accountPrincipals({ accounts: access.breakGlassAccounts }),
      applicationPrincipal: services.length === 1 ? services[0] : new iam.CompositePrincipal(...services),
      allowedRegions: RESIDENCY_ZONES[config.residency].regions,
      namePrefix: config.name,
      auditTrail: audit,
      dataKeys: (['internal', 'confidential', 'restricted'] as const).map((c) => keys.keyFor(c)),
      analystZones: access.analystZones,
      tenantScoped: access.tenantScoped.map((p) => Persona.of(p)),
      topics: props.topics,
      maxSessionDuration: Duration.hours(access.sessionHours),
    });

    if (access.lakeFormation.enabled) {
      const classificationOf = (zone: string) => config.lake.zones[zone as (typeof LAKE_ZONES)[number]].classification as DataClassification;
      const classificationsOf = (zones: readonly string[]) => [...new Set(zones.map(classificationOf))];
      const readableZones = LAKE_ZONES.filter((z) => z !== 'raw' && classificationOf(z) !== 'restricted');
      const grant = (persona: Persona, zones: readonly string[], tablePermissions: TagBasedGrant['tablePermissions'], databasePermissions?: TagBasedGrant['databasePermissions']): TagBasedGrant => ({
        principal: this.personas.roleOf(persona),
        classifications: classificationsOf(zones),
        zones,
        tablePermissions,
        databasePermissions,
      });
      // Analysts read a personal-data dataset of their zones only without its pii columns. Datasets in
      // zones analysts cannot read get no filter: no grant reaches them at all.
      const filters = config.datasets
        .filter((d) => readableZones.includes(d.zone as (typeof LAKE_ZONES)[number]))
        .map((d) => ({ zone: d.zone, table: d.name, columns: d.columns.filter((c) => c.pii).map((c) => c.name) }))
        .filter((f) => f.columns.length > 0);
      this.lakeFormation = new LakeFormationAccess(this, 'LakeFormation', {
        locations: lake.zoneBuckets,
        zones: [...LAKE_ZONES],
        databases: LAKE_ZONES.map((zone) => ({ name: catalogDatabaseName(config.name, zone), classification: classificationOf(zone), zone })),
        grants: [
          grant(Persona.DATA_ENGINEER, LAKE_ZONES, ['SELECT', 'INSERT', 'DELETE', 'DESCRIBE', 'ALTER'], ['DESCRIBE', 'CREATE_TABLE']),
          grant(Persona.DATA_ANALYST, access.analystZones, ['SELECT', 'DESCRIBE']),
          grant(Persona.DATA_SCIENTIST, readableZones, ['SELECT', 'DESCRIBE']),
          grant(Persona.AUDITOR, LAKE_ZONES, ['DESCRIBE']),
          grant(Persona.CONSUMER_APPLICATION, [LAKE_ZONES[LAKE_ZONES.length - 1]], ['SELECT', 'DESCRIBE']),
          // Analysts see the filtered tables' metadata; their rows come only through the column filters.
          ...(filters.length > 0 ? [grant(Persona.DATA_ANALYST, [...new Set(filters.map((f) => f.zone))], ['DESCRIBE'])] : []),
        ],
        columnFilters: filters.map((f) => ({
          name: `${f.table}_without_pii`,
          database: catalogDatabaseName(config.name, f.zone),
          table: f.table,
          excludedColumns: f.columns,
          grantees: [this.personas.roleOf(Persona.DATA_ANALYST)],
        })),
      });
    }
  }
}
