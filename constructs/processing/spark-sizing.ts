import { EmrInstanceType } from './emr-instance-types';

/**
 * What a Spark workload stresses. Each profile fixes the tuning choices the
 * calculator cannot derive from the hardware: how many cores an executor gets, how
 * much of its container goes to off-heap overhead, how many shuffle partitions per
 * core, the unified memory fraction, whether executors scale dynamically, and how
 * large a table may be broadcast.
 */
export class WorkloadProfile {
  /** Batch ETL: 3-5 cores per executor (HDFS/S3 throughput sweet spot), 10% overhead, 2 partitions per core. */
  public static readonly ETL = new WorkloadProfile('etl', 3, 5, 0.1, 2, 0.6, 64, 128, true);
  /** Wide aggregations, caching, large joins: fewer cores share a heap, 80% unified memory, larger broadcasts. */
  public static readonly MEMORY_INTENSIVE = new WorkloadProfile('memory-intensive', 2, 4, 0.1, 2, 0.8, 128, 128, true);
  /** Many wide shuffles: 15% overhead for Netty buffers, 3 partitions per core, small advisory partitions. */
  public static readonly SHUFFLE_HEAVY = new WorkloadProfile('shuffle-heavy', 3, 5, 0.15, 3, 0.6, 64, 64, true);
  /** Structured Streaming: small executors, fixed executor count (no dynamic allocation), 1 partition per core. */
  public static readonly STREAMING = new WorkloadProfile('streaming', 2, 3, 0.1, 1, 0.6, 32, 64, false);

  /** Every profile. */
  public static all(): WorkloadProfile[] {
    return [WorkloadProfile.ETL, WorkloadProfile.MEMORY_INTENSIVE, WorkloadProfile.SHUFFLE_HEAVY, WorkloadProfile.STREAMING];
  }

  /** A profile by name; throws listing the names. */
  public static of(name: string): WorkloadProfile {
    const found = WorkloadProfile.all().find((p) => p.name === name);
    if (!found) throw new Error(`WorkloadProfile: received '${name}'; allowed: ${WorkloadProfile.all().map((p) => p.name).join(', ')}`);
    return found;
  }

  private constructor(
    public readonly name: string,
    /** Fewest cores an executor may get. */
    public readonly minExecutorCores: number,
    /** Most cores an executor may get (more than 5 concurrent tasks saturate S3/HDFS clients). */
    public readonly maxExecutorCores: number,
    /** Share of an executor's container reserved for off-heap overhead. */
    public readonly overheadFraction: number,
    /** Shuffle partitions per executor core in the cluster. */
    public readonly partitionsPerCore: number,
    /** `spark.memory.fraction`: heap share for execution and storage. */
    public readonly memoryFraction: number,
    /** Largest broadcast-join threshold in MiB (also capped at a tenth of the smaller heap). */
    public readonly broadcastCapMiB: number,
    /** AQE advisory partition size in MiB. */
    public readonly advisoryPartitionMiB: number,
    /** Whether executors scale with the work (off for streaming). */
    public readonly dynamicAllocation: boolean,
  ) {}

  public toString(): string {
    return this.name;
  }
}

/** What the calculator sizes: the worker fleet and what it runs. */
export interface SparkSizingInput {
  /** Instance type of the worker (core and task) nodes. */
  readonly instanceType: EmrInstanceType;
  /** Worker nodes at full scale (core plus task), at least 1. */
  readonly nodeCount: number;
  /** What the workload stresses. */
  readonly profile: WorkloadProfile;
}

