import * as fs from 'node:fs';
import * as path from 'node:path';
import { ResourceRef } from './model';

/**
 * Reads a synthesized cloud assembly (`cdk.out`) from disk: one environment per
 * nested assembly (CDK Stage), its stacks, templates, and the construct path of every
 * logical id. The report works only from these files, so it can run on a cdk.out
 * produced elsewhere.
 */

/** A CloudFormation template, loosely typed. */
export interface Template {
  readonly Resources?: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, { Value?: unknown; Export?: { Name?: unknown } }>;
}
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

export interface StackInfo {
  /** Stack id inside the stage (Foundation, Lake, ...). */
  readonly id: string;
  readonly stackName: string;
  readonly region: string;
  /** Absolute path of the template file. */
  readonly templateFile: string;
  readonly template: Template;
  /** Construct path (below the stage) by logical id. */
  readonly paths: ReadonlyMap<string, string>;
}

export interface EnvironmentAssembly {
  readonly name: string;
  readonly directory: string;
  readonly stacks: readonly StackInfo[];
}

export interface AssemblyInfo {
  readonly directory: string;
  readonly environments: readonly EnvironmentAssembly[];
  /** The validation plugins' report (validation-report.json), if present. */
  readonly validationReport?: ValidationReport;
}

/** cdk's validation-report.json, the parts the report reads. */
export interface ValidationReport {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly violations: readonly ValidationViolation[];
    readonly suppressedViolations?: readonly ValidationViolation[];
  }[];
}
export interface ValidationViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly severity?: string;
  readonly violatingConstructs: readonly { readonly constructPath: string }[];
  readonly acknowledgedId?: string;
  readonly reason?: string;
  readonly acknowledgedAt?: string;
}

