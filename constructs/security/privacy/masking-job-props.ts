import { Duration } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

export interface MaskingJobProps {
  /** Glue database of the source (Iceberg) table. */
  readonly database: string;
  /** Source table (the dataset's name). */
  readonly table: string;
  /** Columns replaced by HMAC tokens: the dataset's pii columns. At least one. */
  readonly piiColumns: readonly string[];
  /**
   * Partition columns of the masked copy, in path order.
   * @default - not partitioned
   */
  readonly partitionKeys?: readonly string[];
  /** Bucket holding the source table's files. */
  readonly sourceBucket: s3.IBucket;
  /**
   * Key prefix of the source table's files.
   * @default - `<table>/`
   */
  readonly sourcePrefix?: string;
  /** Bucket receiving the masked copy. */
  readonly targetBucket: s3.IBucket;
  /**
   * Key prefix of the masked copy.
   * @default - `masked/<table>/`
   */
  readonly targetPrefix?: string;
  /** Key the masked copy is written with (normally the target bucket's key). */
  readonly targetKey: kms.IKey;
  /** Key encrypting the HMAC secret, job logs and job bookmarks. */
  readonly encryptionKey: kms.IKey;
  /**
   * Secret holding the HMAC key (at least 32 characters). Shared by every masking
   * job of an environment so a value gets the same token in every dataset.
   * @default - a generated 64-character secret encrypted with `encryptionKey`
   */
  readonly hmacSecret?: secretsmanager.ISecret;
  /**
   * When the masked copy is refreshed (a Glue cron schedule).
   * @default - on demand only
   */
  readonly schedule?: string;
  /**
   * G.1X workers.
   * @default 2
   */
  readonly workers?: number;
  /**
   * Longest a run may take.
   * @default Duration.hours(2)
   */
  readonly timeout?: Duration;
  /**
   * Glue connections (a NETWORK connection runs the job in the platform's VPC).
   * @default - none
   */
  readonly connections?: readonly glue.IConnection[];
  /**
   * The PySpark script.
   * @default - jobs/masking/mask_pii.py from this repository
   */
  readonly script?: glue.Code;
}
