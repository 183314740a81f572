import { Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildPlatform } from '../../lib/app';
import { loadDefaultEnvironments } from '../../lib/config/load';
import { PlatformStage } from '../../lib/platform-stage';
import { testApp } from './app';

/** Every default environment in one app, as `npx cdk synth` builds them. */
export function defaultPlatform(context: Record<string, unknown> = {}): PlatformStage[] {
  return buildPlatform(testApp(context), loadDefaultEnvironments());
}

/** The stacks of a stage, in construction order. */
export function stacksOf(stage: Stage): Stack[] {
  return stage.node.children.filter((c): c is Stack => Stack.isStack(c));
}

/** Templates of every stack of every stage, keyed `<environment>/<stack id>`. */
export function templatesOf(stages: readonly PlatformStage[]): Map<string, Template> {
  const templates = new Map<string, Template>();
  for (const stage of stages) {
    for (const stack of stacksOf(stage)) templates.set(`${stage.stageName}/${stack.node.id}`, Template.fromStack(stack));
  }
  return templates;
}
