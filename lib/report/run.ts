import { App } from 'aws-cdk-lib';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMPLIANCE_PACKS } from '../../policies';
import { buildPlatform } from '../app';
import { ConfigError } from '../config/errors';
import { resolveEnvironments } from '../config/load';
import { readAssembly } from './assembly';
import { buildReport, BuiltReport } from './build';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { AccessMatrixProvider, reportJsonSchema } from './model';

const ROOT = path.join(__dirname, '..', '..');

export interface ReportCommandOptions {
  /** Read this existing cloud assembly instead of synthesizing. */
  readonly from?: string;
  /** Where to synthesize. @default cdk.out */
  readonly outdir?: string;
  /** One default environment (`-c environment=`); @default every default environment */
  readonly environment?: string;
  /** An environment file (`-c environmentFile=`). */
  readonly environmentFile?: string;
  readonly accessMatrix?: AccessMatrixProvider;
}

/**
 * Synthesizes the selected environments with every compliance pack attached, exactly
 * as `cdk synth -c packs=compliance` does, into `outdir`. Open findings do not stop
 * it: the validation report is written either way and the report shows them.
 */
export function synthesizeForReport(options: ReportCommandOptions): string {
  const outdir = path.resolve(options.outdir ?? path.join(ROOT, 'cdk.out'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const context = (require(path.join(ROOT, 'cdk.json')) as { context: Record<string, unknown> }).context;
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir, context: { ...context, packs: 'compliance' } });
  const environments = resolveEnvironments({ environment: options.environment, environmentFile: options.environmentFile });
  buildPlatform(app, environments, { packs: COMPLIANCE_PACKS });
  try {
    app.synth();
  } catch (e) {
    // An open finding makes synth throw after writing validation-report.json; anything else is an error.
    if (!fs.existsSync(path.join(outdir, 'validation-report.json'))) throw e;
  }
  return outdir;
}

/** Writes index.html, report.md and report.json into `<assembly>/report/`; returns the directory. */
export function writeReport(built: BuiltReport, assemblyDir: string): string {
  const dir = path.join(assemblyDir, 'report');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), renderHtml(built.report, built.diagrams));
  fs.writeFileSync(path.join(dir, 'report.md'), renderMarkdown(built.report));
  fs.writeFileSync(path.join(dir, 'report.json'), `${JSON.stringify(built.report, null, 2)}\n`);
  return dir;
}

/** The whole command: synth (or read), build, write. Returns the report and where it went. */
export async function runReport(options: ReportCommandOptions): Promise<{ built: BuiltReport; dir: string }> {
  const assemblyDir = options.from ? path.resolve(options.from) : synthesizeForReport(options);
  const assembly = readAssembly(assemblyDir);
  const packs = assembly.validationReport?.pluginReports.map((p) => p.pluginName) ?? [];
  const built = await buildReport(assembly, { packs, accessMatrix: options.accessMatrix });
  return { built, dir: writeReport(built, assemblyDir) };
}

/** Parses `[schema] [--from dir] [--out dir] [--environment name] [--environment-file path]`. */
export function parseReportArgs(argv: readonly string[]): ReportCommandOptions & { schema?: boolean } {
  const options: { -readonly [K in keyof ReportCommandOptions]?: ReportCommandOptions[K] } & { schema?: boolean } = {};
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) {
        problems.push(`${arg}: received no value; allowed: ${arg} <value>`);
        return undefined;
      }
      i++;
      return v;
    };
    if (arg === 'schema') options.schema = true;
    else if (arg === '--from') options.from = value();
    else if (arg === '--out') options.outdir = value();
    else if (arg === '--environment') options.environment = value();
    else if (arg === '--environment-file') options.environmentFile = value();
    else problems.push(`argument '${arg}': allowed: schema, --from <cdk.out>, --out <dir>, --environment <name>, --environment-file <path>`);
  }
  if (problems.length > 0) throw new ConfigError(problems.map((message) => ({ path: 'report', message })), 'Invalid report arguments');
  return options;
}

/** The JSON Schema file content (schema/report.schema.json). */
export function reportSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}

