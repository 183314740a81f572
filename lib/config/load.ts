import * as fs from 'node:fs';
import { ConfigError, ConfigProblem, closestName, problemsFromZod } from './errors';
import { DEFAULT_ENVIRONMENTS } from './environments';
import { EnvironmentConfig, EnvironmentSchema, EnvironmentShape } from './schema';

/** How the caller picks environments (the `-c environment=` / `-c environmentFile=` flags). */
export interface EnvironmentSelection {
  /** Name of one default environment. */
  readonly environment?: unknown;
  /** Path of a JSON file holding one environment. */
  readonly environmentFile?: unknown;
}

/** Validates one environment; `source` names it in error paths. Throws ConfigError with every problem. */
export function parseEnvironment(input: unknown, source?: string): EnvironmentConfig {
  const result = EnvironmentSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    throw new ConfigError(problemsFromZod(result.error, { prefix: source, shape: EnvironmentShape }));
  }
  return result.data;
}

/** Names of the default environments, in declaration order. */
export function defaultEnvironmentNames(): string[] {
  return DEFAULT_ENVIRONMENTS.map((e) => e.name);
}

/**
 * Every default environment, validated together: one error lists the problems of
 * all of them, each path prefixed with the environment's name.
 */
export function loadDefaultEnvironments(): EnvironmentConfig[] {
  const problems: ConfigProblem[] = [];
  const configs: EnvironmentConfig[] = [];
  const names = new Set<string>();
  for (const input of DEFAULT_ENVIRONMENTS) {
    if (names.has(input.name)) {
      problems.push({ path: input.name, message: 'two default environments share this name; allowed: unique names' });
    }
    names.add(input.name);
    try {
      configs.push(parseEnvironment(input, input.name));
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return configs;
}

/** One default environment by name, with a "did you mean" for a typo. */
export function loadDefaultEnvironment(name: string): EnvironmentConfig {
  const input = DEFAULT_ENVIRONMENTS.find((e) => e.name === name);
  if (!input) {
    const names = defaultEnvironmentNames();
    const suggestion = closestName(name, names);
    throw new ConfigError([
      {
        path: 'environment',
        received: JSON.stringify(name),
        message: `no such environment${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; allowed: ${names.join(', ')}`,
      },
    ]);
  }
  return parseEnvironment(input, name);
}

/** Reads and validates an environment from a JSON file. */
export function loadEnvironmentFile(file: string): EnvironmentConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read it (${(e as Error).message})`;
    throw new ConfigError([{ path: 'environmentFile', received: JSON.stringify(file), message: `${reason}; allowed: a readable JSON file` }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError([
      { path: file, message: `not valid JSON (${(e as Error).message}); allowed: one environment object as JSON` },
    ]);
  }
  return parseEnvironment(data, file);
}

/**
 * Resolves the environments to synthesize: one by name, one from a file, or all defaults.
 * Throws ConfigError (never a stack-trace error) on any user mistake.
 */
export function resolveEnvironments(selection: EnvironmentSelection): EnvironmentConfig[] {
  const { environment, environmentFile } = selection;
  const problems: ConfigProblem[] = [];
  for (const [flag, value] of Object.entries({ environment, environmentFile })) {
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
      problems.push({ path: flag, received: JSON.stringify(value), message: 'allowed: a non-empty string' });
    }
  }
  if (environment !== undefined && environmentFile !== undefined) {
    problems.push({ path: 'environment', message: 'give either -c environment=<name> or -c environmentFile=<path.json>, not both' });
  }
  if (problems.length > 0) throw new ConfigError(problems, 'Invalid environment selection');
  if (typeof environmentFile === 'string') return [loadEnvironmentFile(environmentFile)];
  if (typeof environment === 'string') return [loadDefaultEnvironment(environment)];
  return loadDefaultEnvironments();
}
