import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DataLake } from '../../storage/data-lake';
import { AuditTrail } from '../audit/audit-trail';
import { Persona } from './persona';
import { PersonaTrust } from './persona-trust';
import { TopicAccess } from './topic-access';

/** Topic access of the personas that stream: producers and engineers produce, consumers and engineers consume. */
export interface PersonaTopicsProps {
  /** Gives the grants (the streaming construct). */
  readonly access: TopicAccess;
  /**
   * Topics the producer application and data engineers write.
   * @default - none
   */
  readonly produce?: readonly string[];
  /**
   * Topics the consumer application and data engineers read, each with its consumer group.
   * @default - none
   */
  readonly consume?: readonly { readonly topic: string; readonly groupId: string }[];
}

export interface DataPersonasProps {
  /** The lake whose zones the personas read and write (grants include each zone's key). */
  readonly lake: DataLake;
  /** Who may assume the human personas' roles. */
  readonly trust: PersonaTrust;
  /**
   * Who may assume the break-glass role. It must not depend on the identity provider
   * that may be the emergency, so it defaults to MFA-signed-in principals of the account.
   * @default PersonaTrust.accountPrincipals()
   */
  readonly breakGlassTrust?: PersonaTrust;
  /**
   * Who may assume the application personas' roles (the compute that runs producers and consumers).
   * @default new iam.ServicePrincipal('ecs-tasks.amazonaws.com')
   */
  readonly applicationPrincipal?: iam.IPrincipal;
  /** The residency zone's regions: the boundary denies requests anywhere else. */
  readonly allowedRegions: readonly string[];
  /** Role names are `<prefix>-<persona>` (e.g. `prod-eu-data-analyst`); the boundaries `<prefix>-boundary` and `<prefix>-break-glass-boundary`. */
  readonly namePrefix: string;
  /**
   * IAM path of the persona roles, their policies and boundaries.
   * @default '/data-platform/personas/'
   */
  readonly rolePath?: string;
  /**
   * IAM path of the workload roles personas may pass to services.
   * @default '/data-platform/'
   */
  readonly passableRolePath?: string;
  /**
   * The audit trail: auditors read it, the boundary protects its bucket and log group.
   * @default - no audit grants or protections beyond the trail-wide denies
   */
  readonly auditTrail?: AuditTrail;
  /**
   * Keys data engineers may use directly (encrypt/decrypt), e.g. the classification keys.
   * @default - none beyond the lake grants
   */
  readonly dataKeys?: readonly kms.IKey[];
  /**
   * Zone holding raw (unvalidated, unmasked) data: analysts never read it, producers write it.
   * @default 'raw'
   */
  readonly rawZone?: string;
  /**
   * Zones analysts read. A raw zone or a zone classified restricted is refused.
   * @default - every zone that is neither raw nor restricted
   */
  readonly analystZones?: readonly string[];
  /**
   * Zones consumer applications read (restricted and raw zones refused, as for analysts).
   * @default - the last zone of the lake
   */
  readonly consumerZones?: readonly string[];
  /**
   * Zone where data scientists write under `sandbox/`.
   * @default - the last zone of the lake
   */
  readonly sandboxZone?: string;
  /**
   * Personas whose lake access is confined to their tenant: the prefix
   * `tenant=${aws:PrincipalTag/tenant}/` of each zone. Administrators, auditors and
   * break-glass see every tenant and cannot be listed.
   * @default - none
   */
  readonly tenantScoped?: readonly Persona[];
  /**
   * Topic grants.
   * @default - no topic access
   */
  readonly topics?: PersonaTopicsProps;
  /**
   * Maximum session duration of every persona role.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
  /**
   * Qualifier of the CDK bootstrap roles the platform administrator assumes to deploy.
   * @default 'hnb659fds'
   */
  readonly cdkBootstrapQualifier?: string;
}
