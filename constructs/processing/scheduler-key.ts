import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { KEY_ADMIN_ACTIONS } from '../encryption/platform-keys';

export interface SchedulerKeyProps {
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A customer-managed key for EventBridge Scheduler schedules (their target payloads).
 * Its policy has no wildcard grant: the account administers it action by action, and
 * principals of the account may use it only through EventBridge Scheduler
 * (`kms:ViaService`). The platform keys exclude Scheduler by design, hence this key.
 */
export class SchedulerKey extends Construct {
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: SchedulerKeyProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      description: `EventBridge Scheduler payloads (${this.node.path})`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ sid: 'KeyAdministrationByAccount', principals: [new iam.AccountRootPrincipal()], actions: [...KEY_ADMIN_ACTIONS], resources: ['*'] }),
          new iam.PolicyStatement({
            sid: 'UseThroughScheduler',
            principals: [new iam.AccountRootPrincipal()],
            actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
            resources: ['*'],
            conditions: { StringEquals: { 'kms:CallerAccount': stack.account, 'kms:ViaService': `scheduler.${stack.region}.${stack.urlSuffix}` } },
          }),
        ],
      }),
    });
  }
}
