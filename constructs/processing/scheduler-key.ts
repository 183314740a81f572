import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { KEY_ADMIN_ACTIONS } from '../encryption/platform-keys';
import { denyGrantsNotForAwsResources } from '../private/deny-foreign-grants';

export interface SchedulerKeyProps {
  /**
   * Endpoint prefixes of the services through which the account may use the key.
   * @default ['scheduler'] (EventBridge Scheduler)
   */
  readonly services?: readonly string[];
  /**
   * Alias of the key (`alias/...`).
   * @default - no alias
   */
  readonly alias?: string;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A customer-managed key for services the platform keys exclude by design: by default
 * EventBridge Scheduler (schedule payloads); with `services: ['secretsmanager']`, the
 * KDC admin secret. Its policy has no wildcard grant: the account administers it
 * action by action, and principals of the account may use it only through the listed
 * services (`kms:ViaService`).
 */
export class SchedulerKey extends Construct {
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: SchedulerKeyProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    const services = props.services ?? ['scheduler'];
    if (services.length === 0 || services.some((svc) => !/^[a-z0-9-]+$/.test(svc))) {
      throw new Error(`Invalid SchedulerKey '${this.node.path}':\n  - services: received [${services.join(', ')}]; allowed: one or more endpoint prefixes such as 'scheduler'`);
    }
    this.key = new kms.Key(this, 'Key', {
      description: `Service-side encryption through ${services.join(', ')} (${this.node.path})`,
      enableKeyRotation: true,
      alias: props.alias,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ sid: 'KeyAdministrationByAccount', principals: [new iam.AccountRootPrincipal()], actions: [...KEY_ADMIN_ACTIONS], resources: ['*'] }),
          new iam.PolicyStatement({
            sid: 'UseThroughServices',
            principals: [new iam.AccountRootPrincipal()],
            actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
            resources: ['*'],
            conditions: { StringEquals: { 'kms:CallerAccount': stack.account, 'kms:ViaService': services.map((svc) => `${svc}.${stack.region}.${stack.urlSuffix}`) } },
          }),
          denyGrantsNotForAwsResources(),
        ],
      }),
    });
  }
}
