import { evaluateCondition, evaluateConditionBlock } from '../../../lib/access/conditions';
import { ContextValues, RequestContext } from '../../../lib/access/context';
import { PolicyValue } from '../../../lib/access/policy';

function holds(operator: string, key: string, value: PolicyValue, context: RequestContext, substitute = true): boolean {
  return evaluateCondition(operator, key, value, new ContextValues(context), substitute);
}

describe('string operators', () => {
  test('StringEquals: exact, case-sensitive, any of the policy values', () => {
    expect(holds('StringEquals', 'k', 'a', { k: 'a' })).toBe(true);
    expect(holds('StringEquals', 'k', 'A', { k: 'a' })).toBe(false);
    expect(holds('StringEquals', 'k', ['x', 'a'], { k: 'a' })).toBe(true);
  });
  test('StringNotEquals: none of the values', () => {
    expect(holds('StringNotEquals', 'k', ['x', 'y'], { k: 'a' })).toBe(true);
    expect(holds('StringNotEquals', 'k', ['x', 'a'], { k: 'a' })).toBe(false);
  });
  test('StringEqualsIgnoreCase / StringNotEqualsIgnoreCase', () => {
    expect(holds('StringEqualsIgnoreCase', 'k', 'ABC', { k: 'abc' })).toBe(true);
    expect(holds('StringNotEqualsIgnoreCase', 'k', 'ABC', { k: 'abc' })).toBe(false);
    expect(holds('StringNotEqualsIgnoreCase', 'k', 'ABD', { k: 'abc' })).toBe(true);
  });
  test('StringLike / StringNotLike with * and ?', () => {
    expect(holds('StringLike', 'k', 'tenant-*', { k: 'tenant-a/x' })).toBe(true);
    expect(holds('StringLike', 'k', 'tenant-?', { k: 'tenant-ab' })).toBe(false);
    expect(holds('StringLike', 'k', 'a.c', { k: 'abc' })).toBe(false); // '.' is literal
    expect(holds('StringNotLike', 'k', 'tenant-*', { k: 'other' })).toBe(true);
    expect(holds('StringNotLike', 'k', 'tenant-*', { k: 'tenant-a' })).toBe(false);
  });
  test('condition key names are case-insensitive', () => {
    expect(holds('StringEquals', 'AWS:RequestedRegion', 'eu-west-1', { 'aws:requestedregion': 'eu-west-1' })).toBe(true);
  });
});

describe('ARN operators', () => {
  const role = 'arn:aws:iam::111122223333:role/data/Analyst';
  test('ArnEquals and ArnLike accept wildcards per ARN part', () => {
    expect(holds('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/data/*', { 'aws:PrincipalArn': role })).toBe(true);
    expect(holds('ArnEquals', 'aws:PrincipalArn', role, { 'aws:PrincipalArn': role })).toBe(true);
    expect(holds('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::444455556666:role/*', { 'aws:PrincipalArn': role })).toBe(false);
  });
  test('ArnNotEquals / ArnNotLike', () => {
    expect(holds('ArnNotLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/BreakGlass', { 'aws:PrincipalArn': role })).toBe(true);
    expect(holds('ArnNotEquals', 'aws:PrincipalArn', role, { 'aws:PrincipalArn': role })).toBe(false);
  });
});

