/** CPU architecture of an instance type (Graviton types are ARM64). */
export type EmrArchitecture = 'x86_64' | 'arm64';

/**
 * An EC2 instance type the Spark sizing calculator knows: vCPUs, memory, and the
 * memory YARN may hand out on it (`yarn.nodemanager.resource.memory-mb`, EMR's
 * default for the type; the rest is left to the OS and Hadoop daemons).
 *
 * Figures: EC2 instance specifications and the EMR Management Guide's "Hadoop daemon
 * configuration settings" per instance type.
 */
export class EmrInstanceType {
  // General purpose (4 GiB per vCPU).
  public static readonly M5_XLARGE = new EmrInstanceType('m5.xlarge', 4, 16, 12288, 'x86_64');
  public static readonly M5_2XLARGE = new EmrInstanceType('m5.2xlarge', 8, 32, 24576, 'x86_64');
  public static readonly M5_4XLARGE = new EmrInstanceType('m5.4xlarge', 16, 64, 57344, 'x86_64');
  public static readonly M6G_XLARGE = new EmrInstanceType('m6g.xlarge', 4, 16, 12288, 'arm64');
  public static readonly M6G_2XLARGE = new EmrInstanceType('m6g.2xlarge', 8, 32, 24576, 'arm64');
  public static readonly M6G_4XLARGE = new EmrInstanceType('m6g.4xlarge', 16, 64, 57344, 'arm64');
  // Memory optimised (8 GiB per vCPU).
  public static readonly R5_XLARGE = new EmrInstanceType('r5.xlarge', 4, 32, 24576, 'x86_64');
  public static readonly R5_2XLARGE = new EmrInstanceType('r5.2xlarge', 8, 64, 57344, 'x86_64');
  public static readonly R5_4XLARGE = new EmrInstanceType('r5.4xlarge', 16, 128, 122880, 'x86_64');
  public static readonly R6G_XLARGE = new EmrInstanceType('r6g.xlarge', 4, 32, 24576, 'arm64');
  public static readonly R6G_2XLARGE = new EmrInstanceType('r6g.2xlarge', 8, 64, 57344, 'arm64');
  public static readonly R6G_4XLARGE = new EmrInstanceType('r6g.4xlarge', 16, 128, 122880, 'arm64');
  // Compute optimised (2 GiB per vCPU).
  public static readonly C5_XLARGE = new EmrInstanceType('c5.xlarge', 4, 8, 6144, 'x86_64');
  public static readonly C5_2XLARGE = new EmrInstanceType('c5.2xlarge', 8, 16, 12288, 'x86_64');
  public static readonly C5_4XLARGE = new EmrInstanceType('c5.4xlarge', 16, 32, 24576, 'x86_64');

  /** Every known type, in table order. */
  public static all(): EmrInstanceType[] {
    return Object.values(EmrInstanceType).filter((v): v is EmrInstanceType => v instanceof EmrInstanceType);
  }

  /** Names of every known type. */
  public static names(): string[] {
    return EmrInstanceType.all().map((t) => t.name);
  }

  /** A known type by name; throws listing the known names. */
  public static of(name: string): EmrInstanceType {
    const found = EmrInstanceType.all().find((t) => t.name === name);
    if (!found) throw new Error(`EmrInstanceType: received '${name}'; allowed: ${EmrInstanceType.names().join(', ')}`);
    return found;
  }

  private constructor(
    /** EC2 name, e.g. `m5.xlarge`. */
    public readonly name: string,
    /** Virtual CPUs. */
    public readonly vcpus: number,
    /** Instance memory in GiB. */
    public readonly memoryGiB: number,
    /** Memory YARN allocates to containers on one node, in MiB (EMR's default for the type). */
    public readonly yarnMemoryMiB: number,
    /** CPU architecture. */
    public readonly architecture: EmrArchitecture,
  ) {}

  public toString(): string {
    return this.name;
  }
}
