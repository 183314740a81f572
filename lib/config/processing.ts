import { z } from 'zod';
import { EmrInstanceType } from '../../constructs/processing/emr-instance-types';
import { EmrRelease } from '../../constructs/processing/emr-release';
import { WorkloadProfile } from '../../constructs/processing/spark-sizing';
import { DATASET_ZONES } from './datasets';

/**
 * Environment-level processing settings: the EMR on EC2 cluster profile, its
 * scaling, the EMR Serverless application (compaction), TLS and Kerberos, and the
 * Athena per-query scan limit. Dataset-level fields (compaction, quality) live in
 * `datasets-processing.ts`.
 */

const INSTANCE_TYPES = EmrInstanceType.names() as [string, ...string[]];
const instanceType = () => z.enum(INSTANCE_TYPES).describe('EC2 instance type (a type the Spark sizing table knows).');
const count = (min: number, max: number) => z.number().int().min(min).max(max);

const InstanceGroupSchema = z.strictObject({
  instanceType: instanceType(),
  count: count(0, 100).describe('Instances at launch.'),
  market: z.enum(['ON_DEMAND', 'SPOT']).describe('ON_DEMAND for capacity that must stay; SPOT for interruptible capacity.'),
  ebsVolumeGiB: count(32, 4096).default(64).describe('gp3 data volume per instance, encrypted with the local disk key.'),
});

const ManagedScalingSchema = z
  .strictObject({
    minimumInstances: count(1, 500).describe('Fewest core plus task instances.'),
    maximumInstances: count(1, 500).describe('Most core plus task instances.'),
    maximumOnDemandInstances: count(0, 500).optional().describe('Most on-demand instances (the rest is Spot).'),
    maximumCoreInstances: count(1, 500).optional().describe('Most core instances (the rest are task instances).'),
  })
  .describe('EMR managed scaling limits, in instances. Exclusive with taskAutoScaling.');

const TaskAutoScalingSchema = z
  .strictObject({
    minimumInstances: count(0, 500),
    maximumInstances: count(1, 500),
    scaleOutWhenMemoryAvailableBelowPercent: z.number().min(1).max(99).default(15).describe('Scale out when YARNMemoryAvailablePercentage drops below this.'),
    scaleOutWhenContainerPendingRatioAbove: z.number().min(0).max(10).default(0.75).describe('Scale out when ContainerPendingRatio rises above this.'),
    scaleInWhenMemoryAvailableAbovePercent: z.number().min(1).max(99).default(75).describe('Scale in when YARNMemoryAvailablePercentage rises above this.'),
    scaleOutInstances: count(1, 50).default(2),
    scaleInInstances: count(1, 50).default(1),
    scaleOutCooldownSeconds: count(60, 3600).default(300).describe('Wait after a scale-out before the next scaling activity.'),
    scaleInCooldownSeconds: count(60, 3600).default(600).describe('Wait after a scale-in (longer: let YARN settle and Spot churn pass).'),
  })
  .describe('Custom automatic scaling of the task group on YARN metrics, with cooldowns. Exclusive with managedScaling.');

const TlsSchema = z.discriminatedUnion('provider', [
  z.strictObject({
    provider: z.literal('pem'),
    objectKey: z.string().regex(/^[^/].*\.zip$/, 'must be an object key ending in .zip').default('tls/emr-certificates.zip'),
  }),
  z.strictObject({
    provider: z.literal('custom'),
    objectKey: z.string().regex(/^[^/].*\.jar$/, 'must be an object key ending in .jar'),
    className: z.string().regex(/^([a-zA-Z_$][\w$]*\.)*[a-zA-Z_$][\w$]*$/, 'must be a fully qualified Java class name'),
  }),
]);

/** What an environment without a processing section gets: small, on demand, Kerberos on. */
const DEFAULT_PROCESSING = {
  releaseLabel: 'emr-7.5.0',
  workloadProfile: 'etl',
  cluster: {
    primary: { instanceType: 'm5.xlarge', count: 1, market: 'ON_DEMAND' as const, ebsVolumeGiB: 64 },
    core: { instanceType: 'm5.xlarge', count: 2, market: 'ON_DEMAND' as const, ebsVolumeGiB: 64 },
    managedScaling: { minimumInstances: 2, maximumInstances: 4 },
    idleTimeoutMinutes: 60,
    dataAccess: { read: ['raw' as const], readWrite: ['curated' as const, 'analytics' as const] },
    kerberos: { ticketLifetimeHours: 24 },
  },
  tlsCertificates: { provider: 'pem' as const, objectKey: 'tls/emr-certificates.zip' },
  serverless: { architecture: 'ARM64' as const, maximumVcpus: 32, maximumMemoryGiB: 128, maximumDiskGiB: 1000, idleTimeoutMinutes: 15 },
  athena: { bytesScannedCutoffPerQueryGiB: 100 },
};

