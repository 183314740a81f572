import { EmrInstanceType } from '../../../constructs/processing/emr-instance-types';
import { sizeSpark, sparkClassifications, WorkloadProfile } from '../../../constructs/processing/spark-sizing';

/**
 * Hand-computed expectations. Rules (see sizeSpark): usable = vCPU - 1; executor
 * cores = the value in the profile's range leaving the fewest usable cores idle
 * (ties: larger); container = floor(YARN MiB / executors per node) rounded down to
 * 32 MiB; overhead = max(384, ceil(container x fraction)); heap = container - overhead;
 * max executors = slots - 1; partitions = slots x cores x partitions per core;
 * broadcast = min(cap, floor(heap / 10)).
 */
describe('sizeSpark against hand-computed values', () => {
  test('m5.xlarge x 4, etl', () => {
    // usable 4-1 = 3; cores 5 and 4 fit 0 executors, 3 fits 1 -> 1 x 3 cores
    // container 12288 / 1 = 12288 (a multiple of 32); overhead ceil(1228.8) = 1229; heap 12288 - 1229 = 11059
    // slots 4 x 1 = 4 -> max 3, min 1; partitions 4 x 3 x 2 = 24; broadcast min(64, 1105) = 64
    expect(sizeSpark({ instanceType: EmrInstanceType.M5_XLARGE, nodeCount: 4, profile: WorkloadProfile.ETL })).toMatchObject({
      usableCoresPerNode: 3,
      executorsPerNode: 1,
      executorCores: 3,
      executorMemoryMiB: 11059,
      executorMemoryOverheadMiB: 1229,
      driverCores: 3,
      driverMemoryMiB: 11059,
      maxExecutors: 3,
      minExecutors: 1,
      shufflePartitions: 24,
      broadcastJoinThresholdMiB: 64,
      dynamicAllocation: true,
    });
  });

  test('r5.2xlarge x 10, memory-intensive', () => {
    // usable 7; cores 4 -> 1 executor (4 used), 3 -> 2 (6 used), 2 -> 3 (6 used, tie keeps 3) -> 2 x 3 cores
    // container 57344 / 2 = 28672; overhead ceil(2867.2) = 2868; heap 25804
    // slots 20 -> max 19, min 2; partitions 20 x 3 x 2 = 120; broadcast min(128, 2580) = 128
    expect(sizeSpark({ instanceType: EmrInstanceType.R5_2XLARGE, nodeCount: 10, profile: WorkloadProfile.MEMORY_INTENSIVE })).toMatchObject({
      executorsPerNode: 2,
      executorCores: 3,
      executorMemoryMiB: 25804,
      executorMemoryOverheadMiB: 2868,
      maxExecutors: 19,
      minExecutors: 2,
      shufflePartitions: 120,
      broadcastJoinThresholdMiB: 128,
      memoryFraction: 0.8,
    });
  });

  test('c5.4xlarge x 6, shuffle-heavy', () => {
    // usable 15; cores 5 -> 3 executors (15 used) -> 3 x 5 cores
    // container 24576 / 3 = 8192; overhead 15%: ceil(1228.8) = 1229; heap 6963
    // slots 18 -> max 17, min 3; partitions 18 x 5 x 3 = 270; broadcast min(64, 696) = 64
    expect(sizeSpark({ instanceType: EmrInstanceType.C5_4XLARGE, nodeCount: 6, profile: WorkloadProfile.SHUFFLE_HEAVY })).toMatchObject({
      executorsPerNode: 3,
      executorCores: 5,
      executorMemoryMiB: 6963,
      executorMemoryOverheadMiB: 1229,
      maxExecutors: 17,
      minExecutors: 3,
      shufflePartitions: 270,
      broadcastJoinThresholdMiB: 64,
      advisoryPartitionMiB: 64,
    });
  });

  test('m5.4xlarge x 5, etl: containers round down to YARN 32 MiB increments', () => {
    // usable 15; cores 5 -> 3 executors
    // 57344 / 3 = 19114.67 -> floor(19114.67 / 32) = 597 -> 597 x 32 = 19104 (3 x 19104 = 57312 <= 57344)
    // overhead ceil(1910.4) = 1911; heap 19104 - 1911 = 17193; slots 15 -> max 14; partitions 15 x 5 x 2 = 150
    expect(sizeSpark({ instanceType: EmrInstanceType.M5_4XLARGE, nodeCount: 5, profile: WorkloadProfile.ETL })).toMatchObject({
      executorsPerNode: 3,
      executorCores: 5,
      executorMemoryMiB: 17193,
      executorMemoryOverheadMiB: 1911,
      maxExecutors: 14,
      shufflePartitions: 150,
    });
  });

  test('m6g.2xlarge x 3, streaming: fixed executors, 1 partition per core', () => {
    // usable 7; cores 3 -> 2 executors (6), 2 -> 3 (6, tie keeps 3) -> 2 x 3 cores
    // container 24576 / 2 = 12288; overhead 1229; heap 11059; slots 6 -> 5 executors
    // partitions 6 x 3 x 1 = 18; broadcast min(32, 1105) = 32
    const sizing = sizeSpark({ instanceType: EmrInstanceType.M6G_2XLARGE, nodeCount: 3, profile: WorkloadProfile.STREAMING });
    expect(sizing).toMatchObject({ executorsPerNode: 2, executorCores: 3, executorMemoryMiB: 11059, maxExecutors: 5, shufflePartitions: 18, broadcastJoinThresholdMiB: 32, dynamicAllocation: false });
  });

  test('overhead never drops below Spark\'s 384 MiB floor', () => {
    // c5.xlarge streaming: usable 3; cores 3 -> 1 executor; container 6144; 10% = 615 > 384
    // c5.2xlarge streaming: usable 7; 3 -> 2 (6), 2 -> 3 (6, tie keeps 3); 12288 / 2 = 6144; overhead 615
    expect(sizeSpark({ instanceType: EmrInstanceType.C5_XLARGE, nodeCount: 2, profile: WorkloadProfile.STREAMING }).executorMemoryOverheadMiB).toBe(615);
    for (const instanceType of EmrInstanceType.all()) {
      for (const profile of WorkloadProfile.all()) {
        const s = sizeSpark({ instanceType, nodeCount: 4, profile });
        expect(s.executorMemoryOverheadMiB).toBeGreaterThanOrEqual(384);
        // every container of a node fits the node's YARN memory
        expect(s.executorsPerNode * (s.executorMemoryMiB + s.executorMemoryOverheadMiB)).toBeLessThanOrEqual(instanceType.yarnMemoryMiB);
        expect(s.executorsPerNode * s.executorCores).toBeLessThanOrEqual(instanceType.vcpus - 1);
        expect((s.executorMemoryMiB + s.executorMemoryOverheadMiB) % 32).toBe(0);
      }
    }
  });
});

