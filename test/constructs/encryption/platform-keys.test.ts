import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { KeyService } from '../../../constructs/encryption/key-service';
import { KEY_ADMIN_ACTIONS, KEY_USE_ACTIONS, PlatformKeys } from '../../../constructs/encryption/platform-keys';
import { KEY_PURPOSES, KeyPurpose, PlatformKeysProps } from '../../../constructs/encryption/platform-keys-props';
import { testStack } from '../../support/app';
import { actionsOf, keyPolicyStatements, logicalIdOf, resourceOf, TemplateStatement } from '../template-helpers';

const ACCOUNT = '111111111111';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const IMPORTED_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/**
 * `kms:ViaService` value of a service in eu-west-1. The region is a literal in a
 * region-pinned stack, but the URL suffix stays `{ Ref: AWS::URLSuffix }` (so the
 * same template is right in aws-cn, where it is amazonaws.com.cn).
 */
const via = (service: string) => ({ 'Fn::Join': ['', [`${service}.eu-west-1.`, { Ref: 'AWS::URLSuffix' }]] });

function build(props: Partial<PlatformKeysProps> = {}): { stack: Stack; keys: PlatformKeys; template: Template } {
  const stack = testStack();
  const keys = new PlatformKeys(stack, 'Keys', { aliasPrefix: 'dp/dev-eu', ...props });
  return { stack, keys, template: Template.fromStack(stack) };
}

function statementsOf(template: Template, keys: PlatformKeys, purpose: KeyPurpose): TemplateStatement[] {
  return keyPolicyStatements(template, keys.keyFor(purpose));
}

function bySid(statements: TemplateStatement[], sid: string): TemplateStatement {
  const statement = statements.find((s) => s.Sid === sid);
  if (!statement) throw new Error(`no statement ${sid} in ${JSON.stringify(statements.map((s) => s.Sid))}`);
  return statement;
}

