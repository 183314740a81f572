import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { TlsCertificateProvider } from './tls-certificate-provider';

/** A bucket EMRFS writes with a key other than the default S3 key (e.g. a lake zone with its classification key). */
export interface EmrS3KeyOverride {
  readonly bucket: s3.IBucket;
  readonly key: kms.IKey;
}

/** Kerberos with a KDC on the cluster's primary node. */
export interface KerberosOptions {
  /**
   * How long a ticket is valid: whole hours, 1 to 168.
   * @default Duration.hours(24)
   */
  readonly ticketLifetime?: Duration;
}

export interface EmrSecurityConfigurationProps {
  /** Default key for EMRFS writes to S3 (SSE-KMS). */
  readonly s3EncryptionKey: kms.IKey;
  /**
   * Buckets written with their own key (SSE-KMS) instead of `s3EncryptionKey`.
   * @default - none
   */
  readonly s3KeyOverrides?: readonly EmrS3KeyOverride[];
  /**
   * Key for local disks (instance store and EBS, including the root volume's EBS
   * encryption). EMR instances call KMS directly for it (no `kms:ViaService`), so it
   * must be a key whose policy can name the EMR roles: see `grantLocalDiskEncryption`.
   * @default - a dedicated key with yearly rotation is created
   */
  readonly localDiskEncryptionKey?: kms.IKey;
  /** Certificates for in-transit encryption. */
  readonly tlsCertificates: TlsCertificateProvider;
  /**
   * Kerberos authentication with a cluster-dedicated KDC.
   * @default - no Kerberos (the cluster then needs another authentication story)
   */
  readonly kerberos?: KerberosOptions;
  /**
   * IMDSv2 PUT response hop limit (1 to 64). Raise it only when containers on the
   * nodes must reach the instance metadata.
   * @default 1
   */
  readonly metadataHopLimit?: number;
  /**
   * Alias of the created local disk key (`alias/...`).
   * @default - no alias
   */
  readonly localDiskKeyAlias?: string;
  /**
   * Removal policy of the created local disk key.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}
