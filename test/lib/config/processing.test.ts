import { ConfigError } from '../../../lib/config/errors';
import { CUSTOMERS, DAILY_REVENUE, ORDERS } from '../../../lib/config/environments/datasets';
import { devEu } from '../../../lib/config/environments/dev-eu';
import { prodEu } from '../../../lib/config/environments/prod-eu';
import { loadDefaultEnvironment, parseEnvironment } from '../../../lib/config/load';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

const cluster = (env: typeof devEu | typeof prodEu, patch: object) => ({ ...env, processing: { ...env.processing, cluster: { ...env.processing.cluster, ...patch } } });
const processing = (env: typeof devEu | typeof prodEu, patch: object) => ({ ...env, processing: { ...env.processing, ...patch } });
const withDataset = (dataset: object, others: object[] = [CUSTOMERS]) => ({ ...devEu, datasets: [dataset, ...others] });
const rule = (r: object) => withDataset({ ...ORDERS, quality: { rules: [r] } });

describe('processing configuration fails if', () => {
  test.each<[string, object, RegExp]>([
    ['the release label is malformed', processing(devEu, { releaseLabel: '7.5' }), /processing.releaseLabel: received "7.5"; allowed: a release label such as 'emr-7.5.0'/],
    ['the release is older than 6.11', processing(devEu, { releaseLabel: 'emr-6.8.0' }), /processing.releaseLabel: received "emr-6.8.0"; allowed: emr-6.11.0 or later/],
    ['the instance type is not in the sizing table', cluster(devEu, { core: { instanceType: 't3.large', count: 2, market: 'SPOT' } }), /processing.cluster.core.instanceType: received "t3.large"/],
    ['there is not exactly one primary node', cluster(devEu, { primary: { instanceType: 'm5.xlarge', count: 3, market: 'ON_DEMAND' } }), /processing.cluster.primary.count: received 3; allowed: 1/],
    ['there is no core node', cluster(devEu, { core: { instanceType: 'm5.xlarge', count: 0, market: 'SPOT' } }), /processing.cluster.core.count: received 0; allowed: 1 or more/],
    ['production core nodes are Spot', cluster(prodEu, { core: { instanceType: 'r5.2xlarge', count: 3, market: 'SPOT' } }), /processing.cluster.core.market: received "SPOT"; production core nodes hold HDFS/],
    ['task and core types differ', cluster(devEu, { task: { instanceType: 'r5.xlarge', count: 0, market: 'SPOT' } }), /processing.cluster.task.instanceType: received "r5.xlarge"; differs from core's m5.xlarge/],
    ['managed scaling and custom task scaling are both set', cluster(devEu, { taskAutoScaling: { minimumInstances: 0, maximumInstances: 4 } }), /processing.cluster.taskAutoScaling: received "both"; managedScaling is also set; allowed: either managedScaling or taskAutoScaling/],
    ['managed scaling minimum exceeds maximum', cluster(devEu, { managedScaling: { minimumInstances: 8, maximumInstances: 6 } }), /managedScaling.minimumInstances: received 8; is greater than maximumInstances 6/],
    ['a managed scaling cap exceeds the maximum', cluster(devEu, { managedScaling: { minimumInstances: 2, maximumInstances: 6, maximumOnDemandInstances: 7 } }), /managedScaling.maximumOnDemandInstances: received 7; exceeds maximumInstances 6/],
    ['custom scaling has no task group', cluster(prodEu, { task: undefined, taskAutoScaling: { minimumInstances: 0, maximumInstances: 4 } }), /processing.cluster.taskAutoScaling: received "no task group"; allowed: only with a cluster.task group/],
    ['custom scaling minimum exceeds maximum', cluster(prodEu, { taskAutoScaling: { minimumInstances: 5, maximumInstances: 4 } }), /taskAutoScaling.minimumInstances: received 5; is greater than maximumInstances 4/],
    ['scale-in threshold is not above scale-out threshold', cluster(prodEu, { taskAutoScaling: { minimumInstances: 0, maximumInstances: 4, scaleOutWhenMemoryAvailableBelowPercent: 40, scaleInWhenMemoryAvailableAbovePercent: 30 } }), /scaleInWhenMemoryAvailableAbovePercent: received 30; is not above scaleOutWhenMemoryAvailableBelowPercent 40/],
    ['a cooldown is below a minute', cluster(prodEu, { taskAutoScaling: { minimumInstances: 0, maximumInstances: 4, scaleInCooldownSeconds: 10 } }), /scaleInCooldownSeconds: received 10/],
    ['the task count is outside the custom scaling range', cluster(prodEu, { task: { instanceType: 'r5.2xlarge', count: 30, market: 'SPOT' } }), /processing.cluster.task.count: received 30; allowed: within taskAutoScaling's 0..20/],
    ['serverless memory is under 2 GiB per vCPU', processing(devEu, { serverless: { maximumVcpus: 32, maximumMemoryGiB: 32 } }), /processing.serverless.maximumMemoryGiB: received 32; allowed: at least 2 GiB per vCPU \(64 for 32 vCPUs\)/],
  ])('%s', (_name, input, expected) => {
    expect(messageOf(() => parseEnvironment(input, 'x'))).toMatch(expected);
  });
});

describe('dataset processing fields fail if', () => {
  test.each<[string, object, RegExp]>([
    ['compaction is configured on a parquet dataset', { ...devEu, datasets: [{ ...DAILY_REVENUE, compaction: { columns: ['currency'] } }] }, /datasets\[0\].compaction: received "parquet"; format is 'parquet'; allowed: compaction only on iceberg datasets/],
    ['a compaction column is unknown', withDataset({ ...ORDERS, compaction: { columns: ['nope'] } }), /datasets\[0\].compaction.columns\[0\]: received "nope"; not a column of dataset 'orders'; allowed: order_id, customer_id/],
    ['Z-order has one column', withDataset({ ...ORDERS, compaction: { strategy: 'zorder', columns: ['status'] } }), /datasets\[0\].compaction.columns: received \["status"\]; Z-order interleaves several columns; allowed: 2 or more/],
    ['a compaction column is listed twice', withDataset({ ...ORDERS, compaction: { columns: ['status', 'status'] } }), /compaction.columns: received \["status","status"\]; lists a column twice/],
    ['a schedule is not a Scheduler expression', withDataset({ ...ORDERS, compaction: { columns: ['status'], schedule: '0 3 * * *' } }), /compaction.schedule: received "0 3 \* \* \*"; must be 'cron\(<6 fields>\)' or 'rate/],
    ['a quality rule names an unknown column', rule({ type: 'completeness', column: 'nope' }), /quality.rules\[0\].column: received "nope"; not a column of dataset 'orders'/],
    ['a range rule targets a non-numeric column', rule({ type: 'range', column: 'status', min: 0 }), /quality.rules\[0\].column: received "status"; has type string; allowed: a numeric column/],
    ['a range rule has neither bound', rule({ type: 'range', column: 'amount' }), /quality.rules\[0\]: received .*; a range rule needs min, max or both/],
    ['a range rule has min above max', rule({ type: 'range', column: 'amount', min: 10, max: 1 }), /quality.rules\[0\].min: received 10; is greater than max 1/],
    ['a freshness rule targets a non-temporal column', rule({ type: 'freshness', column: 'status' }), /quality.rules\[0\].column: received "status"; has type string; allowed: a date or timestamp column/],
    ['a freshness rule has no age and the dataset no SLA', withDataset({ ...ORDERS, sla: undefined, quality: { rules: [{ type: 'freshness', column: 'updated_at' }] } }), /quality.rules\[0\].maxAgeHours: received nothing; the dataset declares no sla.freshnessMinutes/],
    ['a referential rule names an unknown dataset', rule({ type: 'referentialIntegrity', column: 'customer_id', references: { dataset: 'clients', column: 'id' } }), /references.dataset: received "clients"; no such dataset; allowed: orders, customers/],
    ['a referential rule names an unknown column', rule({ type: 'referentialIntegrity', column: 'customer_id', references: { dataset: 'customers', column: 'id' } }), /references.column: received "id"; not a column of dataset 'customers'/],
    ['a referential rule references its own dataset', rule({ type: 'referentialIntegrity', column: 'customer_id', references: { dataset: 'orders', column: 'order_id' } }), /references.dataset: received "orders"; references the dataset itself/],
    ['a rule type is unknown', rule({ type: 'regex', column: 'status' }), /quality.rules\[0\].type/],
  ])('%s', (_name, input, expected) => {
    expect(messageOf(() => parseEnvironment(input, 'x'))).toMatch(expected);
  });
});

describe('default profiles', () => {
  test('dev is small and Spot with managed scaling; production keeps core on demand and scales Spot tasks with cooldowns', () => {
    const dev = loadDefaultEnvironment('dev-eu').processing;
    expect(dev.cluster.core.market).toBe('SPOT');
    expect(dev.cluster.managedScaling).toBeDefined();
    expect(dev.cluster.taskAutoScaling).toBeUndefined();
    for (const name of ['prod-eu', 'prod-us']) {
      const prod = loadDefaultEnvironment(name).processing;
      expect(prod.cluster.core.market).toBe('ON_DEMAND');
      expect(prod.cluster.task?.market).toBe('SPOT');
      expect(prod.cluster.taskAutoScaling).toMatchObject({ scaleOutCooldownSeconds: 300, scaleInCooldownSeconds: 900 });
    }
  });

  test('an environment without a processing section gets a small on-demand cluster, valid in production', () => {
    const withoutSection: Record<string, unknown> = { ...prodEu };
    delete withoutSection.processing;
    const env = parseEnvironment(withoutSection);
    expect(env.processing.cluster.core).toMatchObject({ instanceType: 'm5.xlarge', count: 2, market: 'ON_DEMAND' });
    expect(env.processing.cluster.kerberos).toEqual({ ticketLifetimeHours: 24 });
  });

  test('defaults fill in thresholds, schedules and the TLS object', () => {
    const env = loadDefaultEnvironment('prod-eu');
    expect(env.processing.tlsCertificates).toEqual({ provider: 'pem', objectKey: 'tls/emr-certificates.zip' });
    expect(env.processing.cluster.taskAutoScaling?.scaleOutWhenMemoryAvailableBelowPercent).toBe(15);
    const orders = env.datasets.find((d) => d.name === 'orders')!;
    expect(orders.quality?.schedule).toBe('cron(15 * * * ? *)');
    expect(orders.compaction?.targetFileSizeMiB).toBe(512);
    expect(orders.quality?.rules[0]).toEqual({ type: 'completeness', column: 'order_id', threshold: 1 });
  });
});
