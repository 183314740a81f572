import { PolicyViolation, Stack } from 'aws-cdk-lib';
import { DataPlatformChecks } from '../../policies/packs/data-platform';
import { testApp } from '../support/app';

/** One finding: the full rule id and the construct path of the violating resource. */
export interface Finding {
  readonly rule: string;
  readonly path: string;
}

/**
 * Builds a stack (`Test`, account 111111111111, eu-west-1, the project's feature
 * flags), lets `build` add resources, synthesizes (so `Tags.of` aspects apply) and
 * runs the DataPlatform pack over it.
 */
export function validate(build: (stack: Stack) => void): PolicyViolation[] {
  const app = testApp();
  const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'eu-west-1' } });
  build(stack);
  app.synth();
  return new DataPlatformChecks().validateScope(stack).violations;
}

/** The findings of one rule (`ruleId` without the pack prefix) in the stack `build` creates. */
export function findingsFor(ruleId: string, build: (stack: Stack) => void): Finding[] {
  const rule = `DataPlatform-${ruleId}`;
  return validate(build)
    .filter((v) => v.ruleName === rule)
    .flatMap((v) => v.violatingResources.map((r) => ({ rule: v.ruleName, path: r.constructPath ?? '(no construct path)' })));
}
