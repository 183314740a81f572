#!/usr/bin/env node
/**
 * The configuration CLI:
 *   npm run config -- list              default environments, one per line
 *   npm run config -- show <name>       one resolved environment as JSON (valid environmentFile input)
 *   npm run config -- validate <file>   check an environment file without synthesizing
 * User mistakes print every problem and exit 1, without a stack trace; bad usage exits 2.
 */
import { ConfigError } from '../lib/config/errors';
import { loadDefaultEnvironment, loadDefaultEnvironments, loadEnvironmentFile } from '../lib/config/load';

const USAGE = 'usage: npm run config -- list | show <name> | validate <file.json>';

export function runConfigCommand(argv: readonly string[], io: { out(s: string): void; err(s: string): void }): number {
  const [command, arg] = argv;
  try {
    if (command === 'list' && argv.length === 1) {
      for (const e of loadDefaultEnvironments()) {
        io.out(`${e.name.padEnd(12)} ${e.region.padEnd(14)} ${e.residency.padEnd(4)} ${(e.production ? 'production' : 'non-production').padEnd(15)} ${e.description ?? ''}`.trimEnd());
      }
      return 0;
    }
    if (command === 'show' && arg && argv.length === 2) {
      io.out(JSON.stringify(loadDefaultEnvironment(arg), null, 2));
      return 0;
    }
    if (command === 'validate' && arg && argv.length === 2) {
      const e = loadEnvironmentFile(arg);
      io.out(`${arg}: valid (${e.name}, ${e.region})`);
      return 0;
    }
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.err(e.message);
    return 1;
  }
  io.err(USAGE);
  return 2;
}

if (require.main === module) {
  process.exitCode = runConfigCommand(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
  });
}