describe('PlatformKeys with defaults', () => {
  let stack: Stack;
  let keys: PlatformKeys;
  let template: Template;
  beforeAll(() => {
    ({ stack, keys, template } = build());
  });

  test('creates four keys: internal, confidential, restricted and audit', () => {
    template.resourceCountIs('AWS::KMS::Key', 4);
    expect(keys.createdKeys).toHaveLength(4);
    expect(KEY_PURPOSES).toEqual(['internal', 'confidential', 'restricted', 'audit']);
    expect(keys.auditKey).toBe(keys.keyFor('audit'));
  });

  test('every key rotates yearly', () => {
    const all = template.findResources('AWS::KMS::Key');
    expect(Object.values(all).map((k) => k.Properties.EnableKeyRotation)).toEqual([true, true, true, true]);
  });

  test.each(KEY_PURPOSES.map((p) => [p]))('aliases the %s key as alias/<prefix>/<purpose>', (purpose) => {
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: `alias/dp/dev-eu/${purpose}`,
      TargetKeyId: { 'Fn::GetAtt': [logicalIdOf(keys.keyFor(purpose)), 'Arn'] },
    });
  });

  test.each([
    ['internal', 'internal'],
    ['confidential', 'confidential'],
    ['restricted', 'restricted'],
    ['audit', 'confidential'],
  ] as [KeyPurpose, string][])('tags the %s key data-classification %s', (purpose, classification) => {
    expect(resourceOf(template, keys.keyFor(purpose)).Properties.Tags).toContainEqual({ Key: 'data-classification', Value: classification });
  });

  test('no statement of any key policy grants kms:* (or *)', () => {
    const all = Object.values(template.findResources('AWS::KMS::Key'));
    const statements: TemplateStatement[] = all.flatMap((k) => k.Properties.KeyPolicy.Statement);
    expect(statements.length).toBeGreaterThanOrEqual(12);
    expect(statements.flatMap(actionsOf).filter((a) => a === 'kms:*' || a === '*')).toEqual([]);
  });

  test.each(KEY_PURPOSES.map((p) => [p]))(
    'the %s key is administered by the account through an explicit list without cryptographic use',
    (purpose) => {
      const admin = bySid(statementsOf(template, keys, purpose), 'KeyAdministrationByAccount');
      expect(admin).toMatchObject({ Effect: 'Allow', Principal: { AWS: ROOT }, Resource: '*' });
      expect(admin.Condition).toBeUndefined();
      expect(actionsOf(admin)).toEqual([...KEY_ADMIN_ACTIONS]);
      expect(actionsOf(admin)).toEqual(expect.arrayContaining(['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:EnableKeyRotation']));
      const crypto = actionsOf(admin).filter((a) => /^kms:(Encrypt|Decrypt|GenerateDataKey|ReEncrypt|Sign|Verify)/.test(a));
      expect(crypto).toEqual([]);
    },
  );

  test.each(['internal', 'confidential', 'restricted'] as KeyPurpose[])(
    'the %s key is usable only through S3, Glue, Athena, Kafka and EBS in this region and account',
    (purpose) => {
      const use = bySid(statementsOf(template, keys, purpose), 'UseThroughAllowedServices');
      expect(use).toMatchObject({ Effect: 'Allow', Principal: { AWS: ROOT }, Resource: '*' });
      expect(actionsOf(use)).toEqual([...KEY_USE_ACTIONS]);
      expect(use.Condition).toEqual({
        StringEquals: {
          'kms:CallerAccount': ACCOUNT,
          'kms:ViaService': [via('s3'), via('glue'), via('athena'), via('kafka'), via('ec2')],
        },
      });
    },
  );

  test('the audit key is usable only through S3 by default', () => {
    const use = bySid(statementsOf(template, keys, 'audit'), 'UseThroughAllowedServices');
    expect(use.Condition).toEqual({ StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': [via('s3')] } });
  });

  test('grants on keys are allowed only for AWS resources through the same services', () => {
    const grants = bySid(statementsOf(template, keys, 'restricted'), 'GrantsForAwsResourcesThroughAllowedServices');
    expect(actionsOf(grants)).toEqual(['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant']);
    expect(grants.Condition).toEqual({
      StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': [via('s3'), via('glue'), via('athena'), via('kafka'), via('ec2')] },
      Bool: { 'kms:GrantIsForAWSResource': 'true' },
    });
  });

  test('every key policy has exactly the three platform Allow statements to the account root, and the grant guard', () => {
    for (const purpose of KEY_PURPOSES) {
      const statements = statementsOf(template, keys, purpose);
      expect(statements.map((s) => s.Sid)).toEqual([
        'KeyAdministrationByAccount',
        'UseThroughAllowedServices',
        'GrantsForAwsResourcesThroughAllowedServices',
        'DenyGrantsNotForAwsResources',
      ]);
      const allows = statements.slice(0, 3);
      expect(allows.every((s) => s.Effect === 'Allow' && JSON.stringify(s.Principal) === JSON.stringify({ AWS: ROOT }))).toBe(true);
    }
  });

  test('denies grants that are neither for an AWS resource nor made by an AWS service (Control Tower CT.KMS.PR.3)', () => {
    for (const purpose of KEY_PURPOSES) {
      expect(statementsOf(template, keys, purpose)[3]).toEqual({
        Sid: 'DenyGrantsNotForAwsResources',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      });
    }
  });

  test('keys are retained and wait 30 days before deletion', () => {
    for (const key of keys.createdKeys) {
      expect(resourceOf(template, key)).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: { PendingWindowInDays: 30 },
      });
    }
  });

  test('keyFor returns the created key of each purpose', () => {
    expect(KEY_PURPOSES.map((p) => keys.keyFor(p))).toEqual([...keys.createdKeys]);
    expect(stack.resolve(keys.keyFor('restricted').keyArn)).toEqual({ 'Fn::GetAtt': [logicalIdOf(keys.keyFor('restricted')), 'Arn'] });
  });
});