describe('Bool, Null, numeric, date, IP', () => {
  test('Bool compares true/false case-insensitively, from booleans or strings', () => {
    expect(holds('Bool', 'aws:SecureTransport', 'false', { 'aws:SecureTransport': false })).toBe(true);
    expect(holds('Bool', 'aws:SecureTransport', 'false', { 'aws:SecureTransport': 'TRUE' })).toBe(false);
    expect(holds('Bool', 'aws:SecureTransport', true, { 'aws:SecureTransport': true })).toBe(true);
  });
  test('Null: true means the key is absent, false that it is present', () => {
    expect(holds('Null', 'aws:PrincipalTag/tenant', 'true', {})).toBe(true);
    expect(holds('Null', 'aws:PrincipalTag/tenant', 'true', { 'aws:PrincipalTag/tenant': 'a' })).toBe(false);
    expect(holds('Null', 'aws:PrincipalTag/tenant', 'false', { 'aws:PrincipalTag/tenant': 'a' })).toBe(true);
    expect(holds('Null', 'aws:TagKeys', 'true', { 'aws:TagKeys': [] })).toBe(true);
  });
  test.each([
    ['NumericEquals', 1.2, true],
    ['NumericNotEquals', 1.2, false],
    ['NumericLessThan', 1.3, true],
    ['NumericLessThan', 1.2, false],
    ['NumericLessThanEquals', 1.2, true],
    ['NumericGreaterThan', 1.0, true],
    ['NumericGreaterThanEquals', 1.3, false],
  ])('%s %s against 1.2 -> %s', (op, value, expected) => {
    expect(holds(op, 's3:TlsVersion', value, { 's3:TlsVersion': 1.2 })).toBe(expected);
  });
  test('numeric operators never match a non-number', () => {
    expect(holds('NumericLessThan', 'k', 5, { k: 'abc' })).toBe(false);
    expect(holds('NumericEquals', 'k', 0, { k: '' })).toBe(false);
  });
  test.each([
    ['DateLessThan', '2030-01-01T00:00:00Z', true],
    ['DateGreaterThan', '2030-01-01T00:00:00Z', false],
    ['DateEquals', '2026-11-25T08:00:00Z', true],
    ['DateNotEquals', '2026-11-25T08:00:00Z', false],
    ['DateLessThanEquals', '2026-11-25T08:00:00Z', true],
    ['DateGreaterThanEquals', '1764057600', true], // epoch seconds (2025-11-25)
  ])('%s %s against 2026-11-25T08:00Z -> %s', (op, value, expected) => {
    expect(holds(op, 'aws:CurrentTime', value, { 'aws:CurrentTime': '2026-11-25T08:00:00Z' })).toBe(expected);
  });
  test('IpAddress / NotIpAddress with IPv4 CIDR blocks', () => {
    expect(holds('IpAddress', 'aws:SourceIp', '10.0.0.0/8', { 'aws:SourceIp': '10.1.2.3' })).toBe(true);
    expect(holds('IpAddress', 'aws:SourceIp', ['192.168.0.0/16', '203.0.113.7'], { 'aws:SourceIp': '203.0.113.7' })).toBe(true);
    expect(holds('IpAddress', 'aws:SourceIp', '10.0.0.0/8', { 'aws:SourceIp': '11.0.0.1' })).toBe(false);
    expect(holds('NotIpAddress', 'aws:SourceIp', '10.0.0.0/8', { 'aws:SourceIp': '11.0.0.1' })).toBe(true);
    expect(holds('IpAddress', 'aws:SourceIp', '0.0.0.0/0', { 'aws:SourceIp': '255.255.255.255' })).toBe(true);
  });
});

describe('missing keys and IfExists', () => {
  test('a positive operator fails when the key is absent', () => {
    expect(holds('StringEquals', 'aws:PrincipalTag/tenant', 'a', {})).toBe(false);
    expect(holds('Bool', 'aws:SecureTransport', 'false', {})).toBe(false);
  });
  test('a negated operator holds when the key is absent', () => {
    expect(holds('StringNotEquals', 'aws:RequestedRegion', 'eu-west-1', {})).toBe(true);
    expect(holds('ArnNotLike', 'aws:PrincipalArn', '*', {})).toBe(true);
  });
  test('IfExists holds when the key is absent and tests it when present', () => {
    expect(holds('StringEqualsIfExists', 'aws:RequestedRegion', 'eu-west-1', {})).toBe(true);
    expect(holds('StringEqualsIfExists', 'aws:RequestedRegion', 'eu-west-1', { 'aws:RequestedRegion': 'us-east-1' })).toBe(false);
    expect(holds('BoolIfExists', 'aws:MultiFactorAuthPresent', 'true', {})).toBe(true);
    expect(holds('NumericLessThanIfExists', 's3:TlsVersion', 1.2, { 's3:TlsVersion': 1.3 })).toBe(false);
  });
});

