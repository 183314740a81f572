import { CfnResource, resourcesOf, tagsOf } from '../diff/normalize';
import { EnvironmentTemplates } from '../diff/synth';
import { CostAssumptions } from './assumptions';
import { COMMITMENT_DISCOUNTS, HOURS_PER_MONTH, PRICES_AS_OF, pricesFor, RegionPrices } from './prices';
import { lifecycleFromTemplate, storageByTier } from './storage';

/** What a cost line pays for. */
export type CostCategory = 'streaming' | 'processing' | 'storage' | 'logs' | 'audit' | 'network' | 'keys';

/** One priced item. */
export interface CostLine {
  readonly category: CostCategory;
  /** `<stack>/<logicalId>` of the resource. */
  readonly resource: string;
  /** What is priced, with its quantities (`3 x kafka.m5.large x 730 h`). */
  readonly item: string;
  /** USD per month at on-demand list prices. */
  readonly monthly: number;
  /** USD per month with a 1-year / 3-year commitment, for always-on compute that can be committed. */
  readonly committed?: { readonly oneYear: number; readonly threeYear: number };
}

/** A monthly estimate of one environment. */
export interface CostEstimate {
  readonly environment: string;
  readonly region: string;
  readonly pricesAsOf: string;
  readonly currency: 'USD';
  readonly assumptions: CostAssumptions;
  readonly lines: readonly CostLine[];
  /** Resources that cost money but could not be priced (unknown instance type, unresolved value). */
  readonly unpriced: readonly string[];
  /** Usage-based resources the templates cannot size (EMR Serverless, Flink, MSK Connect, Glue jobs): not in the total. */
  readonly notEstimated: readonly string[];
  readonly total: { readonly onDemand: number; readonly oneYear: number; readonly threeYear: number };
}

/** Estimates the monthly cost of an environment from its synthesized templates and volume assumptions. */
export function estimateCost(env: EnvironmentTemplates, assumptions: CostAssumptions): CostEstimate {
  const prices = pricesFor(env.region);
  const lines: CostLine[] = [];
  const unpriced: string[] = [];
  const notEstimated: string[] = [];
  const ctx: Ctx = { prices, assumptions, lines, unpriced, env };
  for (const stack of env.stacks) {
    for (const [logicalId, resource] of Object.entries(resourcesOf(stack.template))) {
      const pricer = PRICERS[resource.Type];
      if (pricer) pricer(`${stack.id}/${logicalId}`, resource, ctx);
      const usage = USAGE_BASED[resource.Type];
      if (usage) notEstimated.push(`${stack.id}/${logicalId}: ${resource.Type} (${usage})`);
    }
  }
  const total = {
    onDemand: round(sum(lines.map((l) => l.monthly))),
    oneYear: round(sum(lines.map((l) => l.committed?.oneYear ?? l.monthly))),
    threeYear: round(sum(lines.map((l) => l.committed?.threeYear ?? l.monthly))),
  };
  return { environment: env.environment, region: env.region, pricesAsOf: PRICES_AS_OF, currency: 'USD', assumptions, lines, unpriced, notEstimated, total };
}

/** Monthly cost per category. */
export function costByCategory(estimate: CostEstimate): Record<CostCategory, number> {
  const out: Record<CostCategory, number> = { streaming: 0, processing: 0, storage: 0, logs: 0, audit: 0, network: 0, keys: 0 };
  for (const line of estimate.lines) out[line.category] += line.monthly;
  for (const k of Object.keys(out) as CostCategory[]) out[k] = round(out[k]);
  return out;
}

interface Ctx {
  readonly prices: RegionPrices;
  readonly assumptions: CostAssumptions;
  readonly lines: CostLine[];
  readonly unpriced: string[];
  readonly env: EnvironmentTemplates;
}

type Pricer = (id: string, resource: CfnResource, ctx: Ctx) => void;

/** Resources billed by usage the templates do not state, with what their cost depends on. */
const USAGE_BASED: Readonly<Record<string, string>> = {
  'AWS::EMRServerless::Application': 'billed per vCPU-hour and GB-hour of jobs run; pre-initialised capacity while started',
  'AWS::KinesisAnalyticsV2::Application': 'billed per KPU-hour of the running Flink application',
  'AWS::KafkaConnect::Connector': 'billed per MCU-hour of the connector workers',
  'AWS::Glue::Job': 'billed per DPU-hour of job runs',
  'AWS::Athena::WorkGroup': 'billed per TB scanned by queries',
  'AWS::StepFunctions::StateMachine': 'billed per state transition',
};

