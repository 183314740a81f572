import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadDefaultEnvironment } from '../../lib/config/load';
import { ConfigError } from '../../lib/config/errors';
import { formatDiff } from '../../lib/diff/format';
import { synthesizeEnvironment } from '../../lib/diff/run';
import { EnvironmentTemplates } from '../../lib/diff/synth';
import { applyLab, checkLab, labByNumber, labReadme, LABS, runLab } from '../../lib/labs';

const SYNTH_TIMEOUT = 120_000;
const baselines = new Map<string, EnvironmentTemplates>();

beforeAll(() => {
  for (const name of new Set(LABS.map((l) => l.environment))) baselines.set(name, synthesizeEnvironment(loadDefaultEnvironment(name)));
}, SYNTH_TIMEOUT);

describe('labs', () => {
  test('one lab per curriculum module, in order, each with a guide in labs/<slug>/', () => {
    expect(LABS.map((l) => l.module)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const lab of LABS) {
      expect(lab.slug).toMatch(new RegExp(`^0${lab.module}-[a-z-]+$`));
      expect(lab.question.endsWith('?')).toBe(true);
    }
  });

  test.each(LABS.map((l) => [l.module, l.slug]))('lab %i (%s): its README is generated from its definition (npm run lab -- readmes)', (n) => {
    const lab = labByNumber(n as number);
    const file = path.join(__dirname, '..', '..', 'labs', lab.slug, 'README.md');
    expect(fs.readFileSync(file, 'utf8')).toBe(labReadme(lab));
  });

  test.each(LABS.map((l) => [l.module, l.title]))(
    'lab %i (%s): the diff shows what the lab teaches, and nothing outside its domains',
    (n) => {
      const lab = labByNumber(n as number);
      const run = runLab(lab, { baseline: baselines.get(lab.environment) });
      expect(checkLab(run)).toEqual([]);
      expect(run.result.diff.resources.length + run.result.diff.tags.length).toBeGreaterThan(0);
      // A one-setting change reads in one screen.
      expect(formatDiff(run.result.diff, run.result.cost).split('\n').length).toBeLessThan(50);
    },
    SYNTH_TIMEOUT,
  );

  test('checkLab fails if the diff does not show the expected change (a lab that rots is caught)', () => {
    const lab = labByNumber(8);
    const run = runLab({ ...lab, apply: (env) => env }, { baseline: baselines.get(lab.environment) });
    expect(checkLab(run)).toEqual([
      'expected a change (updated) of Audit/* (AWS::Logs::LogGroup) at RetentionInDays',
      'expected a change (updated) of Privacy/ErasureAuditLog* (AWS::Logs::LogGroup) at RetentionInDays',
      'expected cost to go up, it went same (0.00 USD/month)',
    ]);
  }, SYNTH_TIMEOUT);

  test('fails if a lab\'s change makes the environment invalid, with the schema\'s message', () => {
    const lab = { ...labByNumber(8), apply: (env: ReturnType<typeof loadDefaultEnvironment>) => ({ ...env, audit: { ...env.audit, logGroupRetentionDays: 100 } }) };
    expect(() => applyLab(lab, loadDefaultEnvironment('dev-eu'))).toThrow(ConfigError);
    expect(() => applyLab(lab, loadDefaultEnvironment('dev-eu'))).toThrow(/lab 8 \(dev-eu\)\.audit\.logGroupRetentionDays: received 100; not a CloudWatch Logs retention period/);
  });

  test('applies a change to a copy: the default environment is untouched', () => {
    const env = loadDefaultEnvironment('dev-eu');
    const changed = applyLab(labByNumber(1), env);
    expect(changed.tags.owner).toBe('payments-data-squad');
    expect(env.tags.owner).toBe('data-platform-team');
  });
});
