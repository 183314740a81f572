import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../config/errors';
import { hasBlockingDataLoss } from '../diff/compare';
import { CliIo, EXIT_DATA_LOSS } from '../diff/cli';
import { formatDiff } from '../diff/format';
import { checkLab, labByNumber, labReadme, LABS, runLab } from './run';

export const LAB_USAGE = [
  'usage: npm run lab -- list                                  the labs, one per curriculum module',
  '       npm run lab -- <n> [--env <name>] [--json] [--allow-data-loss]   apply lab n to a copy of an environment and diff',
  '       npm run lab -- readmes                               regenerate labs/<nn>-<module>/README.md from lib/labs/labs.ts',
  'exit: 0 done, 1 invalid input, 2 usage, 3 the diff has an unaccepted data-loss risk (lab 7 shows one on purpose)',
].join('\n');

/** Directory of the lab guides. */
export const LABS_DIR = path.join(__dirname, '..', '..', 'labs');

/** Runs `npm run lab`; returns the exit code. */
export function runLabCommand(argv: readonly string[], io: CliIo): number {
  const [first, ...rest] = argv;
  if (first === 'list' && rest.length === 0) {
    for (const lab of LABS) io.out(`${String(lab.module).padStart(2)}  ${lab.slug.padEnd(18)} ${lab.title}`);
    return 0;
  }
  if (first === 'readmes' && rest.length === 0) {
    for (const lab of LABS) {
      const dir = path.join(LABS_DIR, lab.slug);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'README.md'), labReadme(lab));
      io.out(`wrote labs/${lab.slug}/README.md`);
    }
    return 0;
  }
  const n = Number(first);
  if (!Number.isInteger(n)) {
    io.err(LAB_USAGE);
    return 2;
  }
  let environment: string | undefined;
  let json = false;
  let allowDataLoss = false;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--env' && rest[i + 1] !== undefined) environment = rest[++i];
    else if (rest[i].startsWith('--env=')) environment = rest[i].slice('--env='.length);
    else if (rest[i] === '--json') json = true;
    else if (rest[i] === '--allow-data-loss') allowDataLoss = true;
    else {
      io.err(LAB_USAGE);
      return 2;
    }
  }
  if (!LABS.some((l) => l.module === n)) {
    io.err(`no lab ${n}; allowed: ${LABS.map((l) => l.module).join(', ')}`);
    return 1;
  }
  const lab = labByNumber(n);
  let run;
  try {
    run = runLab(lab, { environment, allowDataLoss });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.err(e.message);
    return 1;
  }
  if (json) {
    io.out(JSON.stringify({ lab: lab.module, environment: run.before.name, ...run.result }, null, 2));
  } else {
    io.out(`Lab ${lab.module}: ${lab.title}`);
    io.out(`Change on a copy of ${run.before.name}: ${lab.changeDescription}`);
    io.out('');
    io.out(formatDiff(run.result.diff, run.result.cost, 'Differences made by the lab'));
    io.out('');
    io.out('Look for:');
    for (const l of lab.lookFor) io.out(`  - ${l}`);
    io.out(`Discuss: ${lab.question}`);
    const problems = run.before.name === lab.environment ? checkLab(run) : [];
    if (problems.length > 0) io.out(`\nThis lab's expectations no longer hold (update lib/labs/labs.ts):\n  - ${problems.join('\n  - ')}`);
  }
  return hasBlockingDataLoss(run.result.diff) ? EXIT_DATA_LOSS : 0;
}
