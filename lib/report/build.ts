import { Acknowledgement, ACKNOWLEDGEMENTS, CONTROL_TOWER_PACK } from '../../policies/acknowledgements';
import { AssemblyInfo, EnvironmentAssembly } from './assembly';
import { checkEnvironment, guardVersions } from './control-tower';
import { curriculumCoverage } from './curriculum';
import { diagramSource, renderSvg } from './diagram';
import { acknowledgementRows, controlTowerControls, nagControls } from './findings';
import { encryptionInventory, residencyProof, retentionInventory } from './inventory';
import { AccessMatrixProvider, AccessSection, Control, EnvironmentReport, Report, REPORT_SCHEMA_VERSION, ReportSchema } from './model';

export interface BuildOptions {
  /** Packs the synth ran (listed in the report header). */
  readonly packs: readonly string[];
  /** The acknowledgement registry. @default ACKNOWLEDGEMENTS */
  readonly acknowledgements?: readonly Acknowledgement[];
  /** Access evaluator. @default - the section says 'not available' */
  readonly accessMatrix?: AccessMatrixProvider;
  /** Run the Control Tower rules. @default true */
  readonly controlTower?: boolean;
  /** Render the architecture diagrams to SVG (the DOT source is always computed). @default true */
  readonly diagrams?: boolean;
  /** Time stamp of the run. @default now */
  readonly now?: Date;
}

/** The report and the rendered diagram of every environment (SVG by environment name). */
export interface BuiltReport {
  readonly report: Report;
  readonly diagrams: ReadonlyMap<string, string>;
}

const ACCESS_NOT_AVAILABLE =
  'not available: the access evaluator (lib/access) is not wired into the report yet; rows will list persona × target × action with the deciding statement.';

function accessSection(env: EnvironmentAssembly, provider: AccessMatrixProvider | undefined): AccessSection {
  if (!provider) return { available: false, note: ACCESS_NOT_AVAILABLE, rows: [] };
  return { available: true, note: 'computed by the access evaluator (lib/access) from the synthesized policies', rows: [...provider(env)] };
}

function countFindings(controls: readonly Control[], status: 'open' | 'acknowledged'): number {
  return controls.reduce((n, c) => n + c.findings.filter((f) => f.status === status).length, 0);
}

/** Builds the report of every environment of a synthesized assembly. */
export async function buildReport(assembly: AssemblyInfo, options: BuildOptions): Promise<BuiltReport> {
  const acks = options.acknowledgements ?? ACKNOWLEDGEMENTS;
  const environments: EnvironmentReport[] = [];
  const diagrams = new Map<string, string>();
  for (const env of assembly.environments) {
    const guard = options.controlTower === false ? [] : await checkEnvironment(env);
    const controls = [...nagControls(env, assembly.validationReport), ...controlTowerControls(guard, acks)];
    const residency = residencyProof(env);
    const dot = diagramSource(env);
    if (options.diagrams !== false) diagrams.set(env.name, await renderSvg(dot));
    const resources = env.stacks.reduce((n, s) => n + Object.keys(s.template.Resources ?? {}).length, 0);
    environments.push({
      name: env.name,
      region: env.stacks[0]?.region ?? 'unknown',
      residency: residency.zone,
      stacks: env.stacks.map((s) => ({
        id: s.id,
        stackName: s.stackName,
        template: s.templateFile.slice(assembly.directory.length + 1),
        resources: Object.keys(s.template.Resources ?? {}).length,
      })),
      summary: {
        open: countFindings(controls, 'open'),
        acknowledged: countFindings(controls, 'acknowledged'),
        controls: {
          passed: controls.filter((c) => c.status === 'passed').length,
          acknowledged: controls.filter((c) => c.status === 'acknowledged').length,
          open: controls.filter((c) => c.status === 'open').length,
        },
        resources,
      },
      controls: controls.sort((a, b) => rank(a) - rank(b) || a.pack.localeCompare(b.pack) || a.rule.localeCompare(b.rule, 'en', { numeric: true })),
      acknowledgements: acknowledgementRows(acks, controls, env.name),
      encryption: encryptionInventory(env),
      residencyProof: residency,
      access: accessSection(env, options.accessMatrix),
      retention: retentionInventory(env),
      curriculum: curriculumCoverage(env, controls),
      diagram: { dot },
    });
  }
  const report = ReportSchema.parse({
    $schema: '../../schema/report.schema.json',
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: (options.now ?? new Date()).toISOString(),
    tool: { packs: [...options.packs], controlTower: options.controlTower === false ? 'not run' : guardVersions() },
    summary: {
      open: environments.reduce((n, e) => n + e.summary.open, 0),
      acknowledged: environments.reduce((n, e) => n + e.summary.acknowledged, 0),
      environments: environments.length,
      staleAcknowledgements: acks
        .filter((_a, i) => environments.length > 0 && environments.every((e) => e.acknowledgements[i].matched === 0))
        // A production-only construct absent from every environment of a non-production assembly is not stale.
        .filter((a) => !(a.productionOnly === true && !assembly.environments.some((e) => hasConstruct(e, a.path))))
        // Nor is an entry of a pack that did not run (e.g. aws-cdk-lib's template validation, off when CDK_VALIDATION=false).
        .filter((a) => packRan(a.rule, options))
        .map((a) => `${a.rule} at ${a.path}`),
    },
    environments,
  });
  return { report, diagrams };
}

function rank(c: Control): number {
  return c.status === 'open' ? 0 : c.status === 'acknowledged' ? 1 : 2;
}

/** Whether an environment's templates hold the construct at `path` (below the stage) or one below it. */
function hasConstruct(env: AssemblyInfo['environments'][number], path: string): boolean {
  return env.stacks.some((stack) => [...stack.paths.values()].some((p) => p === path || p.startsWith(`${path}/`)));
}

/** Whether the pack of a rule id (`<Pack>::<Rule>`) ran for this report: Control Tower, or a validation plugin by name. */
function packRan(rule: string, options: BuildOptions): boolean {
  const pack = rule.split('::')[0];
  if (pack === CONTROL_TOWER_PACK) return options.controlTower !== false;
  // Plugin names may contain spaces ('CloudFormation Validate'); acknowledgement ids use hyphens.
  return options.packs.some((name) => name.replace(/\s+/g, '-') === pack);
}
