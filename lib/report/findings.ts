import * as fs from 'node:fs';
import * as path from 'node:path';
import { Acknowledgement, acknowledgedIds, CONTROL_TOWER_PACK } from '../../policies/acknowledgements';
import { EnvironmentAssembly, ValidationReport } from './assembly';
import { GuardStackResult } from './control-tower';
import { AcknowledgementRow, Control, ControlStatus, Finding, ResourceRef } from './model';


function refFor(env: EnvironmentAssembly, constructPath: string): ResourceRef {
  const below = constructPath.startsWith(`${env.name}/`) ? constructPath.slice(env.name.length + 1) : constructPath;
  const stackId = below.split('/')[0];
  const stack = env.stacks.find((s) => s.id === stackId);
  let logicalId: string | undefined;
  for (const [id, p] of stack?.paths ?? []) if (p === below) logicalId = id;
  const type = logicalId ? stack?.template.Resources?.[logicalId]?.Type : undefined;
  return { path: below, stack: stackId, ...(logicalId ? { logicalId } : {}), ...(type ? { type } : {}) };
}

function statusOf(findings: readonly Finding[]): ControlStatus {
  if (findings.some((f) => f.status === 'open')) return 'open';
  return findings.length > 0 ? 'acknowledged' : 'passed';
}

/** cdk-nag findings of one environment, grouped by pack and rule (open and acknowledged). */
export function nagControls(env: EnvironmentAssembly, report: ValidationReport | undefined): Control[] {
  const controls = new Map<string, Control & { findings: Finding[] }>();
  for (const plugin of report?.pluginReports ?? []) {
    const add = (violation: (typeof plugin.violations)[number], acknowledged: boolean) => {
      for (const c of violation.violatingConstructs) {
        if (!c.constructPath.startsWith(`${env.name}/`)) continue;
        const key = `${plugin.pluginName}\u0000${violation.ruleName}`;
        if (!controls.has(key)) {
          controls.set(key, {
            pack: plugin.pluginName,
            rule: violation.ruleName,
            description: violation.description,
            severity: violation.severity,
            status: 'passed',
            findings: [],
          });
        }
        controls.get(key)!.findings.push({
          resource: refFor(env, c.constructPath),
          status: acknowledged ? 'acknowledged' : 'open',
          ...(acknowledged ? { acknowledgement: { id: violation.acknowledgedId ?? violation.ruleName, reason: violation.reason ?? '' } } : {}),
        });
      }
    };
    plugin.violations.forEach((v) => add(v, false));
    (plugin.suppressedViolations ?? []).forEach((v) => add(v, true));
  }
  return [...controls.values()].map((c) => ({ ...c, status: statusOf(c.findings) }));
}

/**
 * Control Tower controls of one environment: every evaluated control, its failing
 * resources, each acknowledged when a registry entry names the control and the
 * resource's construct path (or an ancestor of it), open otherwise.
 */
export function controlTowerControls(results: readonly GuardStackResult[], acks: readonly Acknowledgement[]): Control[] {
  const controls = new Map<string, Control & { findings: Finding[] }>();
  for (const result of results) {
    for (const rule of result.evaluated) {
      if (!controls.has(rule.id)) {
        controls.set(rule.id, {
          pack: CONTROL_TOWER_PACK,
          rule: rule.id,
          description: `${rule.title}. Fix: ${rule.remediation}`,
          severity: rule.severity,
          status: 'passed',
          findings: [],
        });
      }
      for (const logicalId of result.failures.get(rule.id) ?? []) {
        const resourcePath = result.stack.paths.get(logicalId) ?? `${result.stack.id}/${logicalId}`;
        const ack = controlTowerAcknowledgement(acks, rule.id, resourcePath);
        controls.get(rule.id)!.findings.push({
          resource: { path: resourcePath, stack: result.stack.id, logicalId, type: result.stack.template.Resources?.[logicalId]?.Type },
          status: ack ? 'acknowledged' : 'open',
          ...(ack ? { acknowledgement: { id: ack.rule, reason: ack.reason } } : {}),
        });
      }
    }
  }
  return [...controls.values()].map((c) => ({ ...c, status: statusOf(c.findings) })).sort((a, b) => a.rule.localeCompare(b.rule, 'en', { numeric: true }));
}

/** The registry entry acknowledging a Control Tower failure at `resourcePath` (below the stage). */
export function controlTowerAcknowledgement(acks: readonly Acknowledgement[], controlId: string, resourcePath: string): Acknowledgement | undefined {
  return acks.find(
    (a) => a.rule === `${CONTROL_TOWER_PACK}::${controlId}` && (resourcePath === a.path || resourcePath.startsWith(`${a.path}/`)),
  );
}

/** Where each acknowledgement is declared: `policies/acknowledgements.ts:<line>`. */
export function declarationSites(acks: readonly Acknowledgement[], file = path.join(__dirname, '..', '..', 'policies', 'acknowledgements.ts')): string[] {
  const relative = path.relative(path.join(__dirname, '..', '..'), file).split(path.sep).join('/');
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
  const used = new Set<number>();
  return acks.map((a) => {
    // The entry's line: the first unused line naming both its rule and its path, or its path alone.
    const quoted = (s: string) => [`'${s}'`, `"${s}"`, `\`${s}\``];
    const hasAll = (line: string, parts: string[]) => parts.every((p) => quoted(p).some((q) => line.includes(q)));
    let index = lines.findIndex((l, i) => !used.has(i) && hasAll(l, [a.rule, a.path]));
    if (index < 0) index = lines.findIndex((l, i) => !used.has(i) && hasAll(l, [a.path]));
    if (index < 0) return `${relative} (entry not found in source)`;
    used.add(index);
    return `${relative}:${index + 1}`;
  });
}

/** Rows of the acknowledgement list of one environment, with how many findings each one covers. */
export function acknowledgementRows(acks: readonly Acknowledgement[], controls: readonly Control[], environment: string): AcknowledgementRow[] {
  const sites = declarationSites(acks);
  return acks.map((a, i) => {
    const ids = new Set(acknowledgedIds(a, environment));
    const matched = controls
      .flatMap((c) => c.findings)
      .filter(
        (f) =>
          f.status === 'acknowledged' &&
          ids.has(f.acknowledgement?.id ?? '') &&
          (f.resource.path === a.path || f.resource.path.startsWith(`${a.path}/`)),
      ).length;
    return { rule: a.rule, path: a.path, reason: a.reason, declaredAt: sites[i], matched };
  });
}