const PRICERS: Readonly<Record<string, Pricer>> = {
  'AWS::MSK::Cluster': priceMskCluster,
  'AWS::MSK::ServerlessCluster': (id, _r, ctx) =>
    add(ctx, 'streaming', id, `MSK Serverless cluster x ${HOURS_PER_MONTH} h (partitions and throughput not included)`, ctx.prices.mskServerlessClusterHour * HOURS_PER_MONTH),
  'AWS::EMR::Cluster': priceEmrCluster,
  'AWS::EMR::InstanceGroupConfig': (id, r, ctx) => {
    const p = r.Properties ?? {};
    priceInstanceGroup(id, `instance group ${str(p.InstanceRole) ?? ''}`.trim(), p, emrHours(ctx, undefined), ctx);
  },
  'AWS::S3::Bucket': priceBucket,
  'AWS::Logs::LogGroup': priceLogGroup,
  'AWS::CloudTrail::Trail': priceTrail,
  'AWS::EC2::NatGateway': (id, _r, ctx) => {
    const { prices: p, assumptions: a } = ctx;
    add(ctx, 'network', id, `NAT gateway x ${HOURS_PER_MONTH} h + ${a.natGbPerMonth} GB`, p.natHour * HOURS_PER_MONTH + p.natGb * a.natGbPerMonth);
  },
  'AWS::EC2::VPCEndpoint': priceEndpoint,
  'AWS::KMS::Key': (id, _r, ctx) => {
    const { prices: p, assumptions: a } = ctx;
    add(ctx, 'keys', id, `KMS key + ${fmt(a.kmsRequestsPerKeyPerMonth)} requests`, p.kmsKeyMonth + (p.kmsRequestsPer10k * a.kmsRequestsPerKeyPerMonth) / 10_000);
  },
};

function priceMskCluster(id: string, r: CfnResource, ctx: Ctx): void {
  const p = r.Properties ?? {};
  const group = (p.BrokerNodeGroupInfo ?? {}) as Record<string, unknown>;
  const type = str(group.InstanceType);
  const brokers = num(p.NumberOfBrokerNodes);
  const hourly = type === undefined ? undefined : ctx.prices.mskBrokerHour[type];
  if (brokers === undefined || hourly === undefined) {
    ctx.unpriced.push(`${id}: MSK brokers (instance type ${type ?? 'unresolved'}, ${brokers ?? 'unresolved'} brokers; priced types: ${Object.keys(ctx.prices.mskBrokerHour).join(', ')})`);
    return;
  }
  // MSK has no reserved pricing: the commitment figures equal on-demand, shown so the reader sees it.
  const brokerCost = brokers * hourly * HOURS_PER_MONTH;
  add(ctx, 'streaming', id, `MSK ${brokers} x ${type} x ${HOURS_PER_MONTH} h (no reserved pricing for MSK)`, brokerCost, {
    oneYear: brokerCost,
    threeYear: brokerCost,
  });
  const volume = num(dig(group, 'StorageInfo', 'EBSStorageInfo', 'VolumeSize'));
  if (volume !== undefined) {
    add(ctx, 'streaming', id, `MSK storage ${brokers} x ${volume} GB`, brokers * volume * ctx.prices.mskStorageGbMonth);
  }
}

function emrHours(ctx: Ctx, clusterName: string | undefined): number {
  return (clusterName !== undefined ? ctx.assumptions.emrHoursByCluster?.[clusterName] : undefined) ?? ctx.assumptions.emrHoursPerMonth;
}

function priceEmrCluster(id: string, r: CfnResource, ctx: Ctx): void {
  const p = r.Properties ?? {};
  const hours = emrHours(ctx, str(p.Name));
  const instances = (p.Instances ?? {}) as Record<string, unknown>;
  for (const role of ['MasterInstanceGroup', 'CoreInstanceGroup']) {
    if (instances[role]) priceInstanceGroup(id, role.replace('InstanceGroup', '').toLowerCase(), instances[role] as Record<string, unknown>, hours, ctx);
  }
  for (const [i, g] of arr(instances.TaskInstanceGroups).entries()) priceInstanceGroup(id, `task[${i}]`, g as Record<string, unknown>, hours, ctx);
  for (const role of ['MasterInstanceFleet', 'CoreInstanceFleet']) {
    if (instances[role]) priceInstanceFleet(id, role.replace('InstanceFleet', '').toLowerCase(), instances[role] as Record<string, unknown>, hours, ctx);
  }
  for (const [i, f] of arr(instances.TaskInstanceFleets).entries()) priceInstanceFleet(id, `task fleet[${i}]`, f as Record<string, unknown>, hours, ctx);
}

