import { runCostCommand } from '../../../lib/cost/cli';

function run(argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCostCommand(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run cost', () => {
  test.each([[[]], [['dev-eu', 'prod-eu']], [['--bogus']]])('fails with usage (exit 2) for %j', (argv) => {
    const r = run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain('usage: npm run cost --');
  });

  test('fails if the environment does not exist (exit 1)', () => {
    const r = run(['qa-eu']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('environment: received "qa-eu"; no such environment');
  });

  test('prints a dated estimate by category with totals', () => {
    const r = run(['dev-eu']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Monthly cost estimate: dev-eu \(eu-west-1\), USD/);
    expect(r.out).toMatch(/list prices as of \d{4}-\d{2}-\d{2}/);
    expect(r.out).toMatch(/^storage +\d+\.\d{2}$/m);
    expect(r.out).toMatch(/^total on-demand +\d+\.\d{2}$/m);
    // dev-eu's brokers run all month: MSK has no reserved pricing, and the estimate says so.
    expect(r.out).toMatch(/MSK 3 x kafka\.t3\.small x 730 h \(no reserved pricing for MSK\)/);
  }, 120_000);
});
