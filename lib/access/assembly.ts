/**
 * Loads an environment's templates from a synthesized cloud assembly
 * (`cdk.out/assembly-<environment>/manifest.json` and its `*.template.json`), and from
 * CDK stacks in memory (tests).
 */
import { Stack, Stage } from 'aws-cdk-lib';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CfnTemplate, StackTemplate, TemplateEnvironment } from './templates';

/** The templates of one environment and where they deploy. */
export interface EnvironmentTemplates extends TemplateEnvironment {
  readonly stacks: readonly StackTemplate[];
}

interface ManifestArtifact {
  readonly type: string;
  readonly environment?: string;
  readonly displayName?: string;
  readonly properties?: { readonly templateFile?: string; readonly stackName?: string; readonly directoryName?: string };
}

function readJson(file: string, what: string): unknown {
  if (!fs.existsSync(file)) throw new Error(`${what}: ${file} does not exist`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** `aws://<account>/<region>` as account and region; `unknown-account` gives no account. */
function parseEnvironment(environment: string | undefined, where: string): { account?: string; region: string } {
  const match = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(environment ?? '');
  if (!match || match[2].startsWith('unknown-')) {
    throw new Error(`${where}: environment '${environment}' has no region; allowed: stacks pinned to a region (aws://<account>/<region>)`);
  }
  return { account: /^\d{12}$/.test(match[1]) ? match[1] : undefined, region: match[2] };
}

/**
 * Reads the stacks of one environment from a cloud assembly: either the nested
 * assembly directory itself (`cdk.out/assembly-dev-eu`) or the top-level `cdk.out`
 * with the environment (stage) name.
 */
export function loadAssembly(directory: string, environment?: string): EnvironmentTemplates {
  let dir = directory;
  if (environment !== undefined) {
    const nested = path.join(directory, `assembly-${environment}`);
    if (!fs.existsSync(nested)) {
      const available = fs.existsSync(directory) ? fs.readdirSync(directory).filter((d) => d.startsWith('assembly-')).map((d) => d.slice('assembly-'.length)) : [];
      throw new Error(`environment: received '${environment}'; allowed: ${available.join(', ') || `none (no assembly-* directory in ${directory})`}`);
    }
    dir = nested;
  }
  const manifest = readJson(path.join(dir, 'manifest.json'), 'cloud assembly manifest') as { artifacts?: Record<string, ManifestArtifact> };
  const stacks: StackTemplate[] = [];
  let env: { account?: string; region: string } | undefined;
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const stackEnv = parseEnvironment(artifact.environment, `stack ${id}`);
    if (env && (env.region !== stackEnv.region || env.account !== stackEnv.account)) {
      throw new Error(`stack ${id}: environment ${artifact.environment} differs from the other stacks' (${env.account ?? 'unknown-account'}/${env.region}); load one environment at a time`);
    }
    env = stackEnv;
    stacks.push({
      stackName: artifact.properties.stackName ?? id,
      displayName: artifact.displayName ?? id,
      template: readJson(path.join(dir, artifact.properties.templateFile), `template of stack ${id}`) as CfnTemplate,
    });
  }
  if (!env) {
    const nested = Object.values(manifest.artifacts ?? {})
      .map((a) => a.properties?.directoryName)
      .filter((d): d is string => typeof d === 'string' && d.startsWith('assembly-'))
      .map((d) => d.slice('assembly-'.length));
    const hint = nested.length > 0 ? `; it holds environments ${nested.join(', ')}: pass one as environment` : '';
    throw new Error(`cloud assembly ${dir}: no CloudFormation stack found${hint}`);
  }
  return { ...env, stacks };
}

/** The templates of CDK stacks in memory (every stack of a stage, or a list of stacks): synthesizes them. */
export function templatesOfStacks(source: Stage | readonly Stack[]): EnvironmentTemplates {
  const stacks = Stage.isStage(source) ? source.node.findAll().filter((c): c is Stack => Stack.isStack(c)) : (source as readonly Stack[]);
  if (stacks.length === 0) throw new Error('templatesOfStacks: received no stacks; allowed: a stage with stacks or a non-empty list');
  const first = stacks[0];
  const unresolved = (v: string) => v.startsWith('${Token[');
  const region = first.region;
  if (unresolved(region)) throw new Error(`stack ${first.node.path}: region is not pinned; allowed: stacks with an explicit region`);
  return {
    region,
    account: unresolved(first.account) ? undefined : first.account,
    stacks: stacks.map((s) => ({
      stackName: s.stackName,
      displayName: s.node.path,
      template: synthesizedTemplate(s),
    })),
  };
}

function synthesizedTemplate(stack: Stack): CfnTemplate {
  const stage = Stage.of(stack);
  if (!stage) throw new Error(`stack ${stack.node.path} is not in a stage or app`);
  return stage.synth().getStackArtifact(stack.artifactId).template as CfnTemplate;
}
