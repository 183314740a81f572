import { Stack, Stage } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { stackScopedName } from '../../../constructs/private/physical-name';
import { testApp } from '../../support/app';

/** The same construct tree in two stages, as two environments build it. */
function inStage(stageName: string): Construct {
  const stage = new Stage(testApp(), stageName);
  const stack = new Stack(stage, 'Privacy', { env: { account: '111111111111', region: 'eu-west-1' } });
  return new Construct(new Construct(stack, 'Erasure'), 'Work_Group');
}

describe('stackScopedName', () => {
  test('is the stack name and the path below the stack, invalid characters dropped', () => {
    expect(stackScopedName(inStage('dev-eu'), { maxLength: 128 })).toBe('dev-eu-Privacy-Erasure-Work_Group');
  });

  test('differs between environments only by the stack name (no stage-dependent hash)', () => {
    const names = ['prod-eu', 'prod-us'].map((s) => stackScopedName(inStage(s), { maxLength: 128 }));
    expect(names.map((n, i) => n.replace(['prod-eu', 'prod-us'][i], '<env>'))).toEqual(['<env>-Privacy-Erasure-Work_Group', '<env>-Privacy-Erasure-Work_Group']);
  });

  test('a long name is truncated to maxLength and ends with a hash of the path, the same in every stage', () => {
    const [a, b] = ['prod-eu', 'prod-us'].map((s) => stackScopedName(inStage(s), { maxLength: 24 }));
    expect(a).toHaveLength(24);
    expect(a).toMatch(/^prod-eu-Privacy-[A-F0-9]{8}$/);
    expect(a.slice(-8)).toBe(b.slice(-8));
  });

  test('uses the separator given', () => {
    expect(stackScopedName(inStage('dev-eu'), { maxLength: 128, separator: '.' })).toBe('dev-eu-Privacy.Erasure.Work_Group');
  });

  test('fails if maxLength leaves no room for a name', () => {
    expect(() => stackScopedName(inStage('dev-eu'), { maxLength: 9 })).toThrow(/maxLength 9 leaves no room for a name; allowed: at least 10/);
  });
});
