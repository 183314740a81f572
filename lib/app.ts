import { App } from 'aws-cdk-lib';
import { applyAcknowledgements, attachGuardrails, PackName } from '../policies';
import { EnvironmentConfig } from './config/schema';
import { PlatformStage } from './platform-stage';

export interface PlatformAppOptions {
  /** Packs to attach. @default the default packs (AwsSolutions, DataPlatform) */
  readonly packs?: readonly PackName[];
}

/** Composes the platform in an app: one stage per environment, guardrails and acknowledgements attached. */
export function buildPlatform(app: App, environments: readonly EnvironmentConfig[], options: PlatformAppOptions = {}): PlatformStage[] {
  const stages = environments.map((config) => new PlatformStage(app, { config }));
  attachGuardrails(app, options.packs);
  applyAcknowledgements(stages);
  return stages;
}
