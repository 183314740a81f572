/**
 * An Amazon EMR release label (`emr-<major>.<minor>.<patch>`), used by EMR on EC2
 * clusters and EMR Serverless applications. The platform needs 6.11 or later: Iceberg through the
 * `iceberg-defaults` classification
 * and `rewrite_data_files` sort and Z-order strategies, IMDSv2 in security
 * configurations, and EMR Serverless network configuration all require it.
 */
export class EmrRelease {
  /** Oldest release the platform supports. */
  public static readonly MINIMUM = { major: 6, minor: 11 } as const;

  public static readonly EMR_6_15_0 = EmrRelease.of('emr-6.15.0');
  public static readonly EMR_7_2_0 = EmrRelease.of('emr-7.2.0');
  public static readonly EMR_7_5_0 = EmrRelease.of('emr-7.5.0');

  /** Parses and validates a label; throws naming the received label and what is allowed. */
  public static of(label: string): EmrRelease {
    const problem = EmrRelease.problemWith(label);
    if (problem) throw new Error(`EmrRelease: ${problem}`);
    const [major, minor, patch] = label.slice('emr-'.length).split('.').map(Number);
    return new EmrRelease(label, major, minor, patch);
  }

  /** Why a label is not acceptable, or undefined if it is (for config validation). */
  public static problemWith(label: string): string | undefined {
    const match = /^emr-(\d+)\.(\d+)\.(\d+)$/.exec(label);
    if (!match) return `received '${label}'; allowed: a release label such as 'emr-7.5.0'`;
    const [major, minor] = [Number(match[1]), Number(match[2])];
    const { major: minMajor, minor: minMinor } = EmrRelease.MINIMUM;
    if (major < minMajor || (major === minMajor && minor < minMinor)) {
      return `received '${label}'; allowed: emr-${minMajor}.${minMinor}.0 or later (Iceberg sort/Z-order compaction, IMDSv2, Serverless networking)`;
    }
    return undefined;
  }

  private constructor(
    /** The label as EMR spells it, e.g. `emr-7.5.0`. */
    public readonly label: string,
    public readonly major: number,
    public readonly minor: number,
    public readonly patch: number,
  ) {}

  /** True if this release is `major.minor` or later. */
  public atLeast(major: number, minor: number): boolean {
    return this.major > major || (this.major === major && this.minor >= minor);
  }

  public toString(): string {
    return this.label;
  }
}
