import { Lab } from './lab';

/** A KMS key ARN in the environment's region and partition (for the bring-your-own-key lab). */
function exampleKeyArn(region: string): string {
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return ['arn', partition, 'kms', region, '111122223333', 'key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'].join(':');
}

/** The labs, one per curriculum module, in module order. Add a lab here and in labs/<nn>-<slug>/. */
export const LABS: readonly Lab[] = [
  {
    module: 1,
    slug: '01-strategy',
    moduleName: 'Strategic alignment of big data with the application lifecycle',
    title: 'Ownership as code: hand the platform to a data squad',
    goal: 'See that accountability for data (the owner of every store, key and trail) is a configuration value that reaches every resource, so KPIs and costs can be attributed to a cross-functional squad.',
    environment: 'dev-eu',
    changeDescription: "Set `tags.owner` to `payments-data-squad`.",
    apply: (env) => ({ ...env, tags: { ...env.tags, owner: 'payments-data-squad' } }),
    lookFor: [
      'Only the Tags section changes: `owner` on every taggable resource, in every stack.',
      'No resource is updated in place or replaced: ownership is metadata, safe to change at any time.',
    ],
    question: 'Which KPIs would this squad own for the lake (freshness, cost per TB, failed loads), and where should they be declared so reports can read them?',
    expect: { tags: ['owner'], domains: ['tags'], dataLossBlocked: false, cost: 'same' },
    retarget: 'When data products (owner, SLA, KPI tags) land in the config, change a data product\'s SLA and show the stream-versus-batch decision it drives.',
  },
  {
    module: 2,
    slug: '02-architecture',
    moduleName: 'Data architecture for scalable application systems',
    title: 'Zones by sensitivity: promote the curated zone to restricted',
    goal: 'See how the lake is partitioned by data classification: a zone\'s classification selects its encryption key and its classification tag, without moving the bucket.',
    environment: 'dev-eu',
    changeDescription: 'Set `lake.zones.curated.classification` to `restricted`.',
    apply: (env) => ({ ...env, lake: { ...env.lake, zones: { ...env.lake.zones, curated: { ...env.lake.zones.curated, classification: 'restricted' } } } }),
    lookFor: [
      '[lake] the curated bucket and its replica now import the restricted key\'s ARN (updated in place, not replaced); so does the replication policy.',
      'Tags: `data-classification` confidential -> restricted on the curated zone only (its bucket, replica and replication role).',
      '[access] Lake Formation: the curated database\'s LF-tag becomes restricted, so the tag-based grants of every persona are replaced and the PII column filter of the curated zone goes; persona policies follow the key.',
      'No data-loss risk: objects already written keep the old key until rewritten.',
    ],
    question: 'Objects written before the change stay encrypted with the confidential key. Who can still read them, and how would you re-encrypt them (S3 Batch Operations copy)?',
    expect: {
      resources: [{ stack: 'Lake', resourceType: 'AWS::S3::Bucket', logicalIdPrefix: 'DataLakeCurated', property: 'BucketEncryption', kind: 'updated' }],
      tags: ['data-classification'],
      domains: ['lake', 'access', 'tags', 'processing'],
      dataLossBlocked: false,
    },
    retarget: 'When streaming and the catalog land: switch an environment between Kappa and Lambda topology, or a schema\'s compatibility mode in the Glue Schema Registry.',
  },
  {
    module: 3,
    slug: '03-ingestion',
    moduleName: 'Real-time data ingestion and stream processing',
    title: 'The landing zone is a replay buffer: shorten raw retention',
    goal: 'Treat the raw zone as the replay buffer of ingestion: its expiry bounds how far back a pipeline can be re-run, and its tiers decide what that buffer costs.',
    environment: 'dev-eu',
    changeDescription: 'Raw zone: no tier transitions and `expireAfterDays: 14` (two weeks of replay).',
    apply: (env) => ({
      ...env,
      lake: { ...env.lake, zones: { ...env.lake.zones, raw: { ...env.lake.zones.raw, lifecycle: { ...env.lake.zones.raw.lifecycle, transitions: [], expireAfterDays: 14 } } } },
    }),
    lookFor: [
      '[lake] the raw bucket\'s `storage-tiers` rule: `ExpirationInDays` 90 -> 14 and no Standard-IA transition.',
      'Cost: the storage line goes down.',
    ],
    question: 'A consumer finds a bug in its parser three weeks after ingestion. With 14 days of raw data, where does the replay come from?',
    expect: {
      resources: [{ stack: 'Lake', resourceType: 'AWS::S3::Bucket', logicalIdPrefix: 'DataLakeRaw', property: 'LifecycleConfiguration', kind: 'updated' }],
      domains: ['lake'],
      dataLossBlocked: false,
      cost: 'down',
    },
    retarget: 'When MSK lands (streaming): change a topic\'s replication factor, partitions and retention, and watch the MSK::Topic replacement and the broker storage cost.',
  },
  {
    module: 4,
    slug: '04-governance',
    moduleName: 'Data quality and governance in production applications',
    title: 'Versioned datasets: keep previous versions of analytics data for 90 days',
    goal: 'Reproducibility and rollback of a bad load come from object versions: their retention is the window in which a data incident can be undone. In zones holding personal data (raw, curated) that window is capped by the erasure deadline, so the lab widens it on the analytics zone, which holds aggregates only.',
    environment: 'dev-eu',
    changeDescription: 'Set `lake.zones.analytics.lifecycle.noncurrentVersionExpireAfterDays` to 90.',
    apply: (env) => ({
      ...env,
      lake: {
        ...env.lake,
        zones: { ...env.lake.zones, analytics: { ...env.lake.zones.analytics, lifecycle: { ...env.lake.zones.analytics.lifecycle, noncurrentVersionExpireAfterDays: 90 } } },
      },
    }),
    lookFor: [
      '[lake] the analytics bucket\'s `noncurrent-versions` rule: `NoncurrentDays` 7 -> 90 (and on its replica).',
      'Try the same on the curated zone (`npm run config -- show dev-eu`, edit, `npm run diff`): the configuration refuses it, because erased customers would survive in old versions past the 7-day erasure deadline.',
    ],
    question: 'A data-quality gate fails two days after a bad load was published. What is your rollback procedure, what does the version window have to be for it to work, and how do you roll back a zone whose window the erasure deadline caps?',
    expect: {
      resources: [{ stack: 'Lake', resourceType: 'AWS::S3::Bucket', logicalIdPrefix: 'DataLakeAnalytics', property: 'LifecycleConfiguration.Rules[noncurrent-versions]' }],
      domains: ['lake'],
      dataLossBlocked: false,
    },
    retarget: 'When processing lands: add a Glue Data Quality rule to a ruleset and change the DQ gate threshold.',
  },
  {
    module: 5,
    slug: '05-ml',
    moduleName: 'Machine learning integration in application workflows',
    title: 'Reproducible training sets: keep analytics data, archive it cold',
    goal: 'A model version is only reproducible if its training data still exists: keep the analytics zone (where features and training sets live) without expiry, archived to Glacier Instant Retrieval after 180 days.',
    environment: 'dev-eu',
    changeDescription: 'Analytics zone: remove `expireAfterDays`; transitions Intelligent-Tiering at day 0, Glacier Instant Retrieval at day 180.',
    apply: (env) => ({
      ...env,
      lake: {
        ...env.lake,
        zones: {
          ...env.lake.zones,
          analytics: {
            ...env.lake.zones.analytics,
            lifecycle: {
              ...env.lake.zones.analytics.lifecycle,
              expireAfterDays: undefined,
              transitions: [
                { storageClass: 'INTELLIGENT_TIERING', afterDays: 0 },
                { storageClass: 'GLACIER_INSTANT_RETRIEVAL', afterDays: 180 },
              ],
            },
          },
        },
      },
    }),
    lookFor: ['[lake] the analytics bucket loses its expiration and gains a Glacier IR transition.', 'Cost: storage goes up: keeping training data has a price.'],
    question: 'Which model versions in production could you not retrain today? What is the cheapest retention that still lets you reproduce them?',
    expect: {
      resources: [{ stack: 'Lake', resourceType: 'AWS::S3::Bucket', logicalIdPrefix: 'DataLakeAnalytics', property: 'LifecycleConfiguration' }],
      domains: ['lake'],
      dataLossBlocked: false,
      cost: 'up',
    },
    retarget: 'No ML features are deployed yet; when a feature store or model registry lands, diff its retention and endpoint throttling instead.',
  },
  {
    module: 6,
    slug: '06-cost',
    moduleName: 'Performance optimization and cost management',
    title: 'What are lifecycle tiers worth? Turn them off in production',
    goal: 'Price the lifecycle tiers: remove the raw zone\'s transitions in prod-eu and read the cost delta, then decide where tiers pay for their retrieval penalties.',
    environment: 'prod-eu',
    changeDescription: 'prod-eu raw zone: `transitions: []` (everything stays in S3 Standard until expiry).',
    apply: (env) => ({
      ...env,
      lake: { ...env.lake, zones: { ...env.lake.zones, raw: { ...env.lake.zones.raw, lifecycle: { ...env.lake.zones.raw.lifecycle, transitions: [] } } } },
    }),
    lookFor: ['[lake] the raw bucket\'s `storage-tiers` rule loses its transitions.', 'Cost: storage roughly doubles at the production volume assumptions (lib/cost/assumptions.ts).'],
    question: 'Glacier IR charges per GB retrieved and keeps objects 90 days minimum. Which raw data is read after 90 days, and would One Zone-IA be acceptable for it?',
    expect: {
      resources: [{ stack: 'Lake', resourceType: 'AWS::S3::Bucket', logicalIdPrefix: 'DataLakeRaw', property: 'LifecycleConfiguration' }],
      domains: ['lake'],
      dataLossBlocked: false,
      cost: 'up',
    },
    retarget: 'When processing lands: resize an EMR profile (instance types, spot mix, autoscaling limits) and compare on-demand with savings-plan figures.',
  },
  {
    module: 7,
    slug: '07-security',
    moduleName: 'Security, privacy, and regulatory compliance',
    title: 'Bring your own key: and what happens to the platform\'s key',
    goal: 'Customer-managed keys are data-bearing: replacing the platform\'s restricted key with an imported one removes the old key from the stack, and the diff refuses it as a data-loss risk.',
    environment: 'dev-eu',
    changeDescription: 'Set `encryption.importedKeys.restricted` to a key ARN in the environment\'s region.',
    apply: (env) => ({ ...env, encryption: { ...env.encryption, importedKeys: { ...env.encryption.importedKeys, restricted: exampleKeyArn(env.region) } } }),
    lookFor: [
      '[keys] the restricted key and its alias are removed; with dev-eu\'s destroy opt-in the key would be scheduled for deletion.',
      'DATA-LOSS RISKS: the key removal is BLOCKED and the command exits 3.',
      '[lake] the raw bucket now names the imported key ARN; [access] persona and Lake Formation policies name it too.',
    ],
    question: 'Everything in the raw zone was encrypted with the old key. What must happen (re-encryption, key retention) before the old key can go, and who approves it?',
    expect: {
      resources: [
        { stack: 'Foundation', resourceType: 'AWS::KMS::Key', logicalIdPrefix: 'KeysRestricted', kind: 'removed' },
        { stack: 'Lake', resourceType: 'AWS::S3::Bucket', logicalIdPrefix: 'DataLakeRaw', property: 'BucketEncryption' },
      ],
      domains: ['keys', 'lake', 'access', 'streaming', 'processing'],
      dataLossBlocked: true,
    },
    retarget: 'When RBAC personas and privacy land: remove a persona\'s access to the restricted zone or turn on masking for non-production, and read the access diff.',
  },
  {
    module: 8,
    slug: '08-observability',
    moduleName: 'Monitoring, observability, and incident response',
    title: 'Evidence for postmortems: keep the trail\'s logs a year',
    goal: 'Incident response needs history: the CloudWatch Logs copy of the audit trail is what you query during a postmortem; its retention is a trade-off between evidence and cost.',
    environment: 'dev-eu',
    changeDescription: 'Set `audit.logGroupRetentionDays` to 365.',
    apply: (env) => ({ ...env, audit: { ...env.audit, logGroupRetentionDays: 365 } }),
    lookFor: [
      '[audit] the trail\'s log group: `RetentionInDays` 90 -> 365.',
      '[privacy] the erasure workflow\'s audit log follows the same setting: the evidence that a subject was erased is audit evidence too.',
      'Cost: the logs line goes up (more GB stored).',
    ],
    question: 'Which questions in your last postmortem needed data older than 90 days? Would a metric filter or alarm have answered them sooner?',
    expect: {
      resources: [
        { stack: 'Audit', resourceType: 'AWS::Logs::LogGroup', property: 'RetentionInDays', kind: 'updated' },
        { stack: 'Privacy', resourceType: 'AWS::Logs::LogGroup', logicalIdPrefix: 'ErasureAuditLog', property: 'RetentionInDays', kind: 'updated' },
      ],
      domains: ['audit', 'privacy', 'processing'],
      dataLossBlocked: false,
      cost: 'up',
    },
    retarget: 'When observability lands: tune an alarm threshold or an SLO\'s error budget and read the CloudWatch diff.',
  },
  {
    module: 9,
    slug: '09-integration',
    moduleName: 'Cross-system data integration and interoperability',
    title: 'Safe re-deployments: stop destroying data on teardown',
    goal: 'Systems that synchronise from the lake assume its data survives re-deployments. Turning off the destroy opt-in makes every store outlive its stack, so tearing down and re-creating an environment is idempotent for its consumers.',
    environment: 'dev-eu',
    changeDescription: 'Set `removal.destroyDataOnDelete` to false.',
    apply: (env) => ({ ...env, removal: { ...env.removal, destroyDataOnDelete: false } }),
    lookFor: [
      '[keys], [lake], [privacy] and [network]: `DeletionPolicy` and `UpdateReplacePolicy` Delete -> Retain on keys (the privacy key too), buckets, the erasure subject index and the VPC flow log group; the subject index also gains deletion protection. Resources with the same changes share one entry (`5 x AWS::KMS::Key`).',
      'The keys\' deletion window (`PendingWindowInDays`) does not move: it follows whether the environment is production, not the opt-in (compare `npm run diff -- dev-eu prod-eu`).',
      'No warning: retention is strengthened, not weakened. Run the lab backwards (prod-like to dev) and the Warnings section appears.',
    ],
    question: 'After a teardown with Retain, the next deployment creates new, empty buckets beside the retained ones. How do downstream syncs find and reconcile the old data?',
    expect: {
      resources: [
        { stack: 'Lake', resourceType: 'AWS::S3::Bucket', property: 'DeletionPolicy', kind: 'updated' },
        { stack: 'Foundation', resourceType: 'AWS::KMS::Key', property: 'DeletionPolicy', kind: 'updated' },
        { stack: 'Privacy', resourceType: 'AWS::DynamoDB::Table', logicalIdPrefix: 'ErasureSubjectIndex', property: 'DeletionProtectionEnabled', kind: 'updated' },
      ],
      domains: ['keys', 'lake', 'privacy', 'network', 'streaming', 'processing'],
      dataLossBlocked: false,
    },
    retarget: 'When integration features land (queues with DLQs, idempotent sync jobs): change a retry policy or a DLQ\'s retention.',
  },
];
