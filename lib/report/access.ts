import { accessMatrix, MatrixRow } from '../access';
import { EnvironmentAssembly } from './assembly';
import { AccessMatrixProvider, AccessRow } from './model';

const DECISIONS: Record<MatrixRow['decision'], AccessRow['decision']> = {
  allowed: 'allow',
  'explicit-deny': 'deny',
  'implicit-deny': 'implicit-deny',
};

/** The statement a reviewer reads as the reason of a cell: the first deciding one, by policy and Sid. */
function decidingStatement(row: MatrixRow): string {
  const first = row.deciding[0];
  if (!first) return 'none (no statement allows it)';
  return first.sid ? `${first.policy} (${first.sid})` : `${first.policy} (statement ${first.index + 1})`;
}

/**
 * The report's access matrix, computed by the project's IAM evaluator (lib/access) from
 * the environment's synthesized templates: every persona role (tag `persona`) against
 * every zone bucket, replica, audit bucket, classified key, topic and trail, for the
 * actions of `DEFAULT_ACTIONS`, in the environment's own region.
 */
export const evaluatorAccessMatrix: AccessMatrixProvider = (env: EnvironmentAssembly) => {
  const region = env.stacks[0]?.region;
  if (region === undefined) return [];
  const matrix = accessMatrix({
    templates: { region, stacks: env.stacks.map((s) => ({ stackName: s.stackName, displayName: `${env.name}/${s.id}`, template: s.template as never })) },
  });
  return matrix.rows.map((row) => ({
    persona: row.subject,
    target: row.target,
    action: `${row.label} (${row.action})`,
    decision: DECISIONS[row.decision],
    statement: decidingStatement(row),
  }));
};
