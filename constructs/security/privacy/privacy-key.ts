import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { KeyService } from '../../encryption/key-service';
import { allowCloudWatchLogs } from '../../encryption/service-key-access';
import { platformKeyPolicy } from '../../encryption/platform-keys';
import { PrivacyKeyProps } from './privacy-key-props';

/** Step Functions' endpoint prefix, for `kms:ViaService`. */
export const STEP_FUNCTIONS_SERVICE = KeyService.of('states');

const DEFAULT_SERVICES: readonly KeyService[] = [
  KeyService.DYNAMODB,
  STEP_FUNCTIONS_SERVICE,
  KeyService.SQS,
  KeyService.SECRETS_MANAGER,
  KeyService.GLUE,
  KeyService.S3,
  KeyService.ATHENA,
];

/**
 * The customer-managed key of the privacy machinery: the erasure index, the erasure
 * state machine's data, the tombstone queue, the masking secret, masking job logs
 * and query results. Rotated yearly; the key policy grants no `kms:*`: the account
 * administers it through an explicit action list, principals it grants can use it
 * only through the listed services, and CloudWatch Logs may use it for this
 * account's log groups in the key's region.
 */
export class PrivacyKey extends Construct {
  /** The key. */
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: PrivacyKeyProps) {
    super(scope, id);
    const problems: string[] = [];
    if (!/^[a-zA-Z0-9/_-]+$/.test(props.alias) || props.alias.startsWith('aws/')) {
      problems.push(`alias: received '${props.alias}'; allowed: letters, digits, '/', '_' and '-', not starting with 'aws/'`);
    }
    const pending = (props.pendingWindow ?? Duration.days(30)).toDays({ integral: false });
    if (!Number.isInteger(pending) || pending < 7 || pending > 30) {
      problems.push(`pendingWindow: received ${pending} days; allowed: a whole number of days from 7 to 30`);
    }
    if (props.services && props.services.length === 0) problems.push('services: received none; allowed: at least one service');
    if (problems.length > 0) throw new Error(`Invalid PrivacyKey '${this.node.path}':\n  - ${problems.join('\n  - ')}`);

    this.key = new kms.Key(this, 'Key', {
      description: `Data platform privacy key (${props.alias}): erasure, masking, clean rooms`,
      alias: `alias/${props.alias}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(pending),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      policy: platformKeyPolicy(this, props.services ?? DEFAULT_SERVICES),
    });
    allowCloudWatchLogs(this.key);
  }
}
