/**
 * An Apache Kafka version MSK runs. Typed so that a cluster cannot be given a
 * version string MSK does not know; `KafkaVersion.of` is the escape hatch for a
 * version released after this library.
 */
export class KafkaVersion {
  /** Kafka 3.6.0 (KRaft not yet available on MSK for this line). */
  public static readonly V3_6_0 = new KafkaVersion('3.6.0');
  /** Kafka 3.7.x, MSK-managed patch level. */
  public static readonly V3_7_X = new KafkaVersion('3.7.x');
  /** Kafka 3.8.x, MSK-managed patch level. */
  public static readonly V3_8_X = new KafkaVersion('3.8.x');
  /** Kafka 3.9.x, MSK-managed patch level (the last line with ZooKeeper or KRaft). */
  public static readonly V3_9_X = new KafkaVersion('3.9.x');

  /** Kafka 4.0.x: KRaft only, MSK-managed patch level. */
  public static readonly V4_0_X = new KafkaVersion('4.0.x');

  /** The versions this library knows, oldest first. */
  public static readonly KNOWN: readonly KafkaVersion[] = [KafkaVersion.V3_6_0, KafkaVersion.V3_7_X, KafkaVersion.V3_8_X, KafkaVersion.V3_9_X, KafkaVersion.V4_0_X];

  /** A version by its MSK name, e.g. `KafkaVersion.of('3.9.x')`. Throws on a malformed name. */
  public static of(version: string): KafkaVersion {
    return KafkaVersion.KNOWN.find((v) => v.version === version) ?? new KafkaVersion(version);
  }

  private constructor(
    /** The version as MSK names it (`3.9.x`). */
    public readonly version: string,
  ) {
    if (!/^\d+\.\d+\.(\d+|x)(\.tiered)?$/.test(version)) {
      throw new Error(`KafkaVersion must look like '3.9.x' or '3.6.0'; received '${version}'`);
    }
  }

  /** Major and minor numbers, for comparisons. */
  public get majorMinor(): readonly [number, number] {
    const [major, minor] = this.version.split('.').map(Number);
    return [major, minor];
  }

  /** Whether this version is at least `major.minor`. */
  public isAtLeast(major: number, minor: number): boolean {
    const [ma, mi] = this.majorMinor;
    return ma > major || (ma === major && mi >= minor);
  }

  public toString(): string {
    return this.version;
  }
}

/**
 * A broker instance type (`kafka.m7g.large`, ...). Typed for the common sizes; `of`
 * accepts any `kafka.*` type.
 */
export class KafkaInstanceType {
  /** Burstable, 2 vCPU, 2 GiB: development only. */
  public static readonly T3_SMALL = new KafkaInstanceType('kafka.t3.small');
  public static readonly M5_LARGE = new KafkaInstanceType('kafka.m5.large');
  public static readonly M7G_LARGE = new KafkaInstanceType('kafka.m7g.large');
  public static readonly M7G_XLARGE = new KafkaInstanceType('kafka.m7g.xlarge');
  public static readonly M7G_2XLARGE = new KafkaInstanceType('kafka.m7g.2xlarge');

  /** An instance type by name, e.g. `KafkaInstanceType.of('kafka.m7g.4xlarge')`. */
  public static of(name: string): KafkaInstanceType {
    return new KafkaInstanceType(name);
  }

  private constructor(
    /** The MSK instance type name. */
    public readonly name: string,
  ) {
    if (!/^kafka\.[a-z0-9]+\.[a-z0-9]+$/.test(name)) {
      throw new Error(`KafkaInstanceType must look like 'kafka.m7g.large'; received '${name}'`);
    }
  }

  /** Burstable (t3) brokers: no storage autoscaling-friendly throughput guarantees; not for production. */
  public get isBurstable(): boolean {
    return this.name.startsWith('kafka.t');
  }

  public toString(): string {
    return this.name;
  }
}
