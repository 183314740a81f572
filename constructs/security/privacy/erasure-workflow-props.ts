import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** An Iceberg table whose rows of a subject are deleted with an Athena `DELETE`. */
export interface ErasureTable {
  /** Glue database of the table. */
  readonly database: string;
  /** Glue table name. */
  readonly table: string;
  /** Column holding the subject identifier. */
  readonly subjectColumn: string;
  /** Bucket holding the table's data and metadata files. */
  readonly bucket: s3.IBucket;
  /**
   * Key prefix of the table's files in the bucket.
   * @default - `<table>/`
   */
  readonly prefix?: string;
}

/** A compacted Kafka topic keyed by the subject identifier: erasure sends it a tombstone. */
export interface TombstoneTarget {
  /** Topic name. */
  readonly topic: string;
  /** Dataset the topic feeds, recorded in the request message and the audit trail. */
  readonly dataset: string;
}

export interface ErasureWorkflowProps {
  /** Key encrypting the subject index, the state machine's data and the tombstone queue. */
  readonly encryptionKey: kms.IKey;
  /** Key encrypting the audit log group (the audit trail's key). */
  readonly auditKey: kms.IKey;
  /**
   * Lake buckets holding objects the subject index may point to; the workflow may
   * list and delete object versions there, nowhere else.
   */
  readonly buckets: readonly s3.IBucket[];
  /**
   * Iceberg tables whose rows of the subject are deleted.
   * @default - none
   */
  readonly tables?: readonly ErasureTable[];
  /**
   * Compacted topics that receive a tombstone for the subject.
   * @default - none
   */
  readonly tombstones?: readonly TombstoneTarget[];
  /**
   * Bucket receiving the server access logs of the Athena query-results bucket
   * (created only when `tables` is not empty).
   * @default - required when `tables` is not empty
   */
  readonly serverAccessLogsBucket?: s3.IBucket;
  /**
   * Objects erased in parallel.
   * @default 10
   */
  readonly maxConcurrency?: number;
  /**
   * Longest an erasure may run before it fails (and is recorded as failed).
   * @default Duration.days(1)
   */
  readonly timeout?: Duration;
  /**
   * How long the audit log group (execution history and per-step audit events) is kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly auditLogRetention?: logs.RetentionDays;
  /**
   * What happens to the subject index when it leaves the stack. The audit log group is always retained.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}
