import { Stage, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { Acknowledgement, ACKNOWLEDGEMENTS, acknowledgedIds, CONTROL_TOWER_PACK } from './acknowledgements';
import { DataPlatformChecks } from './packs/data-platform';

export { acknowledgedIds } from './acknowledgements';
export type { Acknowledgement } from './acknowledgements';

/** Packs run on every synth, and the extra compliance packs run by the compliance test and the report. */
export type PackName = 'AwsSolutions' | 'DataPlatform' | 'NIST.800.53.R5' | 'HIPAA.Security' | 'PCI.DSS.321';

/** Pack name of the AWS Control Tower proactive controls in acknowledgement ids (`ControlTower::CT.S3.PR.1`). */
export { ACKNOWLEDGEMENTS, CONTROL_TOWER_PACK } from './acknowledgements';

export const DEFAULT_PACKS: readonly PackName[] = ['AwsSolutions', 'DataPlatform'];
export const COMPLIANCE_PACKS: readonly PackName[] = ['AwsSolutions', 'DataPlatform', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];

/**
 * Attaches the packs to the app as validation plugins (cdk-nag v3): every synth
 * then fails on an open finding and writes `cdk.out/validation-report.json`.
 */
export function attachGuardrails(app: Stage, packs: readonly PackName[] = DEFAULT_PACKS): void {
  const plugins = packs.map((pack) => {
    switch (pack) {
      case 'AwsSolutions':
        return new AwsSolutionsChecks(app);
      case 'DataPlatform':
        return new DataPlatformChecks(app);
      case 'NIST.800.53.R5':
        return new NIST80053R5Checks(app);
      case 'HIPAA.Security':
        return new HIPAASecurityChecks(app);
      case 'PCI.DSS.321':
        return new PCIDSS321Checks(app);
    }
  });
  Validations.of(app).addPlugins(...plugins);
}

/**
 * Records every acknowledgement on the matching construct of each stage. Throws if
 * an entry is malformed or matches no construct in any stage (a stale entry would
 * otherwise hide in the registry).
 */
export function applyAcknowledgements(stages: readonly Stage[], entries: readonly Acknowledgement[] = ACKNOWLEDGEMENTS): void {
  const problems: string[] = [];
  for (const entry of entries) {
    if (!/^[A-Za-z0-9.-]+::[A-Za-z0-9.-]+(\[[^\]]+\])?$/.test(entry.rule) || entry.rule.split('[')[0].includes('*')) {
      problems.push(`rule '${entry.rule}': allowed: '<Pack>::<RuleId>' or '<Pack>::<RuleId>[<finding>]', no wildcards`);
      continue;
    }
    if (entry.findings && (entry.rule.includes('[') || entry.findings.length === 0 || entry.findings.some((f) => f.trim() === '' || f.includes(']')))) {
      problems.push(`findings of ${entry.rule} at ${entry.path}: allowed: a rule id without a finding and a non-empty list of exact finding ids`);
      continue;
    }
    if (entry.path.includes('*') || entry.path.trim() === '') {
      problems.push(`path '${entry.path}' (${entry.rule}): allowed: an exact construct path below the stage, no wildcards`);
      continue;
    }
    if (entry.reason.trim().length < 20) {
      problems.push(`reason for ${entry.rule} at ${entry.path}: received '${entry.reason}'; allowed: a reason a reviewer can check (20+ characters)`);
      continue;
    }
    let found = false;
    for (const stage of stages) {
      const target = findByPath(stage, entry.path);
      if (target) {
        // Control Tower controls run in the report (cfn-guard), which reads the registry itself.
        if (!entry.rule.startsWith(`${CONTROL_TOWER_PACK}::`)) {
          for (const id of acknowledgedIds(entry, stage.stageName)) Validations.of(target).acknowledge({ id, reason: entry.reason });
        }
        found = true;
      }
    }
    const productionSelected = stages.some((s) => (s as { config?: { production?: unknown } }).config?.production === true);
    if (!found && stages.length > 0 && !(entry.productionOnly === true && !productionSelected)) {
      problems.push(`${entry.rule} at '${entry.path}': no such construct in ${stages.map((s) => s.stageName).join(', ')}; remove or fix the entry`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`Invalid acknowledgements in policies/acknowledgements.ts:\n  - ${problems.join('\n  - ')}`);
  }
}

function findByPath(root: IConstruct, path: string): IConstruct | undefined {
  let current: IConstruct | undefined = root;
  for (const id of path.split('/')) {
    current = current?.node.tryFindChild(id);
  }
  return current;
}
