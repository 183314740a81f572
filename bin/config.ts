#!/usr/bin/env node
/**
 * The configuration CLI:
 *   npm run config -- list              default environments, one per line
 *   npm run config -- show <name>       one resolved environment as JSON (valid environmentFile input)
 *   npm run config -- validate <file>   check an environment file without synthesizing
 *   npm run config -- schema            the JSON Schema of an environment file (npm run schema writes it to schema/)
 * User mistakes print every problem and exit 1, without a stack trace; bad usage exits 2.
 */
import { z } from 'zod';
import { ConfigError } from '../lib/config/errors';
import { loadDefaultEnvironment, loadDefaultEnvironments, loadEnvironmentFile } from '../lib/config/load';
import { EnvironmentSchema } from '../lib/config/schema';

const USAGE = 'usage: npm run config -- list | show <name> | validate <file.json> | schema';

/** JSON Schema of an environment file, generated from the zod schema (cross-field rules are checked by `validate`). */
export function environmentJsonSchema(): object {
  return {
    $id: 'environment.schema.json',
    title: 'Data platform environment',
    ...z.toJSONSchema(EnvironmentSchema, { io: 'input', unrepresentable: 'any' }),
  };
}

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
    if (command === 'schema' && argv.length === 1) {
      io.out(JSON.stringify(environmentJsonSchema(), null, 2));
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
