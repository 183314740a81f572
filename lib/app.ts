import { App } from 'aws-cdk-lib';
import { applyAcknowledgements, attachGuardrails, COMPLIANCE_PACKS, DEFAULT_PACKS, PackName } from '../policies';
import { ConfigError } from './config/errors';
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

/**
 * The packs selected by the `packs` context flag: absent or `default` -> AwsSolutions and
 * DataPlatform; `compliance` -> all five; or a comma-separated list of pack names
 * (`cdk synth -c packs=compliance`, `-c packs=AwsSolutions,HIPAA.Security`).
 */
export function resolvePacks(value: unknown): PackName[] {
  if (value === undefined || value === 'default') return [...DEFAULT_PACKS];
  if (value === 'compliance') return [...COMPLIANCE_PACKS];
  const names = typeof value === 'string' ? value.split(',').map((p) => p.trim()) : [];
  const unknown = names.filter((n) => !(COMPLIANCE_PACKS as readonly string[]).includes(n));
  if (names.length === 0 || names.includes('') || unknown.length > 0) {
    throw new ConfigError(
      [{ path: 'packs', received: JSON.stringify(value), message: `allowed: default, compliance, or a comma-separated list of ${COMPLIANCE_PACKS.join(', ')}` }],
      'Invalid context flag',
    );
  }
  return [...new Set(names)] as PackName[];
}
