import { Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { DataClassification } from '../governance/classification';
import { PlatformTagKeys } from '../governance/tags';
import { AccessLogsBucket } from './access-logs-bucket';
import { DataLakeProps } from './data-lake-props';
import { SecureBucket } from './secure-bucket';

const ZONE_NAME = /^[a-z][a-z0-9-]{0,30}$/;

/**
 * A data lake of zones, one SecureBucket each, with lifecycle tiers per zone and a
 * shared access-log bucket. Zone buckets are tagged with their zone and data
 * classification. Access is given through `grantRead` / `grantReadWrite`, which also
 * grant the zone's key.
 */
export class DataLake extends Construct {
  /** Receives the server access logs of every zone bucket. */
  public readonly accessLogsBucket: AccessLogsBucket;
  private readonly buckets = new Map<string, SecureBucket>();
  private readonly classifications = new Map<string, DataClassification>();
  private readonly replicaBuckets = new Map<string, SecureBucket>();

  constructor(scope: Construct, id: string, props: DataLakeProps) {
    super(scope, id);
    const problems: string[] = [];
    if (props.zones.length === 0) problems.push('zones: received none; allowed: at least one zone');
    const names = new Set<string>();
    // Zone buckets are named pascal(zone): names differing only in hyphens would collide.
    const constructIds = new Map<string, string>();
    props.zones.forEach((zone, i) => {
      if (!ZONE_NAME.test(zone.name)) {
        problems.push(`zones[${i}].name: received '${zone.name}'; allowed: lowercase letters, digits and hyphens, starting with a letter, at most 31`);
      }
      if (names.has(zone.name)) problems.push(`zones[${i}].name: received '${zone.name}' twice; allowed: unique zone names`);
      names.add(zone.name);
      const clash = constructIds.get(pascal(zone.name));
      if (clash !== undefined && clash !== zone.name) {
        problems.push(
          `zones[${i}].name: received '${zone.name}', which differs from '${clash}' only in hyphens; allowed: names that differ in letters or digits`,
        );
      }
      if (clash === undefined) constructIds.set(pascal(zone.name), zone.name);
    });
    if (problems.length > 0) throw new Error(`Invalid DataLake '${this.node.path}':\n  - ${problems.join('\n  - ')}`);

    this.accessLogsBucket = new AccessLogsBucket(this, 'AccessLogs', {
      retention: props.accessLogRetention,
      removalPolicy: props.removalPolicy,
    });

    for (const zone of props.zones) {
      // The replica expires with the zone (same lifecycle): it never keeps data longer than the source.
      const replica = props.replicas
        ? new SecureBucket(this, `${pascal(zone.name)}Replica`, {
            encryptionKey: zone.encryptionKey,
            serverAccessLogsBucket: this.accessLogsBucket,
            serverAccessLogsPrefix: `${zone.name}-replica/`,
            lifecycle: zone.lifecycle,
            removalPolicy: props.removalPolicy,
          })
        : undefined;
      const bucket = new SecureBucket(this, pascal(zone.name), {
        encryptionKey: zone.encryptionKey,
        serverAccessLogsBucket: this.accessLogsBucket,
        serverAccessLogsPrefix: `${zone.name}/`,
        lifecycle: zone.lifecycle,
        removalPolicy: props.removalPolicy,
        replication: replica ? { destination: replica, destinationKey: zone.encryptionKey } : undefined,
      });
      for (const b of replica ? [bucket, replica] : [bucket]) {
        Tags.of(b).add(PlatformTagKeys.DATA_ZONE, zone.name);
        Tags.of(b).add(PlatformTagKeys.DATA_CLASSIFICATION, zone.classification);
      }
      if (replica) Tags.of(replica).add(PlatformTagKeys.REPLICA_OF, zone.name);
      this.buckets.set(zone.name, bucket);
      this.classifications.set(zone.name, zone.classification);
      if (replica) this.replicaBuckets.set(zone.name, replica);
    }
  }

  /** Zone names, in the order they were declared. */
  public get zoneNames(): string[] {
    return [...this.buckets.keys()];
  }

  /** The bucket of a zone; throws naming the known zones if there is no such zone. */
  public zone(name: string): SecureBucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new Error(`DataLake '${this.node.path}' has no zone '${name}'; zones: ${this.zoneNames.join(', ')}`);
    return bucket;
  }

  /** The data classification of a zone; throws naming the known zones if there is no such zone. */
  public classificationOf(name: string): DataClassification {
    this.zone(name);
    return this.classifications.get(name)!;
  }

  /** The replica of a zone, if the lake keeps replicas. */
  public replicaOf(name: string): SecureBucket | undefined {
    this.zone(name);
    return this.replicaBuckets.get(name);
  }

  /** Every replica bucket, in zone declaration order (empty without `replicas`). */
  public get replicas(): SecureBucket[] {
    return [...this.replicaBuckets.values()];
  }

  /** Every zone bucket, in declaration order. */
  public get zoneBuckets(): SecureBucket[] {
    return [...this.buckets.values()];
  }

  /** Read access to a zone's objects (and decrypt through S3 with its key), optionally under a key prefix. */
  public grantRead(grantee: iam.IGrantable, zone: string, objectsKeyPattern?: string): iam.Grant {
    return this.zone(zone).grantRead(grantee, objectsKeyPattern);
  }

  /** Read and write access to a zone's objects (and its key through S3), optionally under a key prefix. */
  public grantReadWrite(grantee: iam.IGrantable, zone: string, objectsKeyPattern?: string): iam.Grant {
    return this.zone(zone).grantReadWrite(grantee, objectsKeyPattern);
  }
}

function pascal(name: string): string {
  return name
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}
