import { analyseKeyPolicy, PolicyParseError } from '../../../lib/preflight/key-policy';

const OWNER = '111122223333';
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (extra: object) => ({ Effect: 'Allow', Action: 'kms:*', Resource: '*', ...extra });

describe('analyseKeyPolicy', () => {
  test('the default key policy (owner account root, kms:*) is not broad', () => {
    expect(analyseKeyPolicy(policy(allow({ Principal: { AWS: `arn:aws:iam::${OWNER}:root` } })), OWNER)).toEqual([]);
    expect(analyseKeyPolicy(policy(allow({ Principal: { AWS: OWNER } })), OWNER)).toEqual([]);
  });

  test.each<[string, object, string[]]>([
    ['Principal "*"', allow({ Principal: '*' }), ['*']],
    ['Principal {"AWS":"*"} among others', allow({ Principal: { AWS: [`arn:aws:iam::${OWNER}:role/admin`, '*'] } }), ['{"AWS":"*"}']],
    ['another account root by ARN', allow({ Principal: { AWS: 'arn:aws-cn:iam::444455556666:root' } }), ['arn:aws-cn:iam::444455556666:root (root of another account)']],
    ['another account by bare id', allow({ Principal: { AWS: '444455556666' } }), ['444455556666 (root of another account)']],
    ['NotPrincipal in an Allow', { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::444455556666:role/x' }, Action: 'kms:*', Resource: '*' }, ['NotPrincipal {"AWS":"arn:aws:iam::444455556666:role/x"}']],
  ])('fails: %s with kms:*', (_name, statement, principals) => {
    expect(analyseKeyPolicy(policy(statement), OWNER)).toEqual([{ severity: 'fail', statement: '#0', principals, actions: expect.any(Array) }]);
  });

  test.each([['*'], ['KMS:*'], [['kms:Decrypt', 'kms:*']]])('fails: action %j counts as every action', (action) => {
    expect(analyseKeyPolicy(policy({ Effect: 'Allow', Principal: '*', Action: action, Resource: '*' }), OWNER)[0].severity).toBe('fail');
  });

  test('fails: NotAction in an Allow to everyone counts as every action', () => {
    expect(analyseKeyPolicy(policy({ Sid: 'S', Effect: 'Allow', Principal: '*', NotAction: 'kms:ScheduleKeyDeletion', Resource: '*' }), OWNER)).toEqual([
      { severity: 'fail', statement: 'S', principals: ['*'], actions: ['NotAction "kms:ScheduleKeyDeletion"'] },
    ]);
  });

  test('warns: narrower actions to a broad principal', () => {
    expect(analyseKeyPolicy(policy(allow({ Sid: 'D', Principal: '*', Action: ['kms:Decrypt', 'kms:GenerateDataKey'] })), OWNER)).toEqual([
      { severity: 'warn', statement: 'D', principals: ['*'], actions: ['kms:Decrypt', 'kms:GenerateDataKey'] },
    ]);
  });

  test.each<[string, object]>([
    ['kms:CallerAccount', { StringEquals: { 'kms:CallerAccount': OWNER } }],
    ['aws:PrincipalOrgID (key case ignored)', { StringEquals: { 'AWS:PrincipalOrgId': 'o-abc123' } }],
    ['aws:PrincipalArn with ArnLike', { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${OWNER}:role/*` } }],
    ['aws:SourceVpce', { StringEquals: { 'aws:SourceVpce': 'vpce-0123' } }],
  ])('passes: a broad principal restricted by %s', (_name, condition) => {
    expect(analyseKeyPolicy(policy(allow({ Principal: '*', Condition: condition })), OWNER)).toEqual([]);
  });

  test.each<[string, object]>([
    ['an IfExists operator (absent key passes)', { StringEqualsIfExists: { 'kms:CallerAccount': OWNER } }],
    ['a negated operator', { StringNotEquals: { 'aws:PrincipalAccount': '444455556666' } }],
    ['a wildcard value', { StringLike: { 'aws:PrincipalOrgID': '*' } }],
    ['a key that does not pin the caller', { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } }],
    ['a Null check', { Null: { 'aws:PrincipalAccount': 'false' } }],
  ])('fails: a condition with %s does not restrict', (_name, condition) => {
    expect(analyseKeyPolicy(policy(allow({ Principal: '*', Condition: condition })), OWNER)).toHaveLength(1);
  });

  test('ignores Deny statements and service principals', () => {
    expect(
      analyseKeyPolicy(
        JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' }, allow({ Principal: { Service: 'logs.amazonaws.com' } })] }),
        OWNER,
      ),
    ).toEqual([]);
  });

  test('a single statement object (not a list) is read', () => {
    expect(analyseKeyPolicy(JSON.stringify({ Statement: allow({ Principal: '*' }) }), OWNER)).toHaveLength(1);
  });

  test.each([
    ['not JSON', '{Statement', /^the key policy is not valid JSON/],
    ['no Statement', '{"Version":"2012-10-17"}', /^the key policy has no Statement$/],
  ])('throws a PolicyParseError when the policy is %s', (_name, text, message) => {
    expect(() => analyseKeyPolicy(text, OWNER)).toThrow(PolicyParseError);
    expect(() => analyseKeyPolicy(text, OWNER)).toThrow(message);
  });
});
