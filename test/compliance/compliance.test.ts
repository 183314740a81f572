import { CfnResource, Stack } from 'aws-cdk-lib';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPlatform } from '../../lib/app';
import { loadDefaultEnvironments } from '../../lib/config/load';
import { buildReport, readAssembly, Report } from '../../lib/report';
import { ACKNOWLEDGEMENTS, acknowledgedIds, COMPLIANCE_PACKS, CONTROL_TOWER_PACK } from '../../policies';
import { testApp } from '../support/app';

/**
 * The compliance gate: every default environment synthesized as `npx cdk synth -c
 * packs=compliance` does, with aws-cdk-lib's CloudFormation schema validation on in
 * strict mode (warnings fail) and all five packs (AwsSolutions, DataPlatform, NIST
 * 800-53 R5, HIPAA Security, PCI DSS 3.2.1), must have zero open findings; so must the
 * AWS Control Tower proactive controls the report runs with cfn-guard.
 */
const STRICT = { '@aws-cdk/core:strictCfnValidateErrors': true };

interface ReportViolation {
  ruleName: string;
  violatingConstructs: { constructPath: string }[];
  acknowledgedId?: string;
  /** Construct path the acknowledgement was made on (with the stage). */
  acknowledgedAt?: string;
}
interface ValidationReport {
  pluginReports: { pluginName: string; violations: ReportViolation[]; suppressedViolations?: ReportViolation[] }[];
}

function withSchemaValidation<T>(fn: () => T): T {
  const previous = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'true';
  try {
    return fn();
  } finally {
    process.env.CDK_VALIDATION = previous;
  }
}

describe('every default environment', () => {
  let report: ValidationReport;
  let compliance: Report;
  beforeAll(async () => {
    const directory = withSchemaValidation(() => {
      const app = testApp(STRICT);
      buildPlatform(app, loadDefaultEnvironments(), { packs: COMPLIANCE_PACKS });
      return app.synth().directory; // throws with the full report on any open finding
    });
    report = JSON.parse(fs.readFileSync(path.join(directory, 'validation-report.json'), 'utf8'));
    compliance = (await buildReport(readAssembly(directory), { packs: [...COMPLIANCE_PACKS], diagrams: false })).report;
  }, 300_000);

  test('runs all five packs', () => {
    // aws-cdk-lib's schema validation reports as a plugin too ('CloudFormation Validate').
    expect(report.pluginReports.map((p) => p.pluginName)).toEqual(expect.arrayContaining([...COMPLIANCE_PACKS]));
  });

  test('passes every Control Tower proactive control, or acknowledges the failure', () => {
    const open = compliance.environments.flatMap((e) =>
      e.controls.filter((c) => c.pack === CONTROL_TOWER_PACK).flatMap((c) => c.findings.filter((f) => f.status === 'open').map((f) => `${e.name} ${c.rule} at ${f.resource.path}`)),
    );
    expect(open).toEqual([]);
    expect(compliance.environments.every((e) => e.controls.some((c) => c.pack === CONTROL_TOWER_PACK && c.status === 'passed'))).toBe(true);
  });

  test('uses every acknowledgement, Control Tower ones included (no stale entry)', () => {
    expect(compliance.summary.staleAcknowledgements).toEqual([]);
  });

  test('has zero open findings', () => {
    const open = report.pluginReports.flatMap((p) =>
      p.violations.flatMap((v) => v.violatingConstructs.map((c) => `${p.pluginName} ${v.ruleName} at ${c.constructPath}`)),
    );
    expect(open).toEqual([]);
  });

  test('uses every cdk-nag acknowledgement in the registry (no stale entry)', () => {
    const used = new Set(
      report.pluginReports.flatMap((p) =>
        (p.suppressedViolations ?? []).flatMap((v) => [
          ...v.violatingConstructs.map((c) => `${v.acknowledgedId} ${c.constructPath.split('/').slice(1, -1).join('/')}`),
          // The construct the entry names (an ancestor of the violating resource, or the resource itself).
          ...(v.acknowledgedAt ? [`${v.acknowledgedId} ${v.acknowledgedAt.split('/').slice(1).join('/')}`] : []),
        ]),
      ),
    );
    const stageNames = loadDefaultEnvironments().map((e) => e.name);
    const unused = ACKNOWLEDGEMENTS.filter((a) => !a.rule.startsWith(`${CONTROL_TOWER_PACK}::`)).flatMap((a) =>
      // An entry with findings is stale if any of its findings occurs in no environment.
      (a.findings ?? [undefined]).filter((finding) => {
        const entry = finding === undefined ? a : { ...a, findings: [finding] };
        return !stageNames.some((stage) => acknowledgedIds(entry, stage).every((id) => used.has(`${id} ${a.path}`)));
      }).map((finding) => `${a.rule}${finding ? `[${finding}]` : ''} at ${a.path}`),
    );
    expect(unused).toEqual([]);
  });
});

test('the gate fails a template the schema rejects (strict mode is on)', () => {
  withSchemaValidation(() => {
    const app = testApp(STRICT);
    const stack = new Stack(app, 'Broken', { env: { account: '111111111111', region: 'eu-west-1' } });
    new CfnResource(stack, 'Bucket', { type: 'AWS::S3::Bucket', properties: { NotAProperty: true } });
    expect(() => app.synth()).toThrow(/NotAProperty|additional|schema/i);
  });
});
