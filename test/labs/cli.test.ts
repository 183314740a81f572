import { EXIT_DATA_LOSS } from '../../lib/diff/cli';
import { runLabCommand } from '../../lib/labs/cli';

function run(argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runLabCommand(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run lab', () => {
  test('lists the nine labs', () => {
    const r = run(['list']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toHaveLength(9);
    expect(r.out).toMatch(/^ 7 {2}07-security/m);
  });

  test.each([[[]], [['seven']], [['7', '--bogus']]])('fails with usage (exit 2) for %j', (argv) => {
    const r = run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain('usage: npm run lab --');
  });

  test('fails if the lab does not exist (exit 1), naming the labs', () => {
    const r = run(['12']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('no lab 12; allowed: 1, 2, 3, 4, 5, 6, 7, 8, 9');
  });

  test('lab 7 blocks its data-loss risk (exit 3) unless allowed', () => {
    const blocked = run(['7']);
    expect(blocked.code).toBe(EXIT_DATA_LOSS);
    expect(blocked.out).toContain('Differences made by the lab');
    expect(blocked.out).toMatch(/BLOCKED Foundation\/KeysRestricted\w+ \(AWS::KMS::Key\) deletion/);
    expect(blocked.out).not.toContain('expectations no longer hold');
    const allowed = run(['7', '--allow-data-loss', '--json']);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.out)).toMatchObject({ lab: 7, environment: 'dev-eu', diff: { dataLoss: [expect.objectContaining({ allowed: true })] } });
  }, 120_000);
});
