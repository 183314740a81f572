import { Annotations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { allowServiceToPublishEncrypted } from '../encryption/service-key-access';
import { AlarmTopicProps } from './alarm-topic-props';

/**
 * The topic an environment's alarms and incident events notify: encrypted with a
 * customer-managed key, publishing only over TLS, and usable by CloudWatch alarms
 * of this account (the key policy lets `cloudwatch.amazonaws.com` use the key).
 * Subscriptions (on-call paging, chat) are added by the operators.
 */
export class AlarmTopic extends Construct {
  /** The SNS topic. */
  public readonly topic: sns.Topic;
  private readonly action: actions.SnsAction;
  private readonly props: AlarmTopicProps;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    this.props = props;
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: props.displayName,
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    this.allowService('cloudwatch.amazonaws.com');
    this.action = new actions.SnsAction(this.topic);
  }

  /**
   * Lets another AWS service of this account publish to the encrypted topic (for
   * example `events.amazonaws.com` for EventBridge rules): adds its key-policy
   * statement once. Warns when the key is imported.
   */
  public allowService(servicePrincipal: string): void {
    if (!allowServiceToPublishEncrypted(this.props.encryptionKey, servicePrincipal)) {
      Annotations.of(this).addWarningV2(
        'data-platform:alarm-topic-imported-key',
        `The alarm topic's key is imported: its key policy must allow ${servicePrincipal} kms:Decrypt and kms:GenerateDataKey* for this account.`,
      );
    }
  }

  /** Sends the alarm's state changes to ALARM (and back to OK) to this topic. */
  public notify(alarm: cloudwatch.AlarmBase): void {
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
  }

  /** Lets a principal publish (and use the topic's key through SNS). */
  public grantPublish(grantee: iam.IGrantable): iam.Grant {
    return this.topic.grantPublish(grantee);
  }
}
