import { App, Stack } from 'aws-cdk-lib';
import * as path from 'node:path';
import { buildPlatform } from '../../lib/app';
import { loadDefaultEnvironment } from '../../lib/config/load';
import { EnvironmentConfig } from '../../lib/config/schema';
import { PlatformStage } from '../../lib/platform-stage';

/** The feature flags of cdk.json, so tests synthesize exactly what `cdk synth` does. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const CDK_CONTEXT: Record<string, unknown> = require(path.join(__dirname, '..', '..', 'cdk.json')).context;

/** A fresh App with the project's feature flags. */
export function testApp(context: Record<string, unknown> = {}): App {
  return new App({ context: { ...CDK_CONTEXT, ...context } });
}

/** A stack pinned to an account and region (so ARNs and AZs resolve), inside a project-flagged App. */
export function testStack(id = 'Test', region = 'eu-west-1'): Stack {
  return new Stack(testApp(), id, { env: { account: '111111111111', region } });
}

/** One platform environment, built the way bin/app.ts builds it (packs and acknowledgements attached). */
export function platformStage(config: EnvironmentConfig | string): PlatformStage {
  const env = typeof config === 'string' ? loadDefaultEnvironment(config) : config;
  const [stage] = buildPlatform(testApp(), [env]);
  return stage;
}
