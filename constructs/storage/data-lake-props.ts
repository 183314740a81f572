import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DataClassification } from '../governance/classification';
import { LifecycleTiers } from './lifecycle-tiers';

/** One zone of the lake (raw, curated, analytics, ...): a bucket of its own. */
export interface DataLakeZoneProps {
  /** Zone name: lowercase letters, digits and hyphens. Tagged as `data-zone`. */
  readonly name: string;
  /** Classification of the zone's data, tagged as `data-classification`. */
  readonly classification: DataClassification;
  /** Key encrypting the zone (normally the key of its classification). */
  readonly encryptionKey: kms.IKey;
  /** Storage tiers and expiry of the zone's objects. */
  readonly lifecycle: LifecycleTiers;
}

export interface DataLakeProps {
  /** The zones, in the order data flows through them. At least one; names unique. */
  readonly zones: readonly DataLakeZoneProps[];
  /**
   * How long the zones' S3 server access logs are kept.
   * @default Duration.days(365)
   */
  readonly accessLogRetention?: Duration;
  /**
   * Keep a replica of every zone: a second bucket in the same region (so inside the
   * residency zone), same key, same lifecycle, receiving every new object version by
   * S3 Replication (delete markers are not replicated). Protects against accidental
   * or malicious deletion and overwrite (NIST CP-9, HIPAA 164.308(a)(7), PCI 10.5).
   * Erasure requests must delete in both buckets.
   * @default false
   */
  readonly replicas?: boolean;
  /**
   * What happens to the zone and log buckets when they leave the stack. DESTROY
   * deletes a bucket only once it is empty.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}
