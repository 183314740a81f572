import { Arn, Aws, Duration, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { DataPersonasProps } from './data-personas-props';
import { PermissionBoundary } from './permission-boundary';
import { Persona, PERSONA_TAG_KEY, TENANT_TAG_KEY, tenantPrefix } from './persona';
import { PersonaTrust } from './persona-trust';
import { ManagedPolicyPrincipal } from './private/managed-policy-principal';

/** Personas that need the whole platform in view: never confined to a tenant. */
const NEVER_TENANT_SCOPED = [Persona.PLATFORM_ADMINISTRATOR, Persona.AUDITOR, Persona.BREAK_GLASS];
const NAME_PREFIX = /^[a-zA-Z][\w+=,.@-]{0,40}$/;
const DEFAULT_ROLE_PATH = '/data-platform/personas/';

/** One persona's role and the grantee that puts its grants in a managed policy. */
export interface PersonaRole {
  readonly persona: Persona;
  readonly role: iam.Role;
  /** Pass this to `grant*()` calls: statements land in the persona's managed policy, not inline. */
  readonly grantee: iam.IGrantable;
}

/**
 * The platform's RBAC personas: one IAM role each (platform administrator, data
 * engineer, data analyst, data scientist, auditor, producer and consumer
 * applications, break-glass), tagged `persona=<name>`, capped by a permission
 * boundary, with permissions from the constructs' grants collected in one managed
 * policy per persona.
 *
 * - Analysts (and consumer applications) never read the raw zone or a restricted zone.
 * - Auditors read the audit trail and nothing else.
 * - Nobody but break-glass can delete audit evidence, change Object Lock, stop or
 *   change the trail or schedule key deletion: the standard boundary denies it and
 *   break-glass carries a boundary without those denies.
 * - Tenant-scoped personas reach only `tenant=${aws:PrincipalTag/tenant}/` in each zone.
 */
export class DataPersonas extends Construct {
  /** ARN of a persona's role, known before deployment (for resource policies in other stacks). */
  public static roleArn(namePrefix: string, persona: Persona, rolePath: string = DEFAULT_ROLE_PATH): string {
    return Arn.format({
      partition: Aws.PARTITION,
      service: 'iam',
      region: '',
      account: Aws.ACCOUNT_ID,
      resource: 'role',
      resourceName: `${rolePath.slice(1)}${namePrefix}-${persona.name}`,
    });
  }

  /** The boundary of every persona but break-glass. */
  public readonly boundary: PermissionBoundary;
  /** The boundary of break-glass: residency and escalation denies, audit protections lifted. */
  public readonly breakGlassBoundary: PermissionBoundary;
  private readonly roles = new Map<Persona, PersonaRole>();

  constructor(scope: Construct, id: string, props: DataPersonasProps) {
    super(scope, id);
    const rawZone = props.rawZone ?? 'raw';
    const zones = props.lake.zoneNames;
    const lastZone = zones[zones.length - 1];
    const readable = (zone: string) => zone !== rawZone && props.lake.classificationOf(zone) !== 'restricted';
    const analystZones = props.analystZones ?? zones.filter(readable);
    const consumerZones = props.consumerZones ?? [lastZone];
    const sandboxZone = props.sandboxZone ?? lastZone;
    const tenantScoped = props.tenantScoped ?? [];

    const problems: string[] = [...props.trust.validate(), ...(props.breakGlassTrust?.validate() ?? [])];
    if (!NAME_PREFIX.test(props.namePrefix)) {
      problems.push(`namePrefix: received '${props.namePrefix}'; allowed: 1-41 letters, digits and + = , . @ _ -, starting with a letter`);
    }
    if (!zones.includes(rawZone)) problems.push(`rawZone: received '${rawZone}'; allowed: a zone of the lake (${zones.join(', ')})`);
    const checkReadOnly = (field: string, list: readonly string[], who: string) =>
      list.forEach((zone, i) => {
        if (!zones.includes(zone)) {
          problems.push(`${field}[${i}]: received '${zone}'; allowed: a zone of the lake (${zones.join(', ')})`);
        } else if (!readable(zone)) {
          problems.push(
            `${field}[${i}]: received '${zone}' (${zone === rawZone ? 'the raw zone' : 'classified restricted'}); ` +
              `${who} never read raw or restricted data; allowed: ${zones.filter(readable).join(', ') || 'no zone of this lake'}`,
          );
        }
      });
    checkReadOnly('analystZones', analystZones, 'analysts');
    checkReadOnly('consumerZones', consumerZones, 'consumer applications');
    checkReadOnly('sandboxZone', [sandboxZone], 'data scientists');
    tenantScoped.forEach((p, i) => {
      if (NEVER_TENANT_SCOPED.includes(p)) {
        problems.push(`tenantScoped[${i}]: received '${p.name}'; allowed: personas other than ${NEVER_TENANT_SCOPED.map((n) => n.name).join(', ')}`);
      }
    });
    const sessionSeconds = (props.maxSessionDuration ?? Duration.hours(1)).toSeconds();
    if (sessionSeconds < 3600 || sessionSeconds > 43200) {
      problems.push(`maxSessionDuration: received ${sessionSeconds} seconds; allowed: 3600 to 43200 seconds (1 to 12 hours)`);
    }
    if (problems.length > 0) throw new Error(`Invalid DataPersonas '${this.node.path}':\n  - ${problems.join('\n  - ')}`);

    const rolePath = props.rolePath ?? DEFAULT_ROLE_PATH;
    const common = {
      protectedPath: rolePath,
      passableRolePath: props.passableRolePath,
      allowedRegions: props.allowedRegions,
    };
    this.boundary = new PermissionBoundary(this, 'Boundary', {
      ...common,
      managedPolicyName: `${props.namePrefix}-boundary`,
      auditBuckets: props.auditTrail ? [props.auditTrail.bucket] : undefined,
      auditLogGroups: props.auditTrail ? [props.auditTrail.logGroup] : undefined,
    });
    this.breakGlassBoundary = new PermissionBoundary(this, 'BreakGlassBoundary', {
      ...common,
      managedPolicyName: `${props.namePrefix}-break-glass-boundary`,
      protectAuditTrail: false,
      requiredBoundaryArn: this.boundary.policyArn,
    });

    const applicationPrincipal = props.applicationPrincipal ?? new iam.ServicePrincipal('ecs-tasks.amazonaws.com');
    const breakGlassTrust = props.breakGlassTrust ?? PersonaTrust.accountPrincipals();
    for (const persona of Persona.all()) {
      const container = new Construct(this, persona.pascalName);
      const principal =
        persona.kind === 'application'
          ? applicationPrincipal
          : (persona.kind === 'emergency' ? breakGlassTrust : props.trust).principalFor(container, persona);
      const role = new iam.Role(container, 'Role', {
        roleName: `${props.namePrefix}-${persona.name}`,
        path: rolePath,
        description: persona.description,
        assumedBy: principal,
        maxSessionDuration: Duration.seconds(sessionSeconds),
        permissionsBoundary: persona === Persona.BREAK_GLASS ? this.breakGlassBoundary.policy : this.boundary.policy,
      });
      Tags.of(role).add(PERSONA_TAG_KEY, persona.name);
      if (tenantScoped.includes(persona) && persona.kind !== 'application') {
        // The tenant session tag may only repeat the caller's own tenant tag: nobody picks a tenant.
        role.assumeRolePolicy?.addStatements(
          new iam.PolicyStatement({
            actions: ['sts:TagSession'],
            principals: [principal],
            conditions: { StringEquals: { [`aws:RequestTag/${TENANT_TAG_KEY}`]: `\${aws:PrincipalTag/${TENANT_TAG_KEY}}` } },
          }),
        );
      }
      const grantee = new ManagedPolicyPrincipal(container, role, {
        managedPolicyName: `${props.namePrefix}-${persona.name}`,
        path: rolePath,
        description: `Grants of the ${persona.name} persona`,
      });
      this.roles.set(persona, { persona, role, grantee });
    }

    this.grantLakeAccess(props, { analystZones, consumerZones, sandboxZone, rawZone, tenantScoped });
    this.grantOperations(props);
  }

  /** Every persona's role, in `Persona.all()` order. */
  public get personaRoles(): PersonaRole[] {
    return Persona.all().map((p) => this.roles.get(p)!);
  }

  /** The role of a persona. */
  public roleOf(persona: Persona): iam.Role {
    return this.roles.get(persona)!.role;
  }

  /** The grantee of a persona: grants given to it land in the persona's managed policy. */
  public granteeOf(persona: Persona): iam.IGrantable {
    return this.roles.get(persona)!.grantee;
  }

  private grantLakeAccess(
    props: DataPersonasProps,
    scope: { analystZones: readonly string[]; consumerZones: readonly string[]; sandboxZone: string; rawZone: string; tenantScoped: readonly Persona[] },
  ): void {
    const lake = props.lake;
    const prefixOf = (persona: Persona, under = '') => (scope.tenantScoped.includes(persona) ? `${tenantPrefix()}${under}*` : `${under}*`);
    const read = (persona: Persona, zones: readonly string[], under = '') => {
      for (const zone of zones) {
        lake.grantRead(this.granteeOf(persona), zone, prefixOf(persona, under));
        this.confineListing(persona, zone, scope.tenantScoped, props);
      }
    };

    for (const zone of lake.zoneNames) lake.grantReadWrite(this.granteeOf(Persona.DATA_ENGINEER), zone, prefixOf(Persona.DATA_ENGINEER));
    for (const key of props.dataKeys ?? []) key.grantEncryptDecrypt(this.granteeOf(Persona.DATA_ENGINEER));
    if (scope.tenantScoped.includes(Persona.DATA_ENGINEER)) lake.zoneNames.forEach((z) => this.confineListing(Persona.DATA_ENGINEER, z, scope.tenantScoped, props));

    read(Persona.DATA_ANALYST, scope.analystZones);
    read(Persona.DATA_SCIENTIST, lake.zoneNames.filter((z) => z !== scope.rawZone && lake.classificationOf(z) !== 'restricted'));
    lake.grantReadWrite(this.granteeOf(Persona.DATA_SCIENTIST), scope.sandboxZone, prefixOf(Persona.DATA_SCIENTIST, 'sandbox/'));
    read(Persona.CONSUMER_APPLICATION, scope.consumerZones);
    lake.zone(scope.rawZone).grantPut(this.granteeOf(Persona.PRODUCER_APPLICATION), prefixOf(Persona.PRODUCER_APPLICATION));
  }

  /** A tenant-scoped persona may list a zone only under its tenant's prefix (object names reveal tenants too). */
  private confineListing(persona: Persona, zone: string, tenantScoped: readonly Persona[], props: DataPersonasProps): void {
    if (!tenantScoped.includes(persona)) return;
    this.granteeOf(persona).grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: `DenyListingOutsideTenant${zone.replace(/[^A-Za-z0-9]/g, '')}`,
        effect: iam.Effect.DENY,
        actions: ['s3:ListBucket', 's3:ListBucketVersions'],
        resources: [props.lake.zone(zone).bucketArn],
        conditions: { StringNotLike: { 's3:prefix': `${tenantPrefix()}*` } },
      }),
    );
  }

  private grantOperations(props: DataPersonasProps): void {
    props.auditTrail?.grantRead(this.granteeOf(Persona.AUDITOR));

    // Deployments go through the CDK bootstrap roles; no construct grants assuming them.
    const qualifier = props.cdkBootstrapQualifier ?? 'hnb659fds';
    iam.Grant.addToPrincipal({
      grantee: this.granteeOf(Persona.PLATFORM_ADMINISTRATOR),
      actions: ['sts:AssumeRole'],
      resourceArns: [Arn.format({ partition: Aws.PARTITION, service: 'iam', region: '', account: Aws.ACCOUNT_ID, resource: 'role', resourceName: `cdk-${qualifier}-*` })],
    });

    this.roleOf(Persona.BREAK_GLASS).addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));

    const topics = props.topics;
    if (topics) {
      for (const topic of topics.produce ?? []) {
        for (const p of [Persona.PRODUCER_APPLICATION, Persona.DATA_ENGINEER]) topics.access.grantProduce(this.granteeOf(p), topic);
      }
      for (const { topic, groupId } of topics.consume ?? []) {
        for (const p of [Persona.CONSUMER_APPLICATION, Persona.DATA_ENGINEER]) topics.access.grantConsume(this.granteeOf(p), topic, groupId);
      }
    }
  }
}
