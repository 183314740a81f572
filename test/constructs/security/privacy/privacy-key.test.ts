import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PrivacyKey } from '../../../../constructs/security/privacy';
import { testStack } from '../../../support/app';
import { actionsOf, keyPolicyStatements, resourceOf } from '../../template-helpers';

describe('PrivacyKey', () => {
  const stack = testStack();
  const privacy = new PrivacyKey(stack, 'Privacy', { alias: 'dev-eu/privacy' });
  const template = Template.fromStack(stack);
  const statements = keyPolicyStatements(template, privacy.key);

  test('rotates yearly, is retained, and never grants kms:*', () => {
    const key = resourceOf(template, privacy.key);
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    expect(statements.flatMap(actionsOf)).not.toContain('kms:*');
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/dev-eu/privacy' });
  });

  test('is usable only through the privacy services, and by CloudWatch Logs for this account', () => {
    const use = statements.find((s) => s.Sid === 'UseThroughAllowedServices')!;
    const via = JSON.stringify(use.Condition!.StringEquals['kms:ViaService']);
    for (const service of ['dynamodb', 'states', 'sqs', 'secretsmanager', 'glue', 's3', 'athena']) expect(via).toContain(`"${service}.eu-west-1.`);
    expect((use.Condition!.StringEquals['kms:ViaService'] as unknown[]).length).toBe(7);
    expect(statements.find((s) => s.Sid === 'CloudWatchLogsEncryptsLogGroups')).toBeDefined();
  });
});

describe('PrivacyKey fails if', () => {
  test.each<[string, object, RegExp]>([
    ['the alias is reserved', { alias: 'aws/privacy' }, /alias: received 'aws\/privacy'; allowed: letters, digits/],
    ['the pending window is out of range', { alias: 'x', pendingWindow: Duration.days(3) }, /pendingWindow: received 3 days; allowed: a whole number of days from 7 to 30/],
    ['no service is allowed', { alias: 'x', services: [] }, /services: received none; allowed: at least one service/],
  ])('%s', (_name, props, expected) => {
    expect(() => new PrivacyKey(testStack(), 'K', props as never)).toThrow(expected);
  });
});
