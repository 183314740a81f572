import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATA_PLATFORM_RULES } from '../../policies/packs/data-platform';
import { EnvironmentAssembly, resourcesOf } from './assembly';
import { Control, CurriculumRow } from './model';

/**
 * Curriculum coverage, computed from the synth. Each of the nine modules
 * (../shared/seed/curriculum.txt, mapped in DESIGN.md) lists what implements it:
 * CloudFormation resource types, construct ids (path segments) and rules. A module
 * is covered when the synth contains at least one of them, so the table grows by
 * itself as domains land; a new domain adds its types or construct ids here.
 *
 * Runbooks are Markdown files in docs/runbooks/ naming their modules in a line
 * `Modules: 3, 8`.
 */
export interface CurriculumModule {
  readonly module: number;
  readonly title: string;
  /** Resource type -> what it is for this module. */
  readonly resourceTypes: Readonly<Record<string, string>>;
  /** Construct id (a path segment) -> what it is for this module. */
  readonly constructIds: Readonly<Record<string, string>>;
  /** Rule ids (as reported: `AwsSolutions-S1`, `CT.S3.PR.1`) or prefixes ending in `*` implementing the module. */
  readonly rules: readonly string[];
}

export const CURRICULUM: readonly CurriculumModule[] = [
  {
    module: 1,
    title: 'Strategic alignment (KPIs, SLAs, lineage)',
    resourceTypes: { 'AWS::Glue::Database': 'catalog database (lineage target)', 'AWS::DataZone::Project': 'data product project' },
    constructIds: { DataProducts: 'data products with owner, SLA and KPI tags', Lineage: 'lineage export' },
    rules: [],
  },
  {
    module: 2,
    title: 'Data architecture (topologies, schemas, partitioning)',
    resourceTypes: {
      'AWS::Glue::Registry': 'schema registry',
      'AWS::Glue::Schema': 'versioned schema with compatibility mode',
      'AWS::ApiGateway::RestApi': 'data contract validation at the gateway',
      'AWS::ApiGateway::RequestValidator': 'data contract validator',
      'AWS::ElastiCache::ServerlessCache': 'cache with TTL',
    },
    constructIds: { DataLake: 'zoned data lake (raw → curated → analytics)', SchemaRegistry: 'schema registry' },
    rules: ['DataPlatform-S3LakeLifecycleTiers'],
  },
  {
    module: 3,
    title: 'Real-time ingestion and stream processing',
    resourceTypes: {
      'AWS::MSK::Cluster': 'Kafka cluster (TLS, SASL/IAM)',
      'AWS::MSK::ServerlessCluster': 'Kafka serverless cluster',
      'AWS::MSK::Topic': 'Kafka topic (replication, partitions, retention)',
      'AWS::KafkaConnect::Connector': 'CDC connector (Debezium)',
      'AWS::Kinesis::Stream': 'stream',
    },
    constructIds: { Streaming: 'streaming domain' },
    rules: ['CT.MSK.*', 'AwsSolutions-MSK*', 'DataPlatform-Kafka*'],
  },
  {
    module: 4,
    title: 'Data quality and governance',
    resourceTypes: {
      'AWS::Glue::DataQualityRuleset': 'data quality ruleset',
      'AWS::Glue::Crawler': 'profiling / schema drift crawler',
      'AWS::LakeFormation::Permissions': 'Lake Formation permissions',
      'AWS::LakeFormation::DataLakeSettings': 'Lake Formation settings',
    },
    constructIds: { Catalog: 'data catalog', DataQuality: 'data quality gate', Masking: 'masking for non-production' },
    rules: ['DataPlatform-RequiredTags', 'DataPlatform-Dq*'],
  },
  {
    module: 5,
    title: 'Machine learning integration',
    resourceTypes: {
      'AWS::SageMaker::FeatureGroup': 'feature store',
      'AWS::SageMaker::ModelPackageGroup': 'model registry',
      'AWS::SageMaker::Endpoint': 'model endpoint',
      'AWS::SageMaker::MonitoringSchedule': 'drift monitoring',
    },
    constructIds: { FeatureStore: 'feature store', ModelRegistry: 'model registry' },
    // SageMaker's AwsSolutions rules are SM1-SM3 (a prefix `SM*` would also catch SMG*, Secrets Manager).
    rules: ['CT.SAGEMAKER.*', 'AwsSolutions-SM1', 'AwsSolutions-SM2', 'AwsSolutions-SM3'],
  },
  {
    module: 6,
    title: 'Performance and cost',
    resourceTypes: {
      'AWS::EMR::Cluster': 'Spark cluster sizing',
      'AWS::EMRServerless::Application': 'Spark serverless application',
      'AWS::ApplicationAutoScaling::ScalingPolicy': 'autoscaling with cooldowns',
      'AWS::Glue::Job': 'compaction job',
    },
    constructIds: { Processing: 'processing domain', Compaction: 'compaction' },
    rules: ['DataPlatform-S3LakeLifecycleTiers', 'CT.EMR.*'],
  },
  {
    module: 7,
    title: 'Security, privacy and regulatory compliance',
    resourceTypes: {
      'AWS::KMS::Key': 'customer-managed key (rotated)',
      'AWS::CloudTrail::Trail': 'audit trail with log file validation',
      'AWS::IAM::ManagedPolicy': 'least-privilege / boundary policy',
      'AWS::Organizations::Policy': 'service control policy',
    },
    constructIds: {
      AuditTrail: 'immutable audit trail (Object Lock COMPLIANCE)',
      Keys: 'platform keys per classification',
      Residency: 'residency guard',
      Personas: 'RBAC personas',
      Privacy: 'privacy controls (DPIA, erasure)',
    },
    rules: [
      'CT.KMS.*',
      'CT.S3.PR.1',
      'CT.S3.PR.10',
      'CT.CLOUDTRAIL.*',
      'NIST.800.53.R5-*',
      'HIPAA.Security-*',
      'PCI.DSS.321-*',
    ],
  },
  {
    module: 8,
    title: 'Monitoring, observability and incident response',
    resourceTypes: {
      'AWS::CloudWatch::Alarm': 'alarm',
      'AWS::CloudWatch::Dashboard': 'dashboard',
      'AWS::Logs::LogGroup': 'log group',
      'AWS::XRay::Group': 'tracing group',
      'AWS::FIS::ExperimentTemplate': 'failure simulation',
    },
    constructIds: { Observability: 'observability domain', Slo: 'SLOs and error budgets' },
    rules: ['CT.CLOUDWATCH.*'],
  },
  {
    module: 9,
    title: 'Cross-system integration',
    resourceTypes: {
      'AWS::SQS::Queue': 'event queue (with DLQ)',
      'AWS::Events::Rule': 'event-driven integration rule',
      'AWS::Pipes::Pipe': 'pipe',
      'AWS::StepFunctions::StateMachine': 'workflow with retries and backoff',
    },
    constructIds: { Integration: 'integration domain' },
    rules: ['CT.SQS.*', 'CT.S3.PR.4'],
  },
];

