import { DEVELOPMENT_ASSUMPTIONS, PRODUCTION_ASSUMPTIONS, assumptionsFor } from '../../../lib/cost/assumptions';
import { costByCategory, estimateCost } from '../../../lib/cost/estimate';
import { PRICES, PRICES_AS_OF, UnpricedRegionError } from '../../../lib/cost/prices';
import { emrCluster, fixtureEnvironment, mskCluster, zoneBucket } from '../diff/fixtures';

const dev = { ...DEVELOPMENT_ASSUMPTIONS, emrHoursPerMonth: 168 };
const linesOf = (resources: Record<string, unknown>, assumptions = dev, region = 'eu-west-1') =>
  estimateCost(fixtureEnvironment('dev-eu', region, { Stack: resources }), assumptions);

describe('estimateCost (eu-west-1 list prices)', () => {
  test('MSK: brokers x instance-hours and storage GB-month; no commitment discount exists', () => {
    const e = linesOf({ Cluster: mskCluster({ brokers: 3, instanceType: 'kafka.m5.large', volumeGb: 1000 }) });
    expect(e.lines.map((l) => [l.item.split(' (')[0], l.monthly])).toEqual([
      ['MSK 3 x kafka.m5.large x 730 h', 499.32],
      ['MSK storage 3 x 1000 GB', 330],
    ]);
    expect(e.total).toEqual({ onDemand: 829.32, oneYear: 829.32, threeYear: 829.32 });
  });

  test('EMR instance groups: on-demand and spot, EMR charge on top of EC2, EBS volumes', () => {
    const e = linesOf({ Cluster: emrCluster({ coreCount: 2 }) });
    expect(e.lines.map((l) => [l.item, l.monthly])).toEqual([
      ['EMR master 1 x m5.xlarge on-demand x 168 h', 44.02],
      ['EMR core 2 x r5.xlarge on-demand x 168 h', 115.92],
      ['EMR core EBS 2 x 200 GB', 35.2],
      ['EMR task[0] 4 x m5.xlarge spot x 168 h', 82.59],
    ]);
    expect(e.lines.every((l) => l.committed === undefined)).toBe(true); // not always on: nothing to commit
  });

  test('an always-on EMR cluster shows savings-plan figures on its on-demand EC2 part only', () => {
    const e = linesOf({ Cluster: emrCluster() }, { ...PRODUCTION_ASSUMPTIONS, emrHoursPerMonth: 730 });
    const master = e.lines.find((l) => l.item.startsWith('EMR master'));
    expect(master).toMatchObject({ monthly: 191.26, committed: { oneYear: 147.52, threeYear: 113.15 } });
    expect(e.lines.find((l) => l.item.startsWith('EMR task'))?.committed).toBeUndefined(); // spot is not committed
    expect(e.total.oneYear).toBeLessThan(e.total.onDemand);
    expect(e.total.threeYear).toBeLessThan(e.total.oneYear);
  });

  test('EMR hours can be set per cluster by name', () => {
    const e = linesOf({ Cluster: emrCluster({ name: 'nightly' }) }, { ...dev, emrHoursByCluster: { nightly: 60 } });
    expect(e.lines[0].item).toBe('EMR master 1 x m5.xlarge on-demand x 60 h');
  });

  test('EMR instance fleets: the cheapest type per weighted unit, on-demand and spot capacity apart', () => {
    const cluster = {
      Type: 'AWS::EMR::Cluster',
      Properties: {
        Name: 'fleet',
        Instances: {
          CoreInstanceFleet: {
            TargetOnDemandCapacity: 4,
            TargetSpotCapacity: 8,
            InstanceTypeConfigs: [
              { InstanceType: 'm5.2xlarge', WeightedCapacity: 2 },
              { InstanceType: 'r5.xlarge', WeightedCapacity: 1 },
            ],
          },
        },
      },
    };
    const e = linesOf({ Cluster: cluster });
    expect(e.lines.map((l) => [l.item, l.monthly])).toEqual([
      ['EMR core fleet 2 x m5.2xlarge on-demand x 168 h', 176.06],
      ['EMR core fleet 4 x m5.2xlarge spot x 168 h', 165.18],
    ]);
  });

  test('S3: volume per lifecycle tier from the template (Standard 30 d, Standard-IA to day 90, then expired)', () => {
    const e = linesOf({ Raw: zoneBucket('raw', { Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }], ExpirationInDays: 90 }) });
    expect(e.lines).toEqual([expect.objectContaining({ category: 'storage', monthly: 4.8 })]);
    expect(e.lines[0].item).toBe('S3 lake zone raw: 100 GB/month -> STANDARD 100 GB, STANDARD_IA 200 GB');
  });

  test('S3 Intelligent-Tiering: automatic access tiers for data not read again, plus the per-object fee', () => {
    const e = linesOf({ Curated: zoneBucket('curated', { Transitions: [{ StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 0 }] }) }, {
      ...dev,
      lakeIngestGbPerMonth: { curated: 30 },
    });
    // 12 months: 30 GB frequent, 60 GB infrequent, 270 GB archive instant; 360 GB / 16 MB objects = 23,040 objects.
    expect(e.lines[0].monthly).toBe(2.58);
  });

  test('CloudWatch Logs: ingestion plus storage up to the retention', () => {
    const e = linesOf({ Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } } });
    expect(e.lines).toEqual([expect.objectContaining({ category: 'logs', monthly: 3.3 })]);
  });

  test('CloudTrail: data events are paid, the first copy of management events is free', () => {
    const trail = { Type: 'AWS::CloudTrail::Trail', Properties: { EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['x'] }], IncludeManagementEvents: true }] } };
    const e = linesOf({ Trail: trail });
    expect(e.lines.map((l) => [l.item, l.monthly])).toEqual([
      ['CloudTrail data events 5M', 5],
      ['CloudTrail management events (first copy, free)', 0],
    ]);
    const two = linesOf({ Trail: trail, Second: trail });
    expect(two.lines.find((l) => l.item.includes('second copy'))?.monthly).toBe(20);
  });

  test('network: NAT gateway hours, interface endpoints per AZ-hour, gateway endpoints free', () => {
    const e = linesOf({
      Nat: { Type: 'AWS::EC2::NatGateway', Properties: {} },
      Interface: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Interface', SubnetIds: ['a', 'b', 'c'] } },
      Gateway: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Gateway' } },
    });
    expect(e.lines.map((l) => [l.resource, l.monthly])).toEqual([
      ['Stack/Nat', 35.04],
      ['Stack/Interface', 24.19],
    ]);
    expect(costByCategory(e).network).toBe(59.23);
  });

  test('KMS: per key per month plus requests', () => {
    const e = linesOf({ Key: { Type: 'AWS::KMS::Key', Properties: {} } });
    expect(e.lines[0].monthly).toBe(1.3);
  });

  test('reports what it cannot price instead of guessing', () => {
    const e = linesOf({ Cluster: mskCluster({ instanceType: 'kafka.x9.huge' }) });
    expect(e.lines).toEqual([]);
    expect(e.unpriced[0]).toContain('kafka.x9.huge');
  });

  test('fails if the region has no price table, naming the priced regions', () => {
    expect(() => linesOf({}, dev, 'ap-south-1')).toThrow(UnpricedRegionError);
    expect(() => linesOf({}, dev, 'ap-south-1')).toThrow("region 'ap-south-1' has no price table; allowed: us-east-1, eu-west-1, eu-central-1");
  });

  test('the price table is dated and covers the default environments\' regions with the same items', () => {
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const shape = (r: string) => JSON.stringify(Object.keys(PRICES[r]).concat(Object.keys(PRICES[r].mskBrokerHour), Object.keys(PRICES[r].ec2Hour)));
    expect(shape('eu-west-1')).toBe(shape('us-east-1'));
    expect(shape('eu-central-1')).toBe(shape('us-east-1'));
  });

  test('assumptions: production and development defaults', () => {
    expect(assumptionsFor('anything', true)).toBe(PRODUCTION_ASSUMPTIONS);
    expect(assumptionsFor('anything', false)).toBe(DEVELOPMENT_ASSUMPTIONS);
  });
});