describe('set operators on multi-valued keys', () => {
  const tags = { 'aws:TagKeys': ['owner', 'environment'] };
  test('ForAnyValue: at least one request value matches', () => {
    expect(holds('ForAnyValue:StringEquals', 'aws:TagKeys', ['owner'], tags)).toBe(true);
    expect(holds('ForAnyValue:StringEquals', 'aws:TagKeys', ['cost-centre'], tags)).toBe(false);
    expect(holds('ForAnyValue:StringLike', 'aws:TagKeys', ['env*'], tags)).toBe(true);
  });
  test('ForAllValues: every request value matches', () => {
    expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['owner', 'environment', 'x'], tags)).toBe(true);
    expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['owner'], tags)).toBe(false);
  });
  test('an absent or empty key: ForAllValues holds, ForAnyValue fails', () => {
    expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['owner'], {})).toBe(true);
    expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['owner'], { 'aws:TagKeys': [] })).toBe(true);
    expect(holds('ForAnyValue:StringEquals', 'aws:TagKeys', ['owner'], {})).toBe(false);
  });
  test('negated operators with set prefixes', () => {
    expect(holds('ForAllValues:StringNotEquals', 'aws:TagKeys', ['secret'], tags)).toBe(true);
    expect(holds('ForAllValues:StringNotEquals', 'aws:TagKeys', ['owner'], tags)).toBe(false);
    expect(holds('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['owner'], tags)).toBe(true);
    expect(holds('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['owner', 'environment'], tags)).toBe(false);
  });
  test('without a prefix, a multi-valued key matches a positive operator if any value does, a negated one only if all do', () => {
    expect(holds('StringEquals', 'aws:TagKeys', 'owner', tags)).toBe(true);
    expect(holds('StringNotEquals', 'aws:TagKeys', 'owner', tags)).toBe(false);
  });
  test('set prefixes are case-insensitive', () => {
    expect(holds('forallvalues:StringEquals', 'aws:TagKeys', ['owner', 'environment'], tags)).toBe(true);
  });
});

describe('policy variables in condition values', () => {
  test('substituted for string and ARN operators', () => {
    const ctx = { 'aws:PrincipalTag/tenant': 'a', 's3:prefix': 'a/x', 'aws:ResourceTag/tenant': 'a' };
    expect(holds('StringLike', 's3:prefix', '${aws:PrincipalTag/tenant}/*', ctx)).toBe(true);
    expect(holds('StringEquals', 'aws:ResourceTag/tenant', '${aws:PrincipalTag/tenant}', ctx)).toBe(true);
  });
  test('not substituted when the policy version does not allow variables', () => {
    expect(holds('StringEquals', 'k', '${aws:PrincipalTag/tenant}', { k: 'a', 'aws:PrincipalTag/tenant': 'a' }, false)).toBe(false);
  });
  test('a variable without a value makes that policy value match nothing', () => {
    expect(holds('StringEquals', 'aws:ResourceTag/tenant', '${aws:PrincipalTag/tenant}', { 'aws:ResourceTag/tenant': '' })).toBe(false);
    // ... which a negated operator turns into a match
    expect(holds('StringNotEquals', 'aws:ResourceTag/tenant', '${aws:PrincipalTag/tenant}', { 'aws:ResourceTag/tenant': 'a' })).toBe(true);
  });
});

describe('condition blocks', () => {
  test('AND across operators and keys', () => {
    const ctx = new ContextValues({ a: '1', b: '2' });
    expect(evaluateConditionBlock({ StringEquals: { a: '1', b: '2' } }, ctx, true)).toBe(true);
    expect(evaluateConditionBlock({ StringEquals: { a: '1' }, StringNotEquals: { b: '2' } }, ctx, true)).toBe(false);
    expect(evaluateConditionBlock(undefined, ctx, true)).toBe(true);
  });
  test('fails if the operator is unknown, naming it', () => {
    expect(() => holds('StringSortOf', 'k', 'a', { k: 'a' })).toThrow("Unsupported condition operator 'StringSortOf'");
    expect(() => holds('ForSomeValues:StringEquals', 'k', 'a', { k: 'a' })).toThrow(
      "Unsupported condition operator 'ForSomeValues:StringEquals': allowed set prefixes are ForAnyValue: and ForAllValues:",
    );
  });
});
