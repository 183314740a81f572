import { Stage, StageProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PlatformTagKeys } from '../constructs/governance';
import { Persona } from '../constructs/security/access';
import { OrganizationRegionPolicy, ResidencyGuard } from '../constructs/security/residency';
import { RESIDENCY_ZONES } from './config/residency';
import { personaTopics } from './config/streaming';
import { EnvironmentConfig } from './config/schema';
import { AccessStack, AuditStack, FoundationStack, LakeStack, NetworkStack, personaRoleArn, PrivacyStack, ProcessingStack, StreamingStack } from './stacks';

export interface PlatformStageProps extends StageProps {
  /** The validated environment this stage deploys. */
  readonly config: EnvironmentConfig;
}

/**
 * One environment of the platform: its domain stacks, pinned to the environment's
 * account (if given) and region, tagged with owner, cost centre, environment,
 * residency and a default classification (stores override it with their own).
 */
export class PlatformStage extends Stage {
  public readonly config: EnvironmentConfig;
  public readonly foundation: FoundationStack;
  public readonly network: NetworkStack;
  /** Real-time ingestion; absent when the environment has no `streaming` section. */
  public readonly streaming?: StreamingStack;
  public readonly lake: LakeStack;
  public readonly audit: AuditStack;
  public readonly processing: ProcessingStack;
  public readonly access: AccessStack;
  public readonly privacy: PrivacyStack;
  /** Fails synth when anything points outside the residency zone. */
  public readonly residencyGuard: ResidencyGuard;
  /** The organization policy (SCP) artifact: `<assembly dir>/residency-scp.json`. */
  public readonly residencyScp: OrganizationRegionPolicy;

  constructor(scope: Construct, props: PlatformStageProps) {
    const { config } = props;
    super(scope, config.name, { ...props, env: { account: config.account, region: config.region } });
    this.config = config;

    const common = {
      env: { account: config.account, region: config.region },
      terminationProtection: config.production,
      tags: { [PlatformTagKeys.ENVIRONMENT]: config.name, [PlatformTagKeys.OWNER]: config.tags.owner },
    };
    const describe = (what: string) => `Data platform ${config.name} (${config.residency} residency): ${what}`;

    this.foundation = new FoundationStack(this, 'Foundation', {
      ...common,
      config,
      description: describe('customer-managed keys and alarm topic'),
    });
    this.network = new NetworkStack(this, 'Network', {
      ...common,
      config,
      keys: this.foundation.keys,
      description: describe('private network, VPC endpoints and flow logs'),
    });
    this.lake = new LakeStack(this, 'Lake', {
      ...common,
      config,
      keys: this.foundation.keys,
      description: describe('data lake zones with lifecycle tiers'),
    });
    this.audit = new AuditStack(this, 'Audit', {
      ...common,
      config,
      keys: this.foundation.keys,
      dataEventBuckets: this.lake.lake.zoneBuckets,
      breakGlassPrincipalArns: [personaRoleArn(config, Persona.BREAK_GLASS)],
      description: describe('immutable audit trail'),
    });
    if (config.streaming) {
      this.streaming = new StreamingStack(this, 'Streaming', {
        ...common,
        config,
        keys: this.foundation.keys,
        network: this.network.network,
        alarmTopic: this.foundation.alarmTopic.topic,
        description: describe('MSK cluster, topics, schema registry, CDC and stream processing'),
      });
    }
    this.processing = new ProcessingStack(this, 'Processing', {
      ...common,
      config,
      keys: this.foundation.keys,
      lake: this.lake.lake,
      network: this.network.network,
      alarmTopic: this.foundation.alarmTopic,
      description: describe('Spark on EMR, compaction, catalog, Athena and data quality'),
    });
    this.access = new AccessStack(this, 'Access', {
      ...common,
      config,
      keys: this.foundation.keys,
      lake: this.lake.lake,
      audit: this.audit.audit,
      topics: this.streaming && config.streaming ? { access: this.streaming.cluster, ...personaTopics(config.streaming) } : undefined,
      description: describe('RBAC personas, permission boundaries and Lake Formation'),
    });
    this.privacy = new PrivacyStack(this, 'Privacy', {
      ...common,
      config,
      keys: this.foundation.keys,
      lake: this.lake.lake,
      network: this.network.network,
      description: describe('erasure workflow, masking jobs, Clean Rooms sharing'),
    });
    // Lake Formation tags and data cells filters name the catalog's databases and tables; Clean
    // Rooms checks its configured tables' Glue tables and erasure queries them: both deploy after
    // the catalog (names, not references, so CloudFormation would not order them by itself).
    this.access.addStackDependency(this.processing, 'Lake Formation tag associations and data cells filters name the Glue databases and tables');
    this.privacy.addStackDependency(this.processing, 'Clean Rooms configured tables and erasure queries need the Glue tables');

    const zone = { zoneName: config.residency, allowedRegions: RESIDENCY_ZONES[config.residency].regions };
    this.residencyGuard = new ResidencyGuard(this, 'ResidencyGuard', zone);
    this.residencyScp = new OrganizationRegionPolicy(this, 'ResidencyScp', zone);

    Tags.of(this).add(PlatformTagKeys.OWNER, config.tags.owner);
    Tags.of(this).add(PlatformTagKeys.COST_CENTRE, config.tags.costCentre);
    Tags.of(this).add(PlatformTagKeys.ENVIRONMENT, config.name);
    Tags.of(this).add(PlatformTagKeys.RESIDENCY, config.residency);
    // Default classification; keys, zone buckets and the audit trail carry their own.
    Tags.of(this).add(PlatformTagKeys.DATA_CLASSIFICATION, 'internal', { priority: 50 });
    Tags.of(this.audit).add(PlatformTagKeys.DATA_CLASSIFICATION, 'confidential', { priority: 60 });
  }
}