/** Spark and YARN settings for one cluster shape; every memory figure is in MiB. */
export interface SparkSizing {
  readonly instanceType: string;
  readonly profile: string;
  readonly nodeCount: number;
  /** vCPUs of one node (`yarn.nodemanager.resource.cpu-vcores`). */
  readonly vcpusPerNode: number;
  /** Memory YARN hands out on one node (`yarn.nodemanager.resource.memory-mb`). */
  readonly yarnMemoryMiB: number;
  /** vCPUs per node left to executors (one is kept for the OS, YARN NodeManager and HDFS DataNode). */
  readonly usableCoresPerNode: number;
  readonly executorsPerNode: number;
  readonly executorCores: number;
  /** Heap per executor (`spark.executor.memory`). */
  readonly executorMemoryMiB: number;
  /** Off-heap overhead per executor (`spark.executor.memoryOverhead`). */
  readonly executorMemoryOverheadMiB: number;
  readonly driverCores: number;
  readonly driverMemoryMiB: number;
  readonly driverMemoryOverheadMiB: number;
  /** Executor slots at full scale minus the one the driver (cluster mode) takes. */
  readonly maxExecutors: number;
  readonly minExecutors: number;
  readonly shufflePartitions: number;
  readonly broadcastJoinThresholdMiB: number;
  readonly advisoryPartitionMiB: number;
  readonly memoryFraction: number;
  readonly dynamicAllocation: boolean;
}

/**
 * YARN's allocation increment (`yarn.scheduler.minimum-allocation-mb`, pinned in
 * yarn-site): containers are rounded up to a multiple of it, so the calculator rounds
 * them down to one, or the last executor of a node would not fit.
 */
export const YARN_ALLOCATION_MIB = 32;

/** Spark's floor for memory overhead. */
const MIN_OVERHEAD_MIB = 384;

/**
 * Picks executor cores within the profile's range that use the most of a node's
 * usable cores; on a tie, the larger executor (fewer JVMs, less duplicated overhead).
 */
function chooseExecutorCores(usable: number, profile: WorkloadProfile): { cores: number; perNode: number } {
  let best = { cores: 0, perNode: 0 };
  for (let cores = profile.maxExecutorCores; cores >= profile.minExecutorCores; cores--) {
    const perNode = Math.floor(usable / cores);
    if (perNode * cores > best.perNode * best.cores) best = { cores, perNode };
  }
  return best;
}

/**
 * Sizes Spark executors and driver for a worker fleet. Pure and deterministic:
 *
 * 1. usable cores = vCPUs - 1 (OS and Hadoop daemons keep one core);
 * 2. executor cores = the value in the profile's range that leaves the fewest usable
 *    cores idle (ties: larger executors); executors per node = usable / cores;
 * 3. container = YARN memory / executors per node, rounded down to a multiple of
 *    32 MiB (YARN's allocation increment); overhead = max(384, ceil(container
 *    x overhead fraction)); heap = container - overhead;
 * 4. driver = one executor-sized container (cluster deploy mode runs it in YARN);
 * 5. executor slots = executors per node x nodes; max executors = slots - 1 (driver);
 *    min executors = one node's worth, capped at max;
 * 6. shuffle partitions = executor cores in the cluster x partitions per core
 *    (AQE coalesces them when they turn out small);
 * 7. broadcast threshold = min(profile cap, floor(heap / 10)).
 *
 * Throws listing every problem if the fleet cannot run a driver and an executor.
 */
export function sizeSpark(input: SparkSizingInput): SparkSizing {
  const { instanceType: type, nodeCount, profile } = input;
  const problems: string[] = [];
  if (!Number.isInteger(nodeCount) || nodeCount < 1) {
    problems.push(`nodeCount: received ${nodeCount}; allowed: a whole number of worker nodes, at least 1`);
  }
  // Every EmrInstanceType has at least 4 vCPUs, so one executor of any profile fits a node.
  const usable = type.vcpus - 1;
  const { cores, perNode } = chooseExecutorCores(usable, profile);
  if (Number.isInteger(nodeCount) && nodeCount >= 1 && perNode * nodeCount < 2) {
    problems.push(
      `nodeCount: received ${nodeCount} (${perNode} executor slot on ${type.name}); allowed: at least ${Math.ceil(2 / perNode)} nodes, so the driver and one executor both fit`,
    );
  }
  if (problems.length > 0) throw new Error(`Invalid Spark sizing input:\n  - ${problems.join('\n  - ')}`);

  const container = Math.floor(type.yarnMemoryMiB / perNode / YARN_ALLOCATION_MIB) * YARN_ALLOCATION_MIB;
  const overhead = Math.max(MIN_OVERHEAD_MIB, Math.ceil(container * profile.overheadFraction));
  const heap = container - overhead;
  const slots = perNode * nodeCount;
  const maxExecutors = slots - 1;
  return {
    instanceType: type.name,
    profile: profile.name,
    nodeCount,
    vcpusPerNode: type.vcpus,
    yarnMemoryMiB: type.yarnMemoryMiB,
    usableCoresPerNode: usable,
    executorsPerNode: perNode,
    executorCores: cores,
    executorMemoryMiB: heap,
    executorMemoryOverheadMiB: overhead,
    driverCores: cores,
    driverMemoryMiB: heap,
    driverMemoryOverheadMiB: overhead,
    maxExecutors,
    minExecutors: Math.min(perNode, maxExecutors),
    shufflePartitions: slots * cores * profile.partitionsPerCore,
    broadcastJoinThresholdMiB: Math.min(profile.broadcastCapMiB, Math.floor(heap / 10)),
    advisoryPartitionMiB: profile.advisoryPartitionMiB,
    memoryFraction: profile.memoryFraction,
    dynamicAllocation: profile.dynamicAllocation,
  };
}

