import { Duration, Size } from 'aws-cdk-lib';
import { DurabilityClass } from './topic-settings';

/** What a topic must carry, for partition sizing. */
export interface PartitionSizingInput {
  /** Peak bytes written to the topic per second. */
  readonly peakWritePerSecond: Size;
  /** Largest number of consumers of one group that must read in parallel. */
  readonly consumerParallelism: number;
  /**
   * Bytes per second one partition sustains on the producer side (one leader,
   * `acks=all` to two followers). Measure it on your broker type; the default is the
   * conservative figure for m5/m7g.large brokers.
   * @default Size.mebibytes(5)
   */
  readonly partitionWritePerSecond?: Size;
  /**
   * Bytes per second one consumer thread processes from one partition.
   * @default Size.mebibytes(10)
   */
  readonly consumerReadPerSecond?: Size;
  /**
   * Brokers of the cluster: the result is rounded up to a multiple, so partition
   * leaders (and their load) spread evenly.
   * @default 1 (no rounding)
   */
  readonly brokerCount?: number;
}

/** A partition count with the figure that decided it, for reports and docs. */
export interface PartitionSizing {
  readonly partitions: number;
  /** Partitions needed for producer throughput. */
  readonly forWrites: number;
  /** Partitions needed so consumers keep up with the peak. */
  readonly forReads: number;
  /** Partitions needed for consumer parallelism (one partition per consumer at most). */
  readonly forParallelism: number;
}

const DEFAULT_PARTITION_WRITE = Size.mebibytes(5);
const DEFAULT_CONSUMER_READ = Size.mebibytes(10);

/**
 * Partitions for a topic: the largest of what writes, reads and consumer parallelism
 * need, rounded up to a multiple of the broker count. Pure: throws (listing every
 * problem) on impossible input.
 */
export function sizePartitions(input: PartitionSizingInput): PartitionSizing {
  const problems: string[] = [];
  const peak = input.peakWritePerSecond.toBytes();
  const write = (input.partitionWritePerSecond ?? DEFAULT_PARTITION_WRITE).toBytes();
  const read = (input.consumerReadPerSecond ?? DEFAULT_CONSUMER_READ).toBytes();
  const brokers = input.brokerCount ?? 1;
  if (peak < 0) problems.push(`peakWritePerSecond: received ${peak} bytes; allowed: 0 or more`);
  if (write <= 0) problems.push(`partitionWritePerSecond: received ${write} bytes; allowed: more than 0`);
  if (read <= 0) problems.push(`consumerReadPerSecond: received ${read} bytes; allowed: more than 0`);
  if (!Number.isInteger(input.consumerParallelism) || input.consumerParallelism < 1) {
    problems.push(`consumerParallelism: received ${input.consumerParallelism}; allowed: a whole number, 1 or more`);
  }
  if (!Number.isInteger(brokers) || brokers < 1) problems.push(`brokerCount: received ${brokers}; allowed: a whole number, 1 or more`);
  if (problems.length > 0) throw new Error(`Invalid partition sizing input:\n  - ${problems.join('\n  - ')}`);

  const forWrites = Math.max(1, Math.ceil(peak / write));
  const forReads = Math.max(1, Math.ceil(peak / read));
  const forParallelism = input.consumerParallelism;
  const needed = Math.max(forWrites, forReads, forParallelism);
  return { partitions: Math.ceil(needed / brokers) * brokers, forWrites, forReads, forParallelism };
}

/** The retention a durability class implies (config may override it per topic). */
export function retentionFor(durability: DurabilityClass): Duration {
  return durability.retention;
}

/** What a topic keeps on disk, for the storage budget. */
export interface RetainedSizeInput {
  /** Average bytes written per second (not the peak: retention smooths bursts). */
  readonly averageWritePerSecond: Size;
  /** How long records are kept (for delete-by-age topics). */
  readonly retention: Duration;
  /**
   * Size of the live key space, for compacted topics: what remains after compaction.
   * @default - the topic is not compacted; throughput x retention
   */
  readonly compactedSize?: Size;
}

/**
 * Bytes one replica of a topic retains: throughput x retention for delete-by-age
 * topics, the compacted key space for compacted ones (the larger of the two for
 * `compact,delete`; throughput x retention when the key space is unknown). Multiply by the replication factor for the cluster's share.
 */
export function retainedBytesPerReplica(input: RetainedSizeInput, compacts: boolean, deletesByAge: boolean): number {
  const byAge = input.averageWritePerSecond.toBytes() * input.retention.toSeconds();
  const compacted = input.compactedSize?.toBytes();
  if (!compacts || compacted === undefined) return byAge;
  return deletesByAge ? Math.min(byAge, compacted) : compacted;
}
