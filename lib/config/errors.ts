import { z } from 'zod';

/** One thing wrong with a configuration: where, what was received, what is allowed. */
export interface ConfigProblem {
  /** Field path such as `prod-eu.lake.zones.raw.lifecycle.expireAfterDays`, or the file or flag at fault. */
  readonly path: string;
  /** The value received, rendered for a human (absent when nothing was given). */
  readonly received?: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

/**
 * A user mistake in configuration or command-line input. It carries every problem
 * found, so one run reports them all; entry points print `format()` without a
 * stack trace and exit non-zero.
 */
export class ConfigError extends Error {
  public readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], heading = 'Invalid environment configuration') {
    super(ConfigError.render(heading, problems));
    this.name = 'ConfigError';
    this.problems = problems;
  }

  private static render(heading: string, problems: readonly ConfigProblem[]): string {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((p) => `  - ${p.path}: ${p.received === undefined ? '' : `received ${p.received}; `}${p.message}`);
    return `${heading} (${count}):\n${lines.join('\n')}`;
  }
}

/** Renders a value for an error message: JSON, shortened when long. */
export function renderValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Renders a path such as `['lake', 'zones', 'raw']` or `['availabilityZones', 1]` as `lake.zones.raw` / `availabilityZones[1]`. */
export function renderPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The candidate closest to `name`, if it is close enough to be a likely typo. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; d: number } | undefined;
  for (const candidate of candidates) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (!best || d < best.d) best = { candidate, d };
  }
  return best && best.d <= Math.max(2, Math.floor(name.length / 3)) ? best.candidate : undefined;
}

/** Unwraps optional/default/pipe wrappers to reach the schema underneath. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** The field names an object schema accepts at `path`, for suggesting the key a typo meant. */
export function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let current = unwrap(schema);
  for (const segment of path) {
    const def = current._zod.def as {
      type: string;
      shape?: Record<string, z.core.$ZodType>;
      element?: z.core.$ZodType;
      valueType?: z.core.$ZodType;
    };
    if (def.type === 'object' && def.shape && typeof segment === 'string' && def.shape[segment]) current = unwrap(def.shape[segment]);
    else if (def.type === 'array' && def.element) current = unwrap(def.element);
    else if (def.type === 'record' && def.valueType) current = unwrap(def.valueType);
    else return [];
  }
  const def = current._zod.def as { type: string; shape?: Record<string, unknown> };
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/**
 * Turns zod issues into problems with the field path, the received value and what
 * is allowed; unknown keys get a "did you mean" from the schema's own field names.
 */
export function problemsFromZod(error: z.ZodError, options: { prefix?: string; shape: z.core.$ZodType }): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const at = (path: readonly PropertyKey[]) => {
    const rendered = renderPath(path);
    if (!options.prefix) return rendered || '(root)';
    return rendered ? `${options.prefix}${rendered.startsWith('[') ? '' : '.'}${rendered}` : options.prefix;
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(options.shape, issue.path);
      for (const key of issue.keys) {
        const suggestion = closestName(key, known);
        problems.push({
          path: at([...issue.path, key]),
          message: `unknown field${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; allowed fields here: ${known.join(', ')}`,
        });
      }
      continue;
    }
    const received = 'input' in issue ? renderValue(issue.input) : undefined;
    problems.push({ path: at(issue.path), received, message: issue.message });
  }
  return problems;
}