export const ProcessingSchema = z
  .strictObject({
    releaseLabel: z.string().default('emr-7.5.0').describe('EMR release of the cluster and the Serverless application (emr-6.11.0 or later).'),
    workloadProfile: z
      .enum(WorkloadProfile.all().map((p) => p.name) as [string, ...string[]])
      .default('etl')
      .describe('What the cluster\'s Spark jobs stress; drives the spark-defaults the sizing calculator writes.'),
    cluster: z.strictObject({
      primary: InstanceGroupSchema,
      core: InstanceGroupSchema,
      task: InstanceGroupSchema.optional().describe('Interruptible extra capacity (usually SPOT).'),
      managedScaling: ManagedScalingSchema.optional(),
      taskAutoScaling: TaskAutoScalingSchema.optional(),
      idleTimeoutMinutes: count(1, 10080).default(60).describe('The cluster terminates after this long without work.'),
      dataAccess: z
        .strictObject({
          read: z.array(z.enum(DATASET_ZONES)).default(['raw']),
          readWrite: z.array(z.enum(DATASET_ZONES)).default(['curated', 'analytics']),
        })
        .default({ read: ['raw'], readWrite: ['curated', 'analytics'] })
        .describe('Lake zones the cluster\'s jobs read, and read and write (their buckets, keys and catalog databases; nothing else).'),
      kerberos: z
        .strictObject({ ticketLifetimeHours: count(1, 168).default(24) })
        .optional()
        .describe('Kerberos with a cluster-dedicated KDC; omit to rely on IAM-only access (no key pair, no inbound).'),
    }),
    tlsCertificates: TlsSchema.default({ provider: 'pem', objectKey: 'tls/emr-certificates.zip' }).describe(
      'In-transit certificates, an object in the processing artifacts bucket uploaded by the platform team from its PKI.',
    ),
    serverless: z
      .strictObject({
        architecture: z.enum(['ARM64', 'X86_64']).default('ARM64'),
        maximumVcpus: count(1, 4000).describe('Most vCPUs the application may run at once.'),
        maximumMemoryGiB: count(2, 24000).describe('Most memory the application may use at once.'),
        maximumDiskGiB: count(20, 200000).default(1000),
        idleTimeoutMinutes: count(1, 10080).default(15).describe('Workers stop after this long idle.'),
      })
      .describe('EMR Serverless application running compaction jobs.'),
    athena: z.strictObject({
      bytesScannedCutoffPerQueryGiB: count(1, 1_000_000).describe('Athena cancels a query of the workgroup that scans more.'),
    }),
  })
  .default(DEFAULT_PROCESSING)
  .describe('Spark on EMR, compaction, catalog and Athena settings (omitted: a small on-demand cluster that production also accepts).');

export type ProcessingConfig = z.output<typeof ProcessingSchema>;

/** Minimal shape the cross-field checks rely on. */
interface ProcessingCheckInput {
  readonly production?: unknown;
  readonly processing?: unknown;
}

