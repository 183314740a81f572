import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AlarmTopic } from '../../../constructs/observability';
import { testStack } from '../../support/app';
import { keyPolicyStatements, logicalIdOf, rolePolicyStatements } from '../template-helpers';

describe('AlarmTopic', () => {
  const stack = testStack();
  const key = new kms.Key(stack, 'Key');
  const topic = new AlarmTopic(stack, 'Alarms', { encryptionKey: key });
  const alarm = new cloudwatch.Alarm(stack, 'Alarm', {
    metric: new cloudwatch.Metric({ namespace: 'X', metricName: 'Y' }),
    threshold: 1,
    evaluationPeriods: 1,
  });
  topic.notify(alarm);
  topic.allowService('events.amazonaws.com');
  topic.allowService('events.amazonaws.com'); // idempotent
  const role = new iam.Role(stack, 'Publisher', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
  topic.grantPublish(role);
  const template = Template.fromStack(stack);

  test('encrypts with the given key and accepts TLS publishers only', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(key), 'Arn'] } });
    const policy = Object.values(template.findResources('AWS::SNS::TopicPolicy'))[0];
    const statements = policy.Properties.PolicyDocument.Statement as { Effect: string; Condition?: unknown }[];
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  test('lets CloudWatch alarms and EventBridge of this account use the key, once each', () => {
    const sids = keyPolicyStatements(template, key).map((s) => s.Sid);
    expect(sids.filter((s) => s === 'cloudwatchPublishesEncryptedMessages')).toHaveLength(1);
    expect(sids.filter((s) => s === 'eventsPublishesEncryptedMessages')).toHaveLength(1);
    const cw = keyPolicyStatements(template, key).find((s) => s.Sid === 'cloudwatchPublishesEncryptedMessages');
    expect(cw?.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '111111111111' } });
  });

  test('notifies on alarm and on recovery', () => {
    const ref = { Ref: logicalIdOf(topic.topic) };
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [ref], OKActions: [ref] });
  });

  test('grantPublish gives sns:Publish and the key through SNS', () => {
    const actions = rolePolicyStatements(template, role).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toEqual(expect.arrayContaining(['sns:Publish', 'kms:GenerateDataKey*', 'kms:Decrypt']));
  });

  test('warns when the key is imported (its policy cannot be changed here)', () => {
    const s = testStack();
    const imported = kms.Key.fromKeyArn(s, 'Imported', 'arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555');
    new AlarmTopic(s, 'Alarms', { encryptionKey: imported });
    const warnings = s.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data)));
    expect(warnings.join('\n')).toContain('must allow cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*');
  });
});