/** On-demand and spot cost of `count` instances of a type for `hours`; undefined if unpriced. */
function instanceCost(type: string, count: number, hours: number, spot: boolean, ctx: Ctx): CostLine['committed'] & { monthly: number } | undefined {
  const ec2 = ctx.prices.ec2Hour[type];
  const emr = ctx.prices.emrHour[type];
  if (ec2 === undefined || emr === undefined) return undefined;
  const ec2Cost = count * hours * ec2 * (spot ? ctx.assumptions.spotPriceFraction : 1);
  const emrCost = count * hours * emr;
  const alwaysOn = hours >= HOURS_PER_MONTH && !spot;
  return {
    monthly: ec2Cost + emrCost,
    oneYear: alwaysOn ? ec2Cost * (1 - COMMITMENT_DISCOUNTS.oneYear) + emrCost : ec2Cost + emrCost,
    threeYear: alwaysOn ? ec2Cost * (1 - COMMITMENT_DISCOUNTS.threeYear) + emrCost : ec2Cost + emrCost,
  };
}

function priceInstanceGroup(id: string, role: string, g: Record<string, unknown>, hours: number, ctx: Ctx): void {
  const type = str(g.InstanceType);
  const count = num(g.InstanceCount) ?? 1;
  const spot = str(g.Market) === 'SPOT';
  const cost = type === undefined ? undefined : instanceCost(type, count, hours, spot, ctx);
  if (type === undefined || cost === undefined) {
    ctx.unpriced.push(`${id}: EMR ${role} (instance type ${type ?? 'unresolved'}; priced types: ${Object.keys(ctx.prices.ec2Hour).join(', ')})`);
    return;
  }
  const { monthly, ...committed } = cost;
  add(ctx, 'processing', id, `EMR ${role} ${count} x ${type} ${spot ? 'spot' : 'on-demand'} x ${hours} h`, monthly, hours >= HOURS_PER_MONTH && !spot ? committed : undefined);
  priceEbs(id, role, g, count, ctx);
}

/**
 * An instance fleet's capacity is priced with its cheapest instance type per unit of
 * weighted capacity (what EMR's lowest-price allocation picks), on-demand and spot apart.
 */
function priceInstanceFleet(id: string, role: string, f: Record<string, unknown>, hours: number, ctx: Ctx): void {
  const configs = arr(f.InstanceTypeConfigs).map((c) => c as Record<string, unknown>);
  const candidates = configs
    .map((c) => ({ type: str(c.InstanceType), weight: num(c.WeightedCapacity) ?? 1, config: c }))
    .filter((c): c is { type: string; weight: number; config: Record<string, unknown> } => c.type !== undefined && ctx.prices.ec2Hour[c.type] !== undefined && ctx.prices.emrHour[c.type] !== undefined);
  if (candidates.length === 0) {
    ctx.unpriced.push(`${id}: EMR ${role} fleet (no priced instance type among ${configs.map((c) => str(c.InstanceType) ?? '?').join(', ')})`);
    return;
  }
  const perUnit = (c: { type: string; weight: number }) => (ctx.prices.ec2Hour[c.type] + ctx.prices.emrHour[c.type]) / c.weight;
  const cheapest = candidates.reduce((a, b) => (perUnit(b) < perUnit(a) ? b : a));
  for (const [capacityKey, spot] of [['TargetOnDemandCapacity', false], ['TargetSpotCapacity', true]] as const) {
    const capacity = num(f[capacityKey]) ?? 0;
    if (capacity <= 0) continue;
    const count = Math.ceil(capacity / cheapest.weight);
    const cost = instanceCost(cheapest.type, count, hours, spot, ctx);
    if (!cost) continue;
    const { monthly, ...committed } = cost;
    add(ctx, 'processing', id, `EMR ${role} fleet ${count} x ${cheapest.type} ${spot ? 'spot' : 'on-demand'} x ${hours} h`, monthly, hours >= HOURS_PER_MONTH && !spot ? committed : undefined);
    priceEbs(id, `${role} fleet`, cheapest.config, count, ctx);
  }
}

function priceEbs(id: string, role: string, g: Record<string, unknown>, count: number, ctx: Ctx): void {
  let gb = 0;
  for (const d of arr(dig(g, 'EbsConfiguration', 'EbsBlockDeviceConfigs'))) {
    const size = num(dig(d, 'VolumeSpecification', 'SizeInGB')) ?? 0;
    gb += size * (num((d as Record<string, unknown>).VolumesPerInstance) ?? 1);
  }
  if (gb > 0) add(ctx, 'processing', id, `EMR ${role} EBS ${count} x ${gb} GB`, count * gb * ctx.prices.ebsGp3GbMonth);
}