describe('sizeSpark fails if', () => {
  test('the node count is not a positive whole number', () => {
    expect(() => sizeSpark({ instanceType: EmrInstanceType.M5_XLARGE, nodeCount: 0, profile: WorkloadProfile.ETL })).toThrow(
      /nodeCount: received 0; allowed: a whole number of worker nodes, at least 1/,
    );
    expect(() => sizeSpark({ instanceType: EmrInstanceType.M5_XLARGE, nodeCount: 2.5, profile: WorkloadProfile.ETL })).toThrow(/nodeCount: received 2.5/);
  });

  test('the fleet has no room for both the driver and an executor', () => {
    expect(() => sizeSpark({ instanceType: EmrInstanceType.M5_XLARGE, nodeCount: 1, profile: WorkloadProfile.ETL })).toThrow(
      /nodeCount: received 1 \(1 executor slot on m5.xlarge\); allowed: at least 2 nodes, so the driver and one executor both fit/,
    );
  });
});

describe('sparkClassifications', () => {
  const sizing = sizeSpark({ instanceType: EmrInstanceType.R5_2XLARGE, nodeCount: 10, profile: WorkloadProfile.MEMORY_INTENSIVE });
  const byName = Object.fromEntries(sparkClassifications(sizing).map((c) => [c.classification, c.properties]));

  test('turns off maximizeResourceAllocation so the computed values stand', () => {
    expect(byName.spark).toEqual({ maximizeResourceAllocation: 'false' });
  });

  test('writes the sizing, AQE with skew joins and the broadcast threshold into spark-defaults', () => {
    expect(byName['spark-defaults']).toMatchObject({
      'spark.executor.cores': '3',
      'spark.executor.memory': '25804m',
      'spark.executor.memoryOverhead': '2868m',
      'spark.driver.memory': '25804m',
      'spark.sql.shuffle.partitions': '120',
      'spark.sql.adaptive.enabled': 'true',
      'spark.sql.adaptive.skewJoin.enabled': 'true',
      'spark.sql.autoBroadcastJoinThreshold': '128m',
      'spark.dynamicAllocation.enabled': 'true',
      'spark.dynamicAllocation.minExecutors': '2',
      'spark.dynamicAllocation.maxExecutors': '19',
      'spark.memory.fraction': '0.8',
    });
    expect(byName['spark-defaults']['spark.executor.instances']).toBeUndefined();
  });

  test('pins YARN memory, vcores and allocation increment in yarn-site', () => {
    expect(byName['yarn-site']).toEqual({
      'yarn.nodemanager.resource.memory-mb': '57344',
      'yarn.nodemanager.resource.cpu-vcores': '8',
      'yarn.scheduler.minimum-allocation-mb': '32',
    });
  });

  test('streaming fixes the executor count instead of scaling dynamically', () => {
    const streaming = sparkClassifications(sizeSpark({ instanceType: EmrInstanceType.M6G_2XLARGE, nodeCount: 3, profile: WorkloadProfile.STREAMING }));
    const defaults = streaming.find((c) => c.classification === 'spark-defaults')!.properties;
    expect(defaults['spark.dynamicAllocation.enabled']).toBe('false');
    expect(defaults['spark.executor.instances']).toBe('5');
    expect(defaults['spark.dynamicAllocation.maxExecutors']).toBeUndefined();
  });
});

describe('typed tables', () => {
  test('instance types and profiles resolve by name and reject unknown names with the list', () => {
    expect(EmrInstanceType.of('r6g.4xlarge')).toBe(EmrInstanceType.R6G_4XLARGE);
    expect(EmrInstanceType.names()).toHaveLength(15);
    expect(() => EmrInstanceType.of('t3.micro')).toThrow(/received 't3.micro'; allowed: m5.xlarge, m5.2xlarge/);
    expect(WorkloadProfile.of('shuffle-heavy')).toBe(WorkloadProfile.SHUFFLE_HEAVY);
    expect(() => WorkloadProfile.of('batch')).toThrow(/received 'batch'; allowed: etl, memory-intensive, shuffle-heavy, streaming/);
  });
});
