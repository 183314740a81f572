import { CfnResource, Stack } from 'aws-cdk-lib';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPlatform } from '../../lib/app';
import { loadDefaultEnvironments } from '../../lib/config/load';
import { ACKNOWLEDGEMENTS, acknowledgedIds } from '../../policies';
import { testApp } from '../support/app';

/**
 * The compliance gate: every default environment synthesized as `npx cdk synth` does,
 * with aws-cdk-lib's CloudFormation schema validation on in strict mode (warnings
 * fail) and the default packs, must have zero open findings.
 */
const STRICT = { '@aws-cdk/core:strictCfnValidateErrors': true };

interface ReportViolation {
  ruleName: string;
  violatingConstructs: { constructPath: string }[];
  acknowledgedId?: string;
  /** Construct path the acknowledgement was made on (with the stage). */
  acknowledgedAt?: string;
}
interface Report {
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
  let report: Report;
  beforeAll(() => {
    withSchemaValidation(() => {
      const app = testApp(STRICT);
      buildPlatform(app, loadDefaultEnvironments());
      const assembly = app.synth(); // throws with the full report on any open finding
      report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'));
    });
  });

  test('has zero open findings', () => {
    const open = report.pluginReports.flatMap((p) =>
      p.violations.flatMap((v) => v.violatingConstructs.map((c) => `${p.pluginName} ${v.ruleName} at ${c.constructPath}`)),
    );
    expect(open).toEqual([]);
  });

  test('uses every acknowledgement in the registry (no stale entry)', () => {
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
    const unused = ACKNOWLEDGEMENTS.flatMap((a) =>
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
