import { App } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPlatform } from '../app';
import { EnvironmentConfig } from '../config/schema';

/** A CloudFormation template as JSON. */
export type CfnTemplate = { [key: string]: unknown };

/** One synthesized stack of an environment. */
export interface StackTemplate {
  /** Stack id inside the environment's stage (`Foundation`, `Lake`, ...): how stacks are paired across environments. */
  readonly id: string;
  /** Deployed stack name (`dev-eu-Lake`). */
  readonly stackName: string;
  readonly template: CfnTemplate;
}

/** The synthesized stacks of one environment, with the identity values normalisation removes. */
export interface EnvironmentTemplates {
  /** Environment (stage) name. */
  readonly environment: string;
  readonly region: string;
  /** Account id, when the environment names one. */
  readonly account?: string;
  readonly stacks: readonly StackTemplate[];
}

/** The project's feature flags (cdk.json context), so an in-process synth matches `npx cdk synth`. */
export function projectContext(): Record<string, unknown> {
  const file = path.join(__dirname, '..', '..', 'cdk.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
}

/**
 * Synthesizes environments in-process, offline, on a fresh App with the project's
 * feature flags, without the cdk-nag packs (a diff compares templates; `npx cdk synth`
 * and the tests enforce the packs). Written to a temporary directory that is removed.
 */
export function synthesizeEnvironments(configs: readonly EnvironmentConfig[]): EnvironmentTemplates[] {
  // Schema validation belongs to `npx cdk synth` and the compliance test; a diff only reads templates.
  process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-diff-'));
  try {
    const app = new App({ outdir, context: projectContext() });
    buildPlatform(app, configs, { packs: [] });
    return readAssembly(app.synth()).map((e) => {
      const config = configs.find((c) => c.name === e.environment);
      return config?.account === undefined ? e : { ...e, account: config.account };
    });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Reads a saved cloud assembly (`cdk.out`): one environment per nested stage assembly.
 * Throws with the directory and what was expected if it is not a cloud assembly.
 */
export function readCloudAssembly(dir: string): EnvironmentTemplates[] {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`baseline '${dir}': no manifest.json; allowed: a cdk.out directory written by 'npx cdk synth'`);
  }
  return readAssembly(new cxapi.CloudAssembly(dir, { skipVersionCheck: true }));
}

function readAssembly(assembly: cxapi.CloudAssembly): EnvironmentTemplates[] {
  const environments: EnvironmentTemplates[] = [];
  for (const nested of assembly.nestedAssemblies) {
    const stage = nested.nestedAssembly;
    const stacks = stage.stacks;
    if (stacks.length === 0) continue;
    const environment = nested.displayName ?? nested.id.replace(/^assembly-/, '');
    const region = stacks[0].environment.region;
    const account = stacks[0].environment.account;
    environments.push({
      environment,
      region,
      account: /^\d{12}$/.test(account) ? account : undefined,
      stacks: stacks.map((s) => ({
        id: s.hierarchicalId.startsWith(`${environment}/`) ? s.hierarchicalId.slice(environment.length + 1) : s.hierarchicalId,
        stackName: s.stackName,
        template: s.template as CfnTemplate,
      })),
    });
  }
  return environments;
}
