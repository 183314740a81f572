import { Duration } from 'aws-cdk-lib';

/** Kafka `cleanup.policy`: what the log does with old records. */
export class CleanupPolicy {
  /** Delete segments older than the retention (event streams). */
  public static readonly DELETE = new CleanupPolicy('delete');
  /**
   * Keep the latest record per key, forever (CDC tables, reference data). Deletes are
   * tombstones (null value) and disappear after `delete.retention.ms`, which is how
   * an erasure request propagates through a compacted topic.
   */
  public static readonly COMPACT = new CleanupPolicy('compact');
  /** Compact, and also delete segments older than the retention. */
  public static readonly COMPACT_DELETE = new CleanupPolicy('compact,delete');

  public static readonly ALL: readonly CleanupPolicy[] = [CleanupPolicy.DELETE, CleanupPolicy.COMPACT, CleanupPolicy.COMPACT_DELETE];

  /** A policy by its Kafka value (`delete`, `compact`, `compact,delete`). */
  public static of(value: string): CleanupPolicy {
    const found = CleanupPolicy.ALL.find((p) => p.value === value);
    if (!found) throw new Error(`CleanupPolicy must be one of ${CleanupPolicy.ALL.map((p) => p.value).join(', ')}; received '${value}'`);
    return found;
  }

  private constructor(
    /** The Kafka `cleanup.policy` value. */
    public readonly value: string,
  ) {}

  /** Whether records are kept per key (the storage is the key space, not throughput x retention). */
  public get compacts(): boolean {
    return this.value.includes('compact');
  }

  /** Whether segments are deleted by age. */
  public get deletesByAge(): boolean {
    return this.value.includes('delete');
  }
}

/** Kafka `compression.type` of a topic. */
export class CompressionType {
  /** Keep whatever codec the producer used (no broker recompression). */
  public static readonly PRODUCER = new CompressionType('producer');
  public static readonly ZSTD = new CompressionType('zstd');
  public static readonly LZ4 = new CompressionType('lz4');
  public static readonly SNAPPY = new CompressionType('snappy');
  public static readonly GZIP = new CompressionType('gzip');
  public static readonly UNCOMPRESSED = new CompressionType('uncompressed');

  public static readonly ALL: readonly CompressionType[] = [
    CompressionType.PRODUCER,
    CompressionType.ZSTD,
    CompressionType.LZ4,
    CompressionType.SNAPPY,
    CompressionType.GZIP,
    CompressionType.UNCOMPRESSED,
  ];

  /** A codec by its Kafka value. */
  public static of(value: string): CompressionType {
    const found = CompressionType.ALL.find((c) => c.value === value);
    if (!found) throw new Error(`CompressionType must be one of ${CompressionType.ALL.map((c) => c.value).join(', ')}; received '${value}'`);
    return found;
  }

  private constructor(
    /** The Kafka `compression.type` value. */
    public readonly value: string,
  ) {}
}

/**
 * How long a topic must be able to replay its history: decides the default
 * retention. Config may override the retention of any topic.
 */
export class DurabilityClass {
  /** Telemetry and signals whose value decays within hours: 1 day. */
  public static readonly TRANSIENT = new DurabilityClass('transient', Duration.days(1));
  /** Business events consumers must be able to replay after a week-long outage: 7 days. */
  public static readonly STANDARD = new DurabilityClass('standard', Duration.days(7));
  /** Events that rebuild downstream state (reprocessing, backfills): 30 days. */
  public static readonly REPLAYABLE = new DurabilityClass('replayable', Duration.days(30));
  /** Source of record kept for a year (the lake holds the longer history). */
  public static readonly RECORD = new DurabilityClass('record', Duration.days(365));

  public static readonly ALL: readonly DurabilityClass[] = [
    DurabilityClass.TRANSIENT,
    DurabilityClass.STANDARD,
    DurabilityClass.REPLAYABLE,
    DurabilityClass.RECORD,
  ];

  /** A class by name (`transient`, `standard`, `replayable`, `record`). */
  public static of(name: string): DurabilityClass {
    const found = DurabilityClass.ALL.find((d) => d.name === name);
    if (!found) throw new Error(`DurabilityClass must be one of ${DurabilityClass.ALL.map((d) => d.name).join(', ')}; received '${name}'`);
    return found;
  }

  private constructor(
    /** Name used in configuration. */
    public readonly name: string,
    /** Retention the class implies. */
    public readonly retention: Duration,
  ) {}
}