describe('PlatformKeys options', () => {
  test('honours custom usage per purpose and keeps the defaults for the others', () => {
    const { keys, template } = build({ usage: { confidential: [KeyService.KAFKA], audit: [KeyService.S3, KeyService.of('logs')] } });
    const viaServices = (p: KeyPurpose) =>
      bySid(statementsOf(template, keys, p), 'UseThroughAllowedServices').Condition?.StringEquals['kms:ViaService'];
    expect(viaServices('confidential')).toEqual([via('kafka')]);
    expect(viaServices('audit')).toEqual([via('s3'), via('logs')]);
    expect(viaServices('internal')).toEqual([via('s3'), via('glue'), via('athena'), via('kafka'), via('ec2')]);
  });

  test('renders kms:ViaService for the stack region', () => {
    const stack = testStack('Us', 'us-east-2');
    const keys = new PlatformKeys(stack, 'Keys', { aliasPrefix: 'dp/prod-us', usage: { internal: [KeyService.GLUE] } });
    const use = bySid(keyPolicyStatements(Template.fromStack(stack), keys.keyFor('internal')), 'UseThroughAllowedServices');
    expect(use.Condition?.StringEquals['kms:ViaService']).toEqual([{ 'Fn::Join': ['', ['glue.us-east-2.', { Ref: 'AWS::URLSuffix' }]] }]);
  });

  test('uses an imported key by ARN instead of creating one for that purpose', () => {
    const { stack, keys, template } = build({ importedKeyArns: { restricted: IMPORTED_ARN } });
    template.resourceCountIs('AWS::KMS::Key', 3);
    template.resourceCountIs('AWS::KMS::Alias', 3);
    expect(template.findResources('AWS::KMS::Alias', { Properties: { AliasName: 'alias/dp/dev-eu/restricted' } })).toEqual({});
    const imported = keys.keyFor('restricted');
    expect(imported.keyArn).toBe(IMPORTED_ARN);
    expect(imported).not.toBeInstanceOf(kms.Key);
    expect(keys.createdKeys).not.toContain(imported);
    expect(keys.createdKeys).toHaveLength(3);
    // The other purposes are still created by the platform.
    expect(stack.resolve(keys.keyFor('confidential').keyArn)).toEqual({ 'Fn::GetAtt': [logicalIdOf(keys.keyFor('confidential')), 'Arn'] });
  });

  test('honours removalPolicy DESTROY and the pending window', () => {
    const { keys, template } = build({ removalPolicy: RemovalPolicy.DESTROY, pendingWindow: Duration.days(7) });
    for (const key of keys.createdKeys) {
      expect(resourceOf(template, key)).toMatchObject({
        DeletionPolicy: 'Delete',
        UpdateReplacePolicy: 'Delete',
        Properties: { PendingWindowInDays: 7 },
      });
    }
  });
});

describe('PlatformKeys validation', () => {
  const create = (props: Partial<PlatformKeysProps>) => () => new PlatformKeys(testStack(), 'Keys', { aliasPrefix: 'dp/dev', ...props });

  test.each([6, 31])('fails if pendingWindow is %p days (outside 7 to 30)', (days) => {
    expect(create({ pendingWindow: Duration.days(days) })).toThrow(`pendingWindow: received ${days} days; allowed: a whole number of days from 7 to 30`);
  });

  test('fails if pendingWindow is not a whole number of days', () => {
    expect(create({ pendingWindow: Duration.hours(180) })).toThrow('pendingWindow: received 7.5 days; allowed: a whole number of days from 7 to 30');
  });

  test('accepts pendingWindow at both bounds', () => {
    expect(create({ pendingWindow: Duration.days(7) })).not.toThrow();
    expect(create({ pendingWindow: Duration.days(30) })).not.toThrow();
  });

  test.each(['aws/x', 'a b', '', 'dp:dev', 'dp*'])('fails if aliasPrefix is %j', (prefix) => {
    expect(create({ aliasPrefix: prefix })).toThrow(
      `aliasPrefix: received '${prefix}'; allowed: letters, digits, '/', '_' and '-', not starting with 'aws/'`,
    );
  });

  test('fails if a usage list is empty', () => {
    expect(create({ usage: { audit: [] } })).toThrow('usage.audit: received no services; allowed: at least one service');
  });

  test('reports every problem at once, naming the construct', () => {
    let message = '';
    try {
      create({ aliasPrefix: 'aws/x', pendingWindow: Duration.days(3), usage: { internal: [], restricted: [] } })();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      [
        "Invalid PlatformKeys 'Test/Keys':",
        "  - aliasPrefix: received 'aws/x'; allowed: letters, digits, '/', '_' and '-', not starting with 'aws/'",
        '  - pendingWindow: received 3 days; allowed: a whole number of days from 7 to 30',
        '  - usage.internal: received no services; allowed: at least one service',
        '  - usage.restricted: received no services; allowed: at least one service',
      ].join('\n'),
    );
  });
});

describe('KeyService', () => {
  test('renders kms:ViaService in the scope region', () => {
    const stack = testStack();
    expect(stack.resolve(KeyService.KAFKA.viaServiceIn(stack))).toEqual(via('kafka'));
  });

  test('fails if the name is not a service endpoint prefix', () => {
    expect(() => KeyService.of('S3 bucket')).toThrow("KeyService name must be a service endpoint prefix such as 's3'; received 'S3 bucket'");
  });
});
