import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';

/**
 * One project rule: a pure check of a single CloudFormation resource plus the text
 * a reviewer reads when it fails. A pack applies it as `DataPlatform-<id>`.
 *
 * A check returns COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE, never a list of
 * findings: every finding of a rule carries the same id (`DataPlatform-<id>`), so an
 * acknowledgement names a rule and a construct path, and `info` says what must be fixed.
 */
export interface PlatformRule {
  /** Rule id suffix: `CustomerManagedKey` is reported as `DataPlatform-CustomerManagedKey`. */
  readonly id: string;
  /** One line: what is wrong with a non-compliant resource. */
  readonly info: string;
  /** Why the control exists. */
  readonly explanation: string;
  /** Severity of a finding. */
  readonly level: NagMessageLevel;
  /** Curriculum controls the rule enforces, e.g. `Curriculum 7 (Security & privacy): ...`. */
  readonly controls: readonly string[];
  /** The check: pure, reads only the resource and its stack. */
  readonly check: (node: CfnResource) => NagRuleCompliance;
}

/** COMPLIANT when `ok`, NON_COMPLIANT otherwise. */
export function compliantIf(ok: boolean): NagRuleCompliance {
  return ok ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