function ruleMatches(pattern: string, rule: string): boolean {
  return pattern.endsWith('*') ? rule.startsWith(pattern.slice(0, -1)) : rule === pattern;
}

/** Runbooks in `dir` and the modules each names in its `Modules: 3, 8` line. */
export function runbooks(dir: string): { file: string; modules: number[] }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      const line = /^\s*\**Modules?\**:\s*([\d,\s]+)$/im.exec(text);
      return { file: `docs/runbooks/${f}`, modules: line ? line[1].split(/[,\s]+/).filter(Boolean).map(Number) : [] };
    });
}

/** Coverage of every module for one environment. */
export function curriculumCoverage(
  env: EnvironmentAssembly,
  controls: readonly Control[],
  runbookDir = path.join(__dirname, '..', '..', 'docs', 'runbooks'),
  modules: readonly CurriculumModule[] = CURRICULUM,
): CurriculumRow[] {
  const resources = resourcesOf(env);
  const books = runbooks(runbookDir);
  // Project rules declare their modules in their controls text ("Curriculum 7 (...)").
  const projectRuleModules = new Map<string, number[]>(
    DATA_PLATFORM_RULES.map((r) => [`DataPlatform-${r.id}`, r.controls.flatMap((c) => [...c.matchAll(/Curriculum (\d)/g)].map((m) => Number(m[1])))]),
  );
  return modules.map((m) => {
    const constructs: string[] = [];
    for (const [type, what] of Object.entries(m.resourceTypes)) {
      const count = resources.filter((r) => r.resource.Type === type).length;
      if (count > 0) constructs.push(`${what}: ${count} × ${type}`);
    }
    for (const [id, what] of Object.entries(m.constructIds)) {
      const paths = new Set<string>();
      for (const r of resources) {
        const segments = r.ref.path.split('/');
        const at = segments.indexOf(id);
        if (at >= 0) paths.add(segments.slice(0, at + 1).join('/'));
      }
      for (const p of paths) constructs.push(`${what}: ${p}`);
    }
    const rules = new Set<string>();
    for (const c of controls) {
      const declared = projectRuleModules.get(c.rule);
      if ((declared && declared.includes(m.module)) || m.rules.some((p) => ruleMatches(p, c.rule))) {
        rules.add(`${c.pack === 'ControlTower' ? 'ControlTower ' : ''}${c.rule} (${c.status})`);
      }
    }
    for (const [rule, declared] of projectRuleModules) {
      // Project rules run on every resource: without a finding they passed.
      const implementsModule = declared.includes(m.module) || m.rules.some((p) => ruleMatches(p, rule));
      if (implementsModule && ![...rules].some((r) => r.startsWith(`${rule} `))) rules.add(`${rule} (passed)`);
    }
    const books_ = books.filter((b) => b.modules.includes(m.module)).map((b) => b.file);
    return {
      module: m.module,
      title: m.title,
      constructs,
      rules: [...rules].sort(),
      runbooks: books_,
      covered: constructs.length > 0 || rules.size > 0,
    };
  });
}
