import * as fs from 'node:fs';
import { ConfigError } from '../config/errors';
import { defaultEnvironmentNames, loadDefaultEnvironment, loadEnvironmentFile } from '../config/load';
import { EnvironmentConfig } from '../config/schema';
import { hasBlockingDataLoss } from './compare';
import { formatDiff } from './format';
import { DiffResult, diffTemplates, sideOf, synthesizeEnvironment } from './run';
import { readCloudAssembly } from './synth';

export const DIFF_USAGE = [
  'usage: npm run diff -- <envA> <envB> [options]         compare two environments (names or environment JSON files)',
  '       npm run diff -- --baseline <cdk.out> [env...] [options]   compare a saved synth with the current one',
  'options: --json                      machine-readable output on stdout',
  '         --allow-data-loss           accept every data-loss risk',
  '         --allow-data-loss=<Stack/LogicalId | Stack>   accept the risks of one resource or stack (repeatable)',
  '         --no-cost                   skip the cost estimate',
  'exit: 0 no unaccepted data-loss risk, 1 invalid input, 2 usage, 3 unaccepted data-loss risk',
].join('\n');

/** Exit code of a diff with unaccepted data-loss risks. */
export const EXIT_DATA_LOSS = 3;

export interface CliIo {
  out(s: string): void;
  err(s: string): void;
}

interface DiffArgs {
  readonly positional: string[];
  readonly baseline?: string;
  readonly json: boolean;
  readonly allowDataLoss: boolean;
  readonly allowDataLossFor: string[];
  readonly cost: boolean;
}

/** Parses the diff's arguments; undefined on a usage error. */
export function parseDiffArgs(argv: readonly string[]): DiffArgs | undefined {
  const positional: string[] = [];
  const allowDataLossFor: string[] = [];
  let baseline: string | undefined;
  let json = false;
  let allowDataLoss = false;
  let cost = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--no-cost') cost = false;
    else if (a === '--allow-data-loss') allowDataLoss = true;
    else if (a.startsWith('--allow-data-loss=') && a.length > '--allow-data-loss='.length) allowDataLossFor.push(a.slice('--allow-data-loss='.length));
    else if (a === '--baseline' && argv[i + 1] !== undefined) baseline = argv[++i];
    else if (a.startsWith('--baseline=')) baseline = a.slice('--baseline='.length);
    else if (a.startsWith('-')) return undefined;
    else positional.push(a);
  }
  if (baseline === undefined && positional.length !== 2) return undefined;
  return { positional, baseline, json, allowDataLoss, allowDataLossFor, cost };
}

/** An environment by default name, or from a JSON file if the argument ends in `.json`. */
export function resolveEnvironment(arg: string): EnvironmentConfig {
  return arg.endsWith('.json') ? loadEnvironmentFile(arg) : loadDefaultEnvironment(arg);
}

/** Resolves every argument, reporting the problems of all of them at once. */
function resolveAll(args: readonly string[]): EnvironmentConfig[] {
  const problems: ConfigError['problems'][number][] = [];
  const configs: EnvironmentConfig[] = [];
  for (const arg of args) {
    try {
      configs.push(resolveEnvironment(arg));
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return configs;
}

/** Runs `npm run diff`; returns the exit code. */
export function runDiffCommand(argv: readonly string[], io: CliIo): number {
  const args = parseDiffArgs(argv);
  if (!args) {
    io.err(DIFF_USAGE);
    return 2;
  }
  const options = { allowDataLoss: args.allowDataLoss, allowDataLossFor: args.allowDataLossFor, cost: args.cost };
  let results: DiffResult[];
  try {
    if (args.baseline !== undefined) {
      results = baselineDiffs(args.baseline, args.positional, options);
    } else {
      const [a, b] = resolveAll(args.positional);
      results = [
        diffTemplates({ templates: synthesizeEnvironment(a), side: sideOf(a) }, { templates: synthesizeEnvironment(b), side: sideOf(b) }, options),
      ];
    }
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.err(e.message);
    return 1;
  }
  if (args.json) {
    io.out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
  } else {
    io.out(results.map((r) => formatDiff(r.diff, r.cost)).join('\n\n'));
  }
  return results.some((r) => hasBlockingDataLoss(r.diff)) ? EXIT_DATA_LOSS : 0;
}

/** Saved environments (all, or those named) against the current synth of the same default environments. */
function baselineDiffs(dir: string, names: readonly string[], options: { allowDataLoss: boolean; allowDataLossFor: string[]; cost: boolean }): DiffResult[] {
  if (!fs.existsSync(dir)) {
    throw new ConfigError([{ path: '--baseline', received: JSON.stringify(dir), message: 'no such directory; allowed: a cdk.out directory written by npx cdk synth' }], 'Invalid diff input');
  }
  let saved;
  try {
    saved = readCloudAssembly(dir);
  } catch (e) {
    throw new ConfigError([{ path: '--baseline', received: JSON.stringify(dir), message: (e as Error).message }], 'Invalid diff input');
  }
  const problems = names
    .filter((n) => !saved.some((s) => s.environment === n))
    .map((n) => ({ path: 'environment', received: JSON.stringify(n), message: `not in the baseline; allowed: ${saved.map((s) => s.environment).join(', ')}` }));
  if (problems.length > 0) throw new ConfigError(problems, 'Invalid diff input');
  const selected = names.length > 0 ? saved.filter((s) => names.includes(s.environment)) : saved.filter((s) => defaultEnvironmentNames().includes(s.environment));
  return selected.map((old) => {
    const config = loadDefaultEnvironment(old.environment);
    const side = sideOf(config);
    return diffTemplates({ templates: old, side }, { templates: synthesizeEnvironment(config), side }, options);
  });
}
