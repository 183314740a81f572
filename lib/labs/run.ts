import { loadDefaultEnvironment, parseEnvironment } from '../config/load';
import { EnvironmentConfig } from '../config/schema';
import { costByCategory } from '../cost/estimate';
import { hasBlockingDataLoss } from '../diff/compare';
import { DiffResult, diffTemplates, sideOf, synthesizeEnvironment } from '../diff/run';
import { EnvironmentTemplates } from '../diff/synth';
import { Lab } from './lab';
import { LABS } from './labs';

/** A lab applied: the environment before and after, and the diff between them. */
export interface LabRun {
  readonly lab: Lab;
  readonly before: EnvironmentConfig;
  readonly after: EnvironmentConfig;
  readonly result: DiffResult;
}

/** A lab by module number; throws naming the allowed numbers. */
export function labByNumber(n: number): Lab {
  const lab = LABS.find((l) => l.module === n);
  if (!lab) throw new Error(`no lab ${n}; allowed: ${LABS.map((l) => l.module).join(', ')}`);
  return lab;
}

/** Applies a lab's change to a copy of an environment; the result is validated like any environment. */
export function applyLab(lab: Lab, env: EnvironmentConfig): EnvironmentConfig {
  const changed = lab.apply(structuredClone(env));
  return parseEnvironment(JSON.parse(JSON.stringify(changed)), `lab ${lab.module} (${env.name})`);
}

/** Runs a lab: synthesizes the environment before and after the change and diffs them. */
export function runLab(
  lab: Lab,
  options: { environment?: string; allowDataLoss?: boolean; baseline?: EnvironmentTemplates } = {},
): LabRun {
  const before = loadDefaultEnvironment(options.environment ?? lab.environment);
  const after = applyLab(lab, before);
  const result = diffTemplates(
    { templates: options.baseline ?? synthesizeEnvironment(before), side: sideOf(before) },
    { templates: synthesizeEnvironment(after), side: sideOf(after) },
    { allowDataLoss: options.allowDataLoss, intended: [] },
  );
  return { lab, before, after, result };
}

/** What of a lab's expectation its diff does not show; empty when the lab holds. */
export function checkLab(run: LabRun): string[] {
  const { lab, result } = run;
  const { diff } = result;
  const problems: string[] = [];
  for (const e of lab.expect.resources ?? []) {
    const found = diff.resources.some(
      (r) =>
        r.stack === e.stack &&
        r.resourceType === e.resourceType &&
        (e.logicalIdPrefix === undefined || r.logicalId.startsWith(e.logicalIdPrefix)) &&
        (e.kind === undefined || r.kind === e.kind) &&
        (e.property === undefined || r.changes.some((c) => c.path.startsWith(e.property as string))),
    );
    if (!found) problems.push(`expected a change (${e.kind ?? 'any'}) of ${e.stack}/${e.logicalIdPrefix ?? ''}* (${e.resourceType})${e.property ? ` at ${e.property}` : ''}`);
  }
  for (const key of lab.expect.tags ?? []) {
    if (!diff.tags.some((t) => t.key === key)) problems.push(`expected tag '${key}' to differ`);
  }
  const domains = new Set([...diff.resources.map((r) => r.domain), ...(diff.tags.length > 0 ? (['tags'] as const) : [])]);
  for (const d of domains) if (!lab.expect.domains.includes(d)) problems.push(`unexpected change in domain '${d}' (allowed: ${lab.expect.domains.join(', ')})`);
  if (hasBlockingDataLoss(diff) !== lab.expect.dataLossBlocked) {
    problems.push(lab.expect.dataLossBlocked ? 'expected a blocked data-loss risk, found none' : `unexpected data-loss risk: ${diff.dataLoss.map((d) => `${d.stack}/${d.logicalId}`).join(', ')}`);
  }
  if (lab.expect.cost !== undefined && result.cost) {
    const delta = result.cost.right.total.onDemand - result.cost.left.total.onDemand;
    const direction = Math.abs(delta) < 0.005 ? 'same' : delta > 0 ? 'up' : 'down';
    if (direction !== lab.expect.cost) problems.push(`expected cost to go ${lab.expect.cost}, it went ${direction} (${delta.toFixed(2)} USD/month)`);
  }
  return problems;
}

/** Monthly cost delta per category of a lab run (for the CLI and the README). */
export function labCostDelta(run: LabRun): Record<string, number> {
  if (!run.result.cost) return {};
  const a = costByCategory(run.result.cost.left);
  const b = costByCategory(run.result.cost.right);
  return Object.fromEntries(Object.keys(a).map((k) => [k, Math.round((b[k as keyof typeof b] - a[k as keyof typeof a]) * 100) / 100]));
}

/** The README of a lab, generated from its definition (a test keeps labs/<slug>/README.md equal to it). */
export function labReadme(lab: Lab): string {
  const lines = [
    `# Lab ${lab.module}: ${lab.title}`,
    '',
    `Module ${lab.module}: ${lab.moduleName}.`,
    '',
    '## Goal',
    '',
    lab.goal,
    '',
    '## The change',
    '',
    `Starting from \`${lab.environment}\`: ${lab.changeDescription}`,
    '',
    `The change is typed in \`lib/labs/labs.ts\` (lab ${lab.module}); run it with:`,
    '',
    '```sh',
    `npm run lab -- ${lab.module}                 # applies the change to a copy of ${lab.environment} and shows the diff`,
    `npm run lab -- ${lab.module} --env ${lab.environment === 'dev-eu' ? 'prod-eu' : 'dev-eu'}   # the same change on another environment`,
    '```',
    '',
    'To make the change by hand instead: `npm run config -- show ' +
      `${lab.environment} > my-env.json\`, edit the file, then \`npm run diff -- ${lab.environment} my-env.json\`.`,
    '',
    '## What to look for in the diff',
    '',
    ...lab.lookFor.map((l) => `- ${l}`),
    '',
    '## Discuss',
    '',
    lab.question,
  ];
  if (lab.retarget) lines.push('', '## Facilitator note', '', `This lab uses what the platform deploys today. ${lab.retarget}`);
  return `${lines.join('\n')}\n`;
}

export { LABS };
