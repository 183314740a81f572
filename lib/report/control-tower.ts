import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentAssembly, StackInfo } from './assembly';

/**
 * AWS Control Tower proactive controls, evaluated offline with the cfn-guard binary
 * and rules shipped in @cdklabs/cdk-validator-cfnguard. Each template is checked
 * with only the rule files whose evaluated resource types it contains (about half a
 * second per template); cfn-guard exits 19 when a rule fails and prints a JSON
 * result per template that is parsed here into (control, logical id) failures.
 */

export interface GuardRule {
  /** Control id, e.g. CT.S3.PR.1. */
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly remediation: string;
  readonly file: string;
  /** CloudFormation types the control evaluates. */
  readonly resourceTypes: readonly string[];
  /** Names of the guard rules (`rule <name> when ...`) the file declares. */
  readonly ruleNames: readonly string[];
}

export interface GuardStackResult {
  readonly stack: StackInfo;
  /** Controls evaluated against the template (the template has a resource they check). */
  readonly evaluated: readonly GuardRule[];
  /** Control id -> failing logical ids. */
  readonly failures: ReadonlyMap<string, ReadonlySet<string>>;
}

const PACKAGE_DIR = path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'));
const RULES_DIR = path.join(PACKAGE_DIR, 'rules', 'control-tower');

/** Versions of the validator package and of the bundled cfn-guard, for the report's header. */
export function guardVersions(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string };
  const guard = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'guard-version.json'), 'utf8')) as { version: string };
  return `@cdklabs/cdk-validator-cfnguard ${pkg.version}, cfn-guard ${guard.version}`;
}

/** The bundled cfn-guard binary for this platform. */
export function guardBinary(): string {
  const platform = process.platform === 'darwin' ? 'macos' : process.platform === 'linux' ? 'ubuntu' : undefined;
  const arch = process.arch === 'arm64' ? 'aarch64' : process.arch === 'x64' ? 'x86_64' : undefined;
  if (!platform || !arch) {
    throw new Error(`cfn-guard: platform received ${process.platform}/${process.arch}; allowed: linux or darwin on x64 or arm64`);
  }
  return path.join(PACKAGE_DIR, 'bin', platform, arch, 'cfn-guard');
}

let catalogue: GuardRule[] | undefined;

/** Every Control Tower rule shipped with the package, with its metadata. */
export function guardRules(): readonly GuardRule[] {
  if (catalogue) return catalogue;
  const rules: GuardRule[] = [];
  const guardDir = path.join(RULES_DIR, 'cfn-guard');
  for (const service of fs.readdirSync(guardDir).sort()) {
    for (const file of fs.readdirSync(path.join(guardDir, service)).sort()) {
      if (!file.endsWith('.guard')) continue;
      const metaFile = path.join(RULES_DIR, 'metadata', service, file.replace(/\.guard$/, '.metadata.json'));
      if (!fs.existsSync(metaFile)) continue;
      const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as {
        Id: string;
        DisplayName: string;
        Severity?: string;
        RemediationMessage?: string;
        EvaluatedResourceTypes?: string[];
      };
      const source = fs.readFileSync(path.join(guardDir, service, file), 'utf8');
      const ruleNames = [...source.matchAll(/^rule\s+([A-Za-z0-9_]+)\s+when\b/gm)].map((m) => m[1]);
      rules.push({
        id: meta.Id,
        title: meta.DisplayName,
        severity: meta.Severity ?? 'UNKNOWN',
        remediation: meta.RemediationMessage ?? '',
        file: path.join(guardDir, service, file),
        resourceTypes: meta.EvaluatedResourceTypes ?? [],
        ruleNames: [...new Set(ruleNames)],
      });
    }
  }
  catalogue = rules;
  return rules;
}

/** Rules that evaluate at least one resource type present in the template. */
export function rulesForTemplate(types: ReadonlySet<string>): GuardRule[] {
  return guardRules().filter((r) => r.resourceTypes.some((t) => types.has(t)));
}

interface GuardFileResult {
  readonly not_compliant?: unknown[];
  readonly compliant?: unknown[];
}

/** Runs cfn-guard on one template and returns the failing (control, logical id) pairs. */
export async function checkTemplate(stack: StackInfo): Promise<GuardStackResult> {
  const types = new Set(Object.values(stack.template.Resources ?? {}).map((r) => r.Type));
  const rules = rulesForTemplate(types);
  if (rules.length === 0) return { stack, evaluated: [], failures: new Map() };
  const args = ['validate', ...rules.flatMap((r) => ['--rules', r.file]), '--data', stack.templateFile];
  args.push('--output-format', 'json', '--show-summary', 'none', '--structured');
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(guardBinary(), args, { maxBuffer: 256 * 1024 * 1024 }, (error, out, err) => {
      const code: unknown = error ? (error as { code?: unknown }).code : 0;
      // 0: every rule passed; 19 (and 5 in older versions): at least one rule failed.
      if (code === 0 || code === 19 || code === 5) resolve(out);
      else reject(new Error(`cfn-guard failed on ${stack.templateFile} (exit ${String(code)}): ${err || error?.message}`));
    });
  });
  return { stack, evaluated: rules, failures: parseGuardOutput(stdout) };
}

/**
 * Parses cfn-guard's structured JSON output: walks each not-compliant check, takes
 * the control id from the nearest `[CT.…]` custom message above it, and the logical id
 * from every `/Resources/<id>/…` path below it.
 */
export function parseGuardOutput(stdout: string): Map<string, Set<string>> {
  const failures = new Map<string, Set<string>>();
  const parsed = JSON.parse(stdout) as GuardFileResult[] | GuardFileResult;
  const walk = (node: unknown, control: string | undefined): void => {
    if (Array.isArray(node)) {
      node.forEach((n) => walk(n, control));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const message = (o.messages as { custom_message?: unknown } | undefined)?.custom_message;
    const id = typeof message === 'string' ? /\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(message)?.[1] : undefined;
    const current = id ?? control;
    if (typeof o.path === 'string' && current) {
      const logicalId = /^\/Resources\/([^/]+)/.exec(o.path)?.[1];
      if (logicalId) {
        if (!failures.has(current)) failures.set(current, new Set());
        failures.get(current)!.add(logicalId);
      }
    }
    Object.values(o).forEach((v) => walk(v, current));
  };
  for (const result of Array.isArray(parsed) ? parsed : [parsed]) walk(result.not_compliant ?? [], undefined);
  return failures;
}

/** Runs every template of an environment through cfn-guard, two at a time. */
export async function checkEnvironment(env: EnvironmentAssembly, concurrency = 2): Promise<GuardStackResult[]> {
  const results: GuardStackResult[] = new Array(env.stacks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < env.stacks.length) {
      const i = next++;
      results[i] = await checkTemplate(env.stacks[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, env.stacks.length) }, worker));
  return results;
}
