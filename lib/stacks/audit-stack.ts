import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PlatformKeys } from '../../constructs/encryption';
import { AuditTrail } from '../../constructs/security/audit';
import { EnvironmentConfig } from '../config/schema';

export interface AuditStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly keys: PlatformKeys;
  /** Buckets whose object-level reads and writes the trail records. */
  readonly dataEventBuckets: readonly s3.IBucket[];
  /** Role ARNs exempt from the audit bucket's deletion and lock-change deny (break-glass). */
  readonly breakGlassPrincipalArns?: readonly string[];
}

/** The immutable audit trail of an environment; always retained, whatever the removal opt-in. */
export class AuditStack extends Stack {
  public readonly audit: AuditTrail;

  constructor(scope: Construct, id: string, props: AuditStackProps) {
    super(scope, id, props);
    this.audit = new AuditTrail(this, 'AuditTrail', {
      encryptionKey: props.keys.auditKey,
      retention: Duration.days(props.config.audit.retentionDays),
      logGroupRetention: props.config.audit.logGroupRetentionDays,
      dataEventBuckets: props.dataEventBuckets,
      breakGlassPrincipalArns: props.breakGlassPrincipalArns,
    });
  }
}
