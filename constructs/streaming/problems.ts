/**
 * A problem found by a pure validator of this domain: where (a path relative to the
 * validated value), what was received and what is allowed. Constructs throw with
 * every problem at once; the configuration schema reports them against its own paths.
 */
export interface StreamingProblem {
  readonly path: readonly (string | number)[];
  readonly received: unknown;
  readonly allowed: string;
}

/** Renders a problem path as `topics[1].replicationFactor`. */
export function formatProblemPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out === '' ? p : `${out}.${p}`), '');
}

/** Throws one error listing every problem, or returns if there are none. */
export function throwIfProblems(what: string, problems: readonly StreamingProblem[]): void {
  if (problems.length === 0) return;
  const lines = problems.map((p) => `  - ${formatProblemPath(p.path)}: received ${JSON.stringify(p.received)}; allowed: ${p.allowed}`);
  throw new Error(`Invalid ${what} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
}