/** Cross-field rules of the processing settings. */
export function checkProcessing(env: ProcessingCheckInput, ctx: z.RefinementCtx): void {
  const p = env.processing as Partial<ProcessingConfig> | undefined;
  if (!p || typeof p !== 'object') return;
  const issue = (path: (string | number)[], input: unknown, message: string) => ctx.addIssue({ code: 'custom', path: ['processing', ...path], input, message });

  if (typeof p.releaseLabel === 'string') {
    const problem = EmrRelease.problemWith(p.releaseLabel);
    if (problem) issue(['releaseLabel'], p.releaseLabel, problem.replace(/^received '[^']*'; /, ''));
  }
  const cluster = p.cluster;
  if (!cluster || typeof cluster !== 'object') return;
  if (cluster.primary && cluster.primary.count !== 1) issue(['cluster', 'primary', 'count'], cluster.primary.count, 'allowed: 1 (one primary node; multi-primary needs a different cluster layout)');
  if (cluster.core && typeof cluster.core.count === 'number' && cluster.core.count < 1) issue(['cluster', 'core', 'count'], cluster.core.count, 'allowed: 1 or more (core nodes hold HDFS and run the driver)');
  if (env.production === true && cluster.core?.market === 'SPOT') {
    issue(['cluster', 'core', 'market'], 'SPOT', 'production core nodes hold HDFS and must not be reclaimed; allowed: ON_DEMAND');
  }
  if (cluster.task && cluster.core && typeof cluster.task.instanceType === 'string' && cluster.task.instanceType !== cluster.core.instanceType) {
    issue(['cluster', 'task', 'instanceType'], cluster.task.instanceType, `differs from core's ${cluster.core.instanceType}; allowed: the core type (spark-defaults are sized for one worker type)`);
  }
  const access = cluster.dataAccess;
  if (access && Array.isArray(access.read) && Array.isArray(access.readWrite)) {
    access.read.forEach((zone, i) => {
      if (access.readWrite.includes(zone)) issue(['cluster', 'dataAccess', 'read', i], zone, 'is also in readWrite; allowed: each zone in one list');
    });
  }
  const managed = cluster.managedScaling;
  const custom = cluster.taskAutoScaling;
  if (managed && custom) {
    issue(['cluster', 'taskAutoScaling'], 'both', 'managedScaling is also set; allowed: either managedScaling or taskAutoScaling (EMR does not combine them on one cluster)');
  }
  if (managed && typeof managed.minimumInstances === 'number' && typeof managed.maximumInstances === 'number') {
    if (managed.minimumInstances > managed.maximumInstances) {
      issue(['cluster', 'managedScaling', 'minimumInstances'], managed.minimumInstances, `is greater than maximumInstances ${managed.maximumInstances}; allowed: minimum <= maximum`);
    }
    for (const field of ['maximumOnDemandInstances', 'maximumCoreInstances'] as const) {
      const v = managed[field];
      if (typeof v === 'number' && v > managed.maximumInstances) issue(['cluster', 'managedScaling', field], v, `exceeds maximumInstances ${managed.maximumInstances}; allowed: at most the maximum`);
    }
  }
  if (custom) {
    if (!cluster.task) issue(['cluster', 'taskAutoScaling'], 'no task group', 'allowed: only with a cluster.task group to scale');
    if (typeof custom.minimumInstances === 'number' && typeof custom.maximumInstances === 'number' && custom.minimumInstances > custom.maximumInstances) {
      issue(['cluster', 'taskAutoScaling', 'minimumInstances'], custom.minimumInstances, `is greater than maximumInstances ${custom.maximumInstances}; allowed: minimum <= maximum`);
    }
    if (
      typeof custom.scaleOutWhenMemoryAvailableBelowPercent === 'number' &&
      typeof custom.scaleInWhenMemoryAvailableAbovePercent === 'number' &&
      custom.scaleOutWhenMemoryAvailableBelowPercent >= custom.scaleInWhenMemoryAvailableAbovePercent
    ) {
      issue(
        ['cluster', 'taskAutoScaling', 'scaleInWhenMemoryAvailableAbovePercent'],
        custom.scaleInWhenMemoryAvailableAbovePercent,
        `is not above scaleOutWhenMemoryAvailableBelowPercent ${custom.scaleOutWhenMemoryAvailableBelowPercent}; allowed: a higher value, or the group would scale out and in on the same reading`,
      );
    }
    const task = cluster.task;
    if (task && typeof task.count === 'number' && typeof custom.minimumInstances === 'number' && typeof custom.maximumInstances === 'number') {
      if (task.count < custom.minimumInstances || task.count > custom.maximumInstances) {
        issue(['cluster', 'task', 'count'], task.count, `allowed: within taskAutoScaling's ${custom.minimumInstances}..${custom.maximumInstances}`);
      }
    }
  }
  const s = p.serverless;
  if (s && typeof s.maximumVcpus === 'number' && typeof s.maximumMemoryGiB === 'number' && s.maximumMemoryGiB < s.maximumVcpus * 2) {
    issue(['serverless', 'maximumMemoryGiB'], s.maximumMemoryGiB, `allowed: at least 2 GiB per vCPU (${s.maximumVcpus * 2} for ${s.maximumVcpus} vCPUs); EMR Serverless workers need 2-8 GiB per vCPU`);
  }
}
