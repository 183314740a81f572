import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** The `TLSCertificateConfiguration` block of an EMR security configuration. */
export interface TlsCertificateConfig {
  readonly CertificateProviderType: 'PEM' | 'Custom';
  readonly S3Object: string;
  readonly CertificateProviderClass?: string;
}

const JAVA_CLASS = /^([a-zA-Z_$][a-zA-Z0-9_$]*\.)*[a-zA-Z_$][a-zA-Z0-9_$]*$/;

/**
 * Where an EMR cluster gets the certificates for in-transit encryption (TLS between
 * nodes, for Spark RPC, shuffle and HDFS): a zip of PEM files in S3, or a custom
 * provider class in a JAR in S3. The cluster's instance profile must read the
 * object: the cluster construct calls `grantRead` on it.
 */
export abstract class TlsCertificateProvider {
  /**
   * A zip of PEM files (`privateKey.pem`, `certificateChain.pem`, `trustedCertificates.pem`)
   * issued by the organisation's PKI, uploaded to `bucket` under `key` (must end in `.zip`).
   */
  public static pemZip(bucket: s3.IBucket, key: string): TlsCertificateProvider {
    return new S3ObjectProvider('PEM', bucket, key, '.zip');
  }

  /**
   * A Java class implementing EMR's `TLSArtifactsProvider`, in a JAR uploaded to
   * `bucket` under `jarKey` (must end in `.jar`).
   */
  public static custom(bucket: s3.IBucket, jarKey: string, className: string): TlsCertificateProvider {
    return new S3ObjectProvider('Custom', bucket, jarKey, '.jar', className);
  }

  /** Problems with the provider's settings (empty when valid), each naming the field. */
  public abstract problems(): string[];

  /** The security configuration block. */
  public abstract bind(): TlsCertificateConfig;

  /** Lets the cluster's instance profile read the certificate object. */
  public abstract grantRead(grantee: iam.IGrantable): iam.Grant;
}

class S3ObjectProvider extends TlsCertificateProvider {
  constructor(
    private readonly type: 'PEM' | 'Custom',
    private readonly bucket: s3.IBucket,
    private readonly key: string,
    private readonly extension: string,
    private readonly className?: string,
  ) {
    super();
  }

  public problems(): string[] {
    const problems: string[] = [];
    const field = this.type === 'PEM' ? 'key' : 'jarKey';
    if (!this.key.endsWith(this.extension) || this.key.startsWith('/')) {
      problems.push(`tlsCertificates.${field}: received '${this.key}'; allowed: an object key (no leading '/') ending in '${this.extension}'`);
    }
    if (this.className !== undefined && !JAVA_CLASS.test(this.className)) {
      problems.push(`tlsCertificates.className: received '${this.className}'; allowed: a fully qualified Java class name such as 'com.example.TlsProvider'`);
    }
    return problems;
  }

  public bind(): TlsCertificateConfig {
    return {
      CertificateProviderType: this.type,
      S3Object: this.bucket.s3UrlForObject(this.key),
      ...(this.className ? { CertificateProviderClass: this.className } : {}),
    };
  }

  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.bucket.grantRead(grantee, this.key);
  }
}