interface Manifest {
  readonly artifacts?: Record<
    string,
    {
      readonly type: string;
      readonly environment?: string;
      readonly displayName?: string;
      readonly properties?: { readonly templateFile?: string; readonly stackName?: string; readonly directoryName?: string };
      readonly metadata?: Record<string, readonly { readonly type: string; readonly data?: unknown }[]>;
      readonly additionalMetadataFile?: string;
    }
  >;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Reads the assembly at `directory`; throws naming the file if it is not a cloud assembly. */
export function readAssembly(directory: string): AssemblyInfo {
  const manifestFile = path.join(directory, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    throw new Error(`${manifestFile}: not found; allowed: a cloud assembly directory written by 'cdk synth' (default cdk.out)`);
  }
  const manifest = readJson<Manifest>(manifestFile);
  const environments: EnvironmentAssembly[] = [];
  for (const [, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'cdk:cloud-assembly' || !artifact.properties?.directoryName) continue;
    const dir = path.join(directory, artifact.properties.directoryName);
    const name = artifact.displayName ?? artifact.properties.directoryName.replace(/^assembly-/, '');
    environments.push({ name, directory: dir, stacks: readStacks(dir, name) });
  }
  const reportFile = path.join(directory, 'validation-report.json');
  return {
    directory,
    environments,
    validationReport: fs.existsSync(reportFile) ? readJson<ValidationReport>(reportFile) : undefined,
  };
}

function readStacks(dir: string, stage: string): StackInfo[] {
  const manifest = readJson<Manifest>(path.join(dir, 'manifest.json'));
  const stacks: StackInfo[] = [];
  for (const [, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const templateFile = path.join(dir, artifact.properties.templateFile);
    const paths = new Map<string, string>();
    // Construct metadata sits in the manifest or, in recent CDK versions, in a file beside it.
    const metadata = {
      ...(artifact.metadata ?? {}),
      ...(artifact.additionalMetadataFile
        ? readJson<Record<string, readonly { readonly type: string; readonly data?: unknown }[]>>(path.join(dir, artifact.additionalMetadataFile))
        : {}),
    };
    for (const [constructPath, entries] of Object.entries(metadata)) {
      for (const entry of entries) {
        if (entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') {
          paths.set(entry.data, constructPath.replace(/^\//, '').split('/').slice(1).join('/'));
        }
      }
    }
    const displayName = artifact.displayName ?? '';
    stacks.push({
      id: displayName.startsWith(`${stage}/`) ? displayName.slice(stage.length + 1) : displayName,
      stackName: artifact.properties.stackName ?? displayName,
      region: /^aws:\/\/[^/]+\/(.+)$/.exec(artifact.environment ?? '')?.[1] ?? 'unknown',
      templateFile,
      template: readJson<Template>(templateFile),
      paths,
    });
  }
  return stacks;
}

/** A resource of an environment, with its stack and construct path. */
export interface LocatedResource {
  readonly stack: StackInfo;
  readonly logicalId: string;
  readonly resource: TemplateResource;
  readonly ref: ResourceRef;
}

/** Every resource of an environment, in stack then template order. */
export function resourcesOf(env: EnvironmentAssembly): LocatedResource[] {
  return env.stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources ?? {}).map(([logicalId, resource]) => ({
      stack,
      logicalId,
      resource,
      ref: {
        path: stack.paths.get(logicalId) ?? `${stack.id}/${logicalId}`,
        stack: stack.id,
        logicalId,
        type: resource.Type,
      },
    })),
  );
}

/**
 * Resolves a reference inside a template (Ref, Fn::GetAtt, or a cross-stack
 * Fn::ImportValue of an environment's export) to the resource it names.
 */
export function resolveReference(env: EnvironmentAssembly, stack: StackInfo, value: unknown): LocatedResource | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const locate = (s: StackInfo, logicalId: string): LocatedResource | undefined => {
    const resource = s.template.Resources?.[logicalId];
    if (!resource) return undefined;
    return {
      stack: s,
      logicalId,
      resource,
      ref: { path: s.paths.get(logicalId) ?? `${s.id}/${logicalId}`, stack: s.id, logicalId, type: resource.Type },
    };
  };
  if (typeof v.Ref === 'string') return locate(stack, v.Ref);
  if (Array.isArray(v['Fn::GetAtt']) && typeof v['Fn::GetAtt'][0] === 'string') return locate(stack, v['Fn::GetAtt'][0]);
  if (typeof v['Fn::ImportValue'] === 'string') {
    const exportName = v['Fn::ImportValue'];
    for (const s of env.stacks) {
      for (const output of Object.values(s.template.Outputs ?? {})) {
        if (output.Export?.Name === exportName) return resolveReference(env, s, output.Value);
      }
    }
  }
  return undefined;
}

/** Every logical id a value references (Ref, GetAtt, Sub placeholders), for the diagram's edges. */
export function referencesIn(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((v) => referencesIn(v, out));
  } else if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string' && !v.Ref.startsWith('AWS::')) out.add(v.Ref);
    if (Array.isArray(v['Fn::GetAtt']) && typeof v['Fn::GetAtt'][0] === 'string') out.add(v['Fn::GetAtt'][0]);
    if (typeof v['Fn::ImportValue'] === 'string') out.add(`import:${v['Fn::ImportValue']}`);
    Object.values(v).forEach((x) => referencesIn(x, out));
  }
  return out;
}

/** The value of a tag on a resource (CloudFormation list or map form). */
export function tagOf(resource: TemplateResource, key: string): string | undefined {
  const tags = resource.Properties?.Tags;
  if (Array.isArray(tags)) {
    const tag = tags.find((t) => t && typeof t === 'object' && (t as { Key?: unknown }).Key === key) as { Value?: unknown } | undefined;
    return typeof tag?.Value === 'string' ? tag.Value : undefined;
  }
  if (tags && typeof tags === 'object') {
    const value = (tags as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/** Reads a nested property by path (`['A', 'B', 0, 'C']`). */
export function propAt(value: unknown, pathParts: readonly (string | number)[]): unknown {
  let current: unknown = value;
  for (const p of pathParts) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[p];
  }
  return current;
}
