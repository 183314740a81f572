import { parseArgs } from 'node:util';
import { ConfigError } from '../config/errors';
import { loadDefaultEnvironment, loadEnvironmentFile } from '../config/load';
import type { KmsClientOptions } from './client';
import { formatReport } from './format';
import { runPreflight } from './run';

export const PREFLIGHT_USAGE = [
  'usage: npm run preflight -- <environment> | --file <env.json> [--endpoint-url <url>] [--profile <name>] [--json]',
  '  checks the customer keys an environment imports (encryption.importedKeys) with read-only KMS calls;',
  '  exit 0: every check passed (or no imported keys), 1: a check failed or could not run, 2: usage or configuration error',
].join('\n');

/** Where the command writes. */
export interface PreflightIo {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes of the preflight. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * The preflight command. `clientOverrides` lets tests inject credentials and a small
 * retry delay; the command line sets the endpoint and profile.
 */
export async function runPreflightCommand(argv: readonly string[], io: PreflightIo, clientOverrides: KmsClientOptions = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        file: { type: 'string' },
        'endpoint-url': { type: 'string' },
        profile: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${PREFLIGHT_USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(PREFLIGHT_USAGE);
    return EXIT.ok;
  }
  const problems: string[] = [];
  if (positionals.length > 1) problems.push(`expected one environment, received ${positionals.length}: ${positionals.join(' ')}`);
  if (positionals.length === 1 && values.file !== undefined) problems.push('give either an environment name or --file <env.json>, not both');
  if (positionals.length === 0 && values.file === undefined) problems.push('no environment given');
  const endpointUrl = values['endpoint-url'];
  if (endpointUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(endpointUrl)) {
    problems.push(`--endpoint-url: received ${JSON.stringify(endpointUrl)}; allowed: an http(s) URL such as https://vpce-0123-abcd.kms.eu-west-1.vpce.amazonaws.com`);
  }
  if (values.profile !== undefined && values.profile.trim() === '') problems.push('--profile: received ""; allowed: a profile name');
  if (problems.length > 0) {
    io.err(`${problems.map((p) => `preflight: ${p}`).join('\n')}\n${PREFLIGHT_USAGE}`);
    return EXIT.usage;
  }

  let env;
  try {
    env = values.file !== undefined ? loadEnvironmentFile(values.file) : loadDefaultEnvironment(positionals[0]);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.err(e.message);
    return EXIT.usage;
  }

  const report = await runPreflight(env, {
    ...clientOverrides,
    ...(endpointUrl !== undefined ? { endpointUrl } : {}),
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
  });
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else io.out(formatReport(report));
  return report.ok ? EXIT.ok : EXIT.failed;
}