/** An EMR configuration classification (the shape `AWS::EMR::Cluster` Configurations takes). */
export interface EmrClassification {
  readonly classification: string;
  readonly properties: Record<string, string>;
}

/**
 * The EMR classifications that apply a sizing: `spark` (turns off EMR's
 * maximizeResourceAllocation so these values stand), `spark-defaults`, and
 * `yarn-site` (pins the NodeManager's memory and vcores the sizing assumed).
 */
export function sparkClassifications(sizing: SparkSizing): EmrClassification[] {
  const mib = (n: number) => `${n}m`;
  const defaults: Record<string, string> = {
    'spark.executor.cores': String(sizing.executorCores),
    'spark.executor.memory': mib(sizing.executorMemoryMiB),
    'spark.executor.memoryOverhead': mib(sizing.executorMemoryOverheadMiB),
    'spark.driver.cores': String(sizing.driverCores),
    'spark.driver.memory': mib(sizing.driverMemoryMiB),
    'spark.driver.memoryOverhead': mib(sizing.driverMemoryOverheadMiB),
    'spark.memory.fraction': String(sizing.memoryFraction),
    'spark.sql.shuffle.partitions': String(sizing.shufflePartitions),
    'spark.default.parallelism': String(sizing.shufflePartitions),
    'spark.sql.adaptive.enabled': 'true',
    'spark.sql.adaptive.coalescePartitions.enabled': 'true',
    'spark.sql.adaptive.advisoryPartitionSizeInBytes': `${sizing.advisoryPartitionMiB}m`,
    'spark.sql.adaptive.skewJoin.enabled': 'true',
    'spark.sql.adaptive.skewJoin.skewedPartitionFactor': '5',
    'spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes': '256m',
    'spark.sql.autoBroadcastJoinThreshold': `${sizing.broadcastJoinThresholdMiB}m`,
    'spark.serializer': 'org.apache.spark.serializer.KryoSerializer',
    'spark.dynamicAllocation.enabled': String(sizing.dynamicAllocation),
    'spark.shuffle.service.enabled': String(sizing.dynamicAllocation),
  };
  if (sizing.dynamicAllocation) {
    defaults['spark.dynamicAllocation.minExecutors'] = String(sizing.minExecutors);
    defaults['spark.dynamicAllocation.initialExecutors'] = String(sizing.minExecutors);
    defaults['spark.dynamicAllocation.maxExecutors'] = String(sizing.maxExecutors);
  } else {
    defaults['spark.executor.instances'] = String(sizing.maxExecutors);
  }
  return [
    { classification: 'spark', properties: { maximizeResourceAllocation: 'false' } },
    { classification: 'spark-defaults', properties: defaults },
    {
      classification: 'yarn-site',
      properties: {
        'yarn.nodemanager.resource.memory-mb': String(sizing.yarnMemoryMiB),
        'yarn.nodemanager.resource.cpu-vcores': String(sizing.vcpusPerNode),
        'yarn.scheduler.minimum-allocation-mb': String(YARN_ALLOCATION_MIB),
      },
    },
  ];
}
