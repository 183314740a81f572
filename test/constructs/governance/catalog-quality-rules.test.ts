import { Duration } from 'aws-cdk-lib';
import { QualityRule, ruleToDqdl, toDqdl } from '../../../constructs/governance/catalog-quality-rules';

describe('DQDL generator', () => {
  test.each<[string, QualityRule, string]>([
    ['completeness, no nulls', { type: 'completeness', column: 'order_id' }, 'Completeness "order_id" = 1.0'],
    ['completeness with a threshold', { type: 'completeness', column: 'country', threshold: 0.95 }, 'Completeness "country" >= 0.95'],
    ['uniqueness of every value', { type: 'uniqueness', column: 'customer_id' }, 'IsUnique "customer_id"'],
    ['uniqueness with a threshold', { type: 'uniqueness', column: 'email', threshold: 0.9 }, 'Uniqueness "email" >= 0.9'],
    ['a range with both bounds (inclusive)', { type: 'range', column: 'amount', min: 0, max: 1000000 }, '(ColumnValues "amount" >= 0) and (ColumnValues "amount" <= 1000000)'],
    ['a lower bound only', { type: 'range', column: 'revenue', min: 0 }, 'ColumnValues "revenue" >= 0'],
    ['an upper bound only', { type: 'range', column: 'discount', max: 0.5 }, 'ColumnValues "discount" <= 0.5'],
    ['referential integrity', { type: 'referentialIntegrity', column: 'customer_id', referenceAlias: 'customers', referenceColumn: 'customer_id', threshold: 0.99 }, 'ReferentialIntegrity "customer_id" "customers.customer_id" >= 0.99'],
    ['strict referential integrity', { type: 'referentialIntegrity', column: 'c', referenceAlias: 'r', referenceColumn: 'id' }, 'ReferentialIntegrity "c" "r.id" = 1.0'],
    ['freshness in hours', { type: 'freshness', column: 'updated_at', maxAge: Duration.hours(24) }, 'DataFreshness "updated_at" <= 24 hours'],
  ])('%s', (_name, rule, dqdl) => {
    expect(ruleToDqdl(rule)).toBe(dqdl);
  });

  test('a ruleset lists every rule inside Rules = [ ... ]', () => {
    expect(toDqdl([{ type: 'completeness', column: 'a' }, { type: 'uniqueness', column: 'b' }])).toBe('Rules = [\n    Completeness "a" = 1.0,\n    IsUnique "b"\n]');
  });
});

describe('DQDL generator fails if', () => {
  test.each<[string, QualityRule[], RegExp]>([
    ['there are no rules', [], /rules: received none; allowed: at least one rule/],
    ['a column is not a name', [{ type: 'completeness', column: 'Order Id' }], /rules\[0\].column: received 'Order Id'; allowed: a column name/],
    ['a threshold is out of range', [{ type: 'completeness', column: 'a', threshold: 1.5 }], /rules\[0\].threshold: received 1.5; allowed: more than 0, at most 1/],
    ['a range has no bound', [{ type: 'range', column: 'a' }], /rules\[0\]: received a range with no bound; allowed: min, max or both/],
    ['a range has min above max', [{ type: 'range', column: 'a', min: 5, max: 1 }], /rules\[0\].min: received 5; allowed: at most max \(1\)/],
    ['a reference alias is not a name', [{ type: 'referentialIntegrity', column: 'a', referenceAlias: 'x-y', referenceColumn: 'id' }], /rules\[0\].referenceAlias: received 'x-y'/],
    ['a reference column is not a name', [{ type: 'referentialIntegrity', column: 'a', referenceAlias: 'x', referenceColumn: 'ID' }], /rules\[0\].referenceColumn: received 'ID'/],
    ['a freshness age is not whole hours', [{ type: 'freshness', column: 'a', maxAge: Duration.minutes(90) }], /rules\[0\].maxAge: received 1.5 hours; allowed: whole hours, at least 1/],
  ])('%s', (_name, rules, expected) => {
    expect(() => toDqdl(rules)).toThrow(expected);
  });

  test('several rules are wrong: every problem is listed', () => {
    expect(() => toDqdl([{ type: 'range', column: 'a' }, { type: 'completeness', column: 'B' }])).toThrow(/rules\[0\][\s\S]*rules\[1\].column/);
  });
});
