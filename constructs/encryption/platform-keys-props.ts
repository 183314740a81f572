import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { DataClassification } from '../governance/classification';
import { KeyService } from './key-service';

/** What a platform key protects: a data classification, or the audit trail and logs. */
export type KeyPurpose = DataClassification | 'audit';

/** Every key purpose, in the order keys are created. */
export const KEY_PURPOSES: readonly KeyPurpose[] = ['internal', 'confidential', 'restricted', 'audit'];

export interface PlatformKeysProps {
  /**
   * Alias prefix; each created key gets `alias/<prefix>/<purpose>`.
   * Include the environment name so environments sharing an account do not collide.
   */
  readonly aliasPrefix: string;
  /**
   * Per purpose, the services through which principals granted the key may use it
   * (`kms:ViaService`). Service principals the platform itself needs (CloudTrail,
   * CloudWatch Logs) are added by the constructs that need them.
   * @default - S3, Glue, Athena, Kafka and EBS for data keys; S3 for the audit key
   */
  readonly usage?: Partial<Record<KeyPurpose, readonly KeyService[]>>;
  /**
   * Bring-your-own keys: per purpose, the ARN of an existing symmetric key to use
   * instead of creating one. Its key policy is the owner's to manage.
   * @default - the platform creates every key
   */
  readonly importedKeyArns?: Partial<Record<KeyPurpose, string>>;
  /**
   * What happens to created keys when they leave the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Waiting period before a key scheduled for deletion is deleted (7 to 30 days).
   * @default Duration.days(30)
   */
  readonly pendingWindow?: Duration;
}
