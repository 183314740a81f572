/** Tag key naming the persona of a role; the access matrix discovers persona roles by it. */
export const PERSONA_TAG_KEY = 'persona';

/** Principal tag (session tag) carrying the tenant of a tenant-scoped persona. */
export const TENANT_TAG_KEY = 'tenant';

/** The lake key prefix of a tenant's objects, with `tenant` as an IAM policy variable or a literal name. */
export function tenantPrefix(tenant: string = `\${aws:PrincipalTag/${TENANT_TAG_KEY}}`): string {
  return `${TENANT_TAG_KEY}=${tenant}/`;
}

/** Who assumes a persona's role: people (federated or IAM principals) or workloads (service principals). */
export type PersonaKind = 'human' | 'application' | 'emergency';

/**
 * A role of the platform's RBAC model. Enum-like: use the static members.
 */
export class Persona {
  public static readonly PLATFORM_ADMINISTRATOR = new Persona('platform-administrator', 'human', 'Deploys and operates the platform through the CDK bootstrap roles; no data access.');
  public static readonly DATA_ENGINEER = new Persona('data-engineer', 'human', 'Builds pipelines: reads and writes every lake zone, produces and consumes topics.');
  public static readonly DATA_ANALYST = new Persona('data-analyst', 'human', 'Queries curated results: never raw or restricted data; PII columns hidden.');
  public static readonly DATA_SCIENTIST = new Persona('data-scientist', 'human', 'Reads non-restricted zones and writes a sandbox prefix of its own.');
  public static readonly AUDITOR = new Persona('auditor', 'human', 'Read-only: the audit trail (bucket, log group, trail status) and catalog metadata.');
  public static readonly PRODUCER_APPLICATION = new Persona('producer-application', 'application', 'A workload that ingests: writes the raw zone and produces to topics.');
  public static readonly CONSUMER_APPLICATION = new Persona('consumer-application', 'application', 'A workload that serves results: reads the analytics zone and consumes topics.');
  public static readonly BREAK_GLASS = new Persona('break-glass', 'emergency', 'Emergency administration with MFA; the only principal exempt from the audit protections.');

  /** Every persona, in a stable order. */
  public static all(): readonly Persona[] {
    return [
      Persona.PLATFORM_ADMINISTRATOR,
      Persona.DATA_ENGINEER,
      Persona.DATA_ANALYST,
      Persona.DATA_SCIENTIST,
      Persona.AUDITOR,
      Persona.PRODUCER_APPLICATION,
      Persona.CONSUMER_APPLICATION,
      Persona.BREAK_GLASS,
    ];
  }

  /** Persona names, for configuration schemas. */
  public static names(): string[] {
    return Persona.all().map((p) => p.name);
  }

  /** A persona by name; throws naming the known personas. */
  public static of(name: string): Persona {
    const persona = Persona.all().find((p) => p.name === name);
    if (!persona) throw new Error(`Unknown persona '${name}'; allowed: ${Persona.names().join(', ')}`);
    return persona;
  }

  private constructor(
    /** Kebab-case name, used in role names and the `persona` tag. */
    public readonly name: string,
    /** Who assumes the role. */
    public readonly kind: PersonaKind,
    /** What the persona may do, in one sentence (role description). */
    public readonly description: string,
  ) {}

  /** PascalCase name, used in construct ids and permission set names. */
  public get pascalName(): string {
    return this.name
      .split('-')
      .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
      .join('');
  }
}