function priceBucket(id: string, r: CfnResource, ctx: Ctx): void {
  const p = r.Properties ?? {};
  const zone = tagsOf(p.Tags)['data-zone'];
  const a = ctx.assumptions;
  const audit = p.ObjectLockEnabled === true;
  const ingest = zone !== undefined ? (a.lakeIngestGbPerMonth[zone] ?? a.otherBucketGbPerMonth) : audit ? a.auditGbPerMonth : a.otherBucketGbPerMonth;
  const lifecycle = lifecycleFromTemplate(p.LifecycleConfiguration);
  const tiers = storageByTier(ingest, lifecycle, a.horizonMonths, ctx.prices.s3, a.averageObjectSizeMb);
  const what = zone !== undefined ? `lake zone ${zone}` : audit ? 'audit log files' : 'bucket';
  const detail = tiers.tiers.filter((t) => t.gb > 0).map((t) => `${t.tier} ${fmt(t.gb)} GB`).join(', ');
  add(ctx, audit ? 'audit' : 'storage', id, `S3 ${what}: ${ingest} GB/month -> ${detail || 'empty'}`, tiers.monthly);
}

function priceLogGroup(id: string, r: CfnResource, ctx: Ctx): void {
  const { prices: p, assumptions: a } = ctx;
  const retention = num(r.Properties?.RetentionInDays);
  const months = Math.min(retention === undefined ? Infinity : retention / 30, a.horizonMonths);
  const stored = a.logGroupIngestGbPerMonth * months;
  add(
    ctx,
    'logs',
    id,
    `CloudWatch Logs ${a.logGroupIngestGbPerMonth} GB/month ingested, ${fmt(stored)} GB stored (retention ${retention ?? 'never expires'} d)`,
    a.logGroupIngestGbPerMonth * p.logsIngestGb + stored * p.logsStorageGbMonth,
  );
}

function priceTrail(id: string, r: CfnResource, ctx: Ctx): void {
  const { prices: p, assumptions: a } = ctx;
  const props = r.Properties ?? {};
  const selectors = arr(props.EventSelectors);
  const dataEvents = selectors.some((s) => arr((s as Record<string, unknown>).DataResources).length > 0) || arr(props.AdvancedEventSelectors).length > 0;
  const trailsBefore = ctx.lines.filter((l) => l.item.startsWith('CloudTrail')).length;
  if (dataEvents) {
    add(ctx, 'audit', id, `CloudTrail data events ${fmt(a.trailDataEventsPerMonth)}`, (a.trailDataEventsPerMonth / 100_000) * p.trailDataEventsPer100k);
  }
  // The first copy of management events is free; a second trail recording them pays for its copy.
  const management = (props.EventSelectors === undefined || selectors.some((s) => (s as Record<string, unknown>).IncludeManagementEvents !== false));
  const paid = management && trailsBefore > 0 ? (a.trailManagementEventsPerMonth / 100_000) * p.trailPaidManagementEventsPer100k : 0;
  add(ctx, 'audit', id, `CloudTrail management events (${trailsBefore > 0 ? 'second copy, paid' : 'first copy, free'})`, paid);
}

function priceEndpoint(id: string, r: CfnResource, ctx: Ctx): void {
  const props = r.Properties ?? {};
  if (str(props.VpcEndpointType) !== 'Interface') return; // gateway endpoints (S3, DynamoDB) are free
  const subnets = Array.isArray(props.SubnetIds) ? props.SubnetIds.length : undefined;
  if (subnets === undefined) {
    ctx.unpriced.push(`${id}: interface endpoint (subnets unresolved)`);
    return;
  }
  const { prices: p, assumptions: a } = ctx;
  add(ctx, 'network', id, `interface endpoint ${subnets} AZ x ${HOURS_PER_MONTH} h + ${a.endpointGbPerMonth} GB`, subnets * HOURS_PER_MONTH * p.interfaceEndpointAzHour + a.endpointGbPerMonth * p.interfaceEndpointGb);
}

function add(ctx: Ctx, category: CostCategory, resource: string, item: string, monthly: number, committed?: { oneYear: number; threeYear: number }): void {
  ctx.lines.push({
    category,
    resource,
    item,
    monthly: round(monthly),
    committed: committed && { oneYear: round(committed.oneYear), threeYear: round(committed.threeYear) },
  });
}

function dig(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const k of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
/** Rounds to cents. */
export function round(x: number): number {
  return Math.round(x * 100) / 100;
}
function fmt(x: number): string {
  return x >= 1_000_000 ? `${round(x / 1_000_000)}M` : `${round(x)}`;
}
