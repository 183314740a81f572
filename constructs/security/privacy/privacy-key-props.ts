import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { KeyService } from '../../encryption/key-service';

export interface PrivacyKeyProps {
  /** Alias of the key, without `alias/` (include the environment name). */
  readonly alias: string;
  /**
   * Services through which principals granted the key may use it (`kms:ViaService`).
   * @default - DynamoDB, Step Functions, SQS, Secrets Manager, Glue, S3 and Athena
   */
  readonly services?: readonly KeyService[];
  /**
   * What happens to the key when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Waiting period before a key scheduled for deletion is deleted (7 to 30 days).
   * @default Duration.days(30)
   */
  readonly pendingWindow?: Duration;
}
