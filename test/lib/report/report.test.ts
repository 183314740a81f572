import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolvePacks } from '../../../lib/app';
import {
  acknowledgementRows,
  AccessRow,
  AssemblyInfo,
  buildReport,
  BuiltReport,
  checkTemplate,
  controlTowerControls,
  curriculumCoverage,
  declarationSites,
  diagramSource,
  encryptionInventory,
  evaluatorAccessMatrix,
  EnvironmentAssembly,
  EnvironmentReport,
  parseGuardOutput,
  parseReportArgs,
  readAssembly,
  renderHtml,
  renderMarkdown,
  renderSvg,
  reportSchemaText,
  ReportSchema,
  residencyProof,
  retentionInventory,
  rulesForTemplate,
  StackInfo,
} from '../../../lib/report';
import { ACKNOWLEDGEMENTS, COMPLIANCE_PACKS } from '../../../policies';
import { synthesizeAssembly } from '../../support/assembly';

/**
 * Each section of the report computed on one synthesized fixture: dev-eu with all
 * five packs, read back from its cloud assembly as `npm run report -- --from` does.
 */
let assembly: AssemblyInfo;
let env: EnvironmentAssembly;
let built: BuiltReport;
let report: EnvironmentReport;

beforeAll(async () => {
  assembly = readAssembly(synthesizeAssembly(['dev-eu'], COMPLIANCE_PACKS));
  env = assembly.environments[0];
  built = await buildReport(assembly, { packs: [...COMPLIANCE_PACKS], now: new Date('2026-01-01T00:00:00Z') });
  report = built.report.environments[0];
}, 300_000);

const row = <T extends { resource: { path: string } }>(rows: readonly T[], p: string): T => {
  const found = rows.find((r) => r.resource.path === p);
  if (!found) throw new Error(`no row for ${p}; rows: ${rows.map((r) => r.resource.path).join(', ')}`);
  return found;
};

describe('the cloud assembly reader', () => {
  test('finds each environment stage with its stacks, regions and templates', () => {
    expect(assembly.environments.map((e) => e.name)).toEqual(['dev-eu']);
    expect(env.stacks.map((s) => s.id)).toEqual(expect.arrayContaining(['Foundation', 'Network', 'Lake', 'Audit', 'Access']));
    expect(new Set(env.stacks.map((s) => s.region))).toEqual(new Set(['eu-west-1']));
  });

  test('maps logical ids to construct paths below the stage', () => {
    const lake = env.stacks.find((s) => s.id === 'Lake')!;
    expect([...lake.paths.values()]).toContain('Lake/DataLake/Raw/Resource');
  });

  test('fails naming the directory when it is not a cloud assembly', () => {
    expect(() => readAssembly(os.tmpdir())).toThrow(/manifest.json: not found; allowed: a cloud assembly directory/);
  });
});

describe('findings by control', () => {
  test('lists every cdk-nag finding of the environment with its status and acknowledgement reason', () => {
    const cmk = report.controls.find((c) => c.rule === 'DataPlatform-CustomerManagedKey')!;
    expect(cmk.pack).toBe('DataPlatform');
    expect(cmk.status).toBe('acknowledged');
    expect(cmk.findings.map((f) => f.resource.path).sort()).toEqual([
      'Audit/AuditTrail/AccessLogs/Resource',
      'Lake/DataLake/AccessLogs/Resource',
      'Processing/AccessLogs/Resource',
      'Streaming/ArtifactAccessLogs/Resource',
    ]);
    expect(cmk.findings[0].acknowledgement?.reason).toMatch(/SSE-S3/);
  });

  test('has no open finding on the foundation with all five packs and the Control Tower rules', () => {
    expect(report.summary.open).toBe(0);
    expect(report.controls.filter((c) => c.status === 'open')).toEqual([]);
    expect(new Set(report.controls.map((c) => c.pack))).toEqual(new Set([...COMPLIANCE_PACKS, 'ControlTower']));
  });

  test('runs the Control Tower controls of the services the templates use, and records passes', () => {
    const publicAccess = report.controls.find((c) => c.pack === 'ControlTower' && c.rule === 'CT.S3.PR.1')!;
    expect(publicAccess.status).toBe('passed');
    const msk = report.controls.filter((c) => c.pack === 'ControlTower' && c.rule.startsWith('CT.MSK.')); // the streaming cluster
    expect(msk.length).toBeGreaterThan(0);
    expect(msk.filter((c) => c.status !== 'passed')).toEqual([]);
    const emr = report.controls.filter((c) => c.pack === 'ControlTower' && c.rule.startsWith('CT.EMR.')); // the Spark cluster
    expect(emr.length).toBeGreaterThan(0);
    expect(emr.filter((c) => c.status === 'open')).toEqual([]);
  });

  test('a Control Tower failure without an acknowledgement is open', async () => {
    const lake = env.stacks.find((s) => s.id === 'Lake')!;
    const controls = controlTowerControls([await checkTemplate(lake)], []);
    const sse = controls.find((c) => c.rule === 'CT.S3.PR.10')!;
    expect(sse.status).toBe('open');
    expect(sse.findings.map((f) => [f.resource.path, f.status])).toEqual([['Lake/DataLake/AccessLogs/Resource', 'open']]);
  }, 60_000);

  test('counts open findings when the registry acknowledges nothing (the command then exits 1)', async () => {
    const bare = await buildReport(assembly, { packs: [], acknowledgements: [], diagrams: false });
    expect(bare.report.summary.open).toBeGreaterThan(0);
    expect(bare.report.environments[0].controls[0].status).toBe('open'); // open controls sort first
    expect(renderHtml(bare.report, bare.diagrams)).toMatch(/<p class="verdict fail" id="verdict">\d+ open finding\(s\)/);
  }, 60_000);

  test('chooses rule files by the resource types they evaluate', () => {
    const ids = rulesForTemplate(new Set(['AWS::S3::Bucket'])).map((r) => r.id);
    expect(ids).toContain('CT.S3.PR.1');
    expect(ids.every((id) => id.startsWith('CT.S3.'))).toBe(true);
    expect(rulesForTemplate(new Set(['AWS::CDK::Metadata']))).toEqual([]);
  });

  test('parses cfn-guard output: the control from the custom message, the resource from the path', () => {
    const output = JSON.stringify([
      {
        name: 't.json',
        not_compliant: [
          {
            Rule: {
              name: 'r',
              messages: { custom_message: '[CT.S3.PR.2]: Require logging' },
              checks: [{ Clause: { Unary: { check: { UnResolved: { value: { traversed_to: { path: '/Resources/Bucket1/Properties' } } } } } } }],
            },
          },
        ],
        compliant: ['other_rule'],
      },
    ]);
    expect([...parseGuardOutput(output)].map(([id, ids]) => [id, [...ids]])).toEqual([['CT.S3.PR.2', ['Bucket1']]]);
  });
});

describe('acknowledgements', () => {
  test('lists every registry entry with its reason, resource, declaration site and use count', () => {
    expect(report.acknowledgements).toHaveLength(ACKNOWLEDGEMENTS.length);
    const trail = report.acknowledgements.find((a) => a.rule === 'ControlTower::CT.CLOUDTRAIL.PR.1')!;
    expect(trail.path).toBe('Audit/AuditTrail/Trail');
    expect(trail.matched).toBe(1);
    expect(trail.declaredAt).toMatch(/^policies\/acknowledgements\.ts:\d+$/);
    const line = Number(trail.declaredAt.split(':')[1]);
    const source = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'policies', 'acknowledgements.ts'), 'utf8').split('\n');
    expect(source[line - 1]).toContain("'Audit/AuditTrail/Trail'");
  });

  test('an entry no finding uses is reported stale', () => {
    const stale = { rule: 'ControlTower::CT.S3.PR.1', path: 'Lake/DataLake/Raw', reason: 'a reason long enough to be accepted' };
    const rows = acknowledgementRows([stale], report.controls, report.name);
    expect(rows[0].matched).toBe(0);
    // CloudFormation-Validate entries come from CDK's template validation, off in jest (CDK_VALIDATION=false): a pack that did not
    // run cannot make an entry stale (the compliance test runs it).
    expect(built.report.summary.staleAcknowledgements).toEqual([]);
  });

  test('says so when an entry cannot be found in the source', () => {
    const missing = { rule: 'X::Y', path: 'No/Such/Path', reason: 'a reason long enough to be accepted' };
    expect(declarationSites([missing])).toEqual(['policies/acknowledgements.ts (entry not found in source)']);
  });
});

describe('encryption inventory', () => {
  test('resolves each store to its key across stacks, with rotation, alias and classification', () => {
    const raw = row(report.encryption, 'Lake/DataLake/Raw/Resource');
    expect(raw.key).toEqual({ kind: 'customer-managed', ref: 'Foundation/Keys/Restricted/Resource', alias: 'alias/data-platform/dev-eu/restricted', rotation: 'enabled' });
    expect(raw.classification).toBe('restricted');
    expect(row(report.encryption, 'Audit/AuditTrail/Trail/Resource').key.ref).toBe('Foundation/Keys/Audit/Resource');
    expect(row(report.encryption, 'Audit/AuditTrail/LogGroup/Resource').key.ref).toBe('Foundation/Keys/Audit/Resource');
  });

  test('shows what a store without a customer-managed key uses', () => {
    expect(row(report.encryption, 'Lake/DataLake/AccessLogs/Resource').key).toEqual({
      kind: 'aws-managed',
      ref: 'SSE-S3 (AES256, AWS owned key)',
      rotation: 'not applicable',
    });
  });

  test('covers every data-bearing resource and nothing else', () => {
    expect(report.encryption.map((e) => e.resource.type).sort()).toEqual([
      'AWS::Athena::WorkGroup', // query results (SSE_KMS)
      'AWS::CloudTrail::Trail',
      'AWS::DynamoDB::Table', // the erasure subject index
      'AWS::EMR::SecurityConfiguration', // EMR at rest (S3, local disks, EBS) and in transit
      'AWS::EMRServerless::Application',
      ...Array(3).fill('AWS::Glue::Database'), // one per zone
      ...Array(3).fill('AWS::Glue::Table'), // one per dataset
      'AWS::Logs::LogGroup', // the trail's copy
      'AWS::Logs::LogGroup', // VPC flow logs
      'AWS::Logs::LogGroup', // the erasure audit stream
      ...Array(4).fill('AWS::Logs::LogGroup'), // MSK broker logs, the bootstrap-broker lookup, CDC workers, the Flink application
      'AWS::Logs::LogGroup', // EMR Serverless
      'AWS::Logs::LogGroup', // compaction state machine
      'AWS::MSK::Cluster',
      // 3 zones, 3 replicas, 4 access-log buckets, the audit bucket, the streaming artifacts, processing logs/artifacts/results
      ...Array(15).fill('AWS::S3::Bucket'),
      'AWS::SNS::Topic', // the alarm topic
      'AWS::SQS::Queue', // tombstone requests
      'AWS::SQS::Queue', // and their dead letters
      'AWS::SecretsManager::Secret', // the KDC admin password
      'AWS::StepFunctions::StateMachine', // the erasure workflow (encrypted execution history)
      'AWS::StepFunctions::StateMachine', // compaction
    ]);
    expect(encryptionInventory(env)).toEqual(report.encryption);
  });
});

describe('residency proof', () => {
  test('places every store in a region of the zone', () => {
    const proof = report.residencyProof;
    expect(proof.zone).toBe('eu');
    expect(proof.zoneRegions).toContain('eu-west-1');
    expect(proof.zoneRegions).not.toContain('eu-west-2');
    expect(proof.rows.length).toBe(report.encryption.length);
    expect(proof.rows.every((r) => r.region === 'eu-west-1' && r.inZone)).toBe(true);
  });

  test('finds the persona permission boundaries as the runtime guard, with the zone\'s regions', () => {
    const guards = report.residencyProof.runtimeGuards;
    expect(guards.map((g) => g.resource.path)).toEqual(
      expect.arrayContaining(['Access/Personas/Boundary/Policy/Resource', 'Access/Personas/BreakGlassBoundary/Policy/Resource']),
    );
    for (const guard of guards) expect(guard.allowedRegions).toEqual([...report.residencyProof.zoneRegions]);
  });

  test('says the runtime guard is not present when the synth has none', () => {
    const withoutGuard = residencyProof({ ...env, stacks: env.stacks.filter((s) => s.id !== 'Access') });
    expect(withoutGuard.runtimeGuards).toEqual([]);
    expect(renderHtml({ ...built.report, environments: [{ ...report, residencyProof: withoutGuard }] }, built.diagrams)).toContain('<strong>not present</strong>');
  });

  test('finds a permission boundary that denies requests outside the zone, and flags a store outside it', () => {
    const stack: StackInfo = {
      id: 'Guard',
      stackName: 'x-Guard',
      region: 'eu-west-2',
      templateFile: '/dev/null',
      paths: new Map([['Boundary', 'Guard/Boundary/Resource']]),
      template: {
        Resources: {
          Boundary: {
            Type: 'AWS::IAM::ManagedPolicy',
            Properties: {
              PolicyDocument: {
                Statement: [{ Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } }],
              },
            },
          },
          Bucket: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'residency', Value: 'eu' }] } },
        },
      },
    };
    const proof = residencyProof({ name: 'x', directory: '/tmp', stacks: [stack] });
    expect(proof.runtimeGuards).toEqual([
      { kind: 'IAM managed policy (permission boundary)', resource: { path: 'Guard/Boundary/Resource', stack: 'Guard', logicalId: 'Boundary', type: 'AWS::IAM::ManagedPolicy' }, allowedRegions: ['eu-west-1', 'eu-central-1'] },
    ]);
    expect(proof.rows).toEqual([expect.objectContaining({ region: 'eu-west-2', zone: 'eu', inZone: false })]);
  });
});

describe('access matrix', () => {
  test("is 'not available' without an evaluator", () => {
    expect(report.access.available).toBe(false);
    expect(report.access.note).toMatch(/^not available/);
  });

  test('renders the rows an evaluator returns', async () => {
    const withAccess = await buildReport(assembly, {
      packs: [],
      controlTower: false,
      diagrams: false,
      accessMatrix: (e) => [{ persona: `analyst@${e.name}`, target: 'curated', action: 's3:GetObject', decision: 'allow', statement: 'ReadCurated' }],
    });
    expect(withAccess.report.environments[0].access).toEqual({
      available: true,
      note: expect.stringMatching(/access evaluator/),
      rows: [{ persona: 'analyst@dev-eu', target: 'curated', action: 's3:GetObject', decision: 'allow', statement: 'ReadCurated' }],
    });
    expect(renderMarkdown(withAccess.report)).toContain('| analyst@dev-eu | curated | s3:GetObject | allow | `ReadCurated` |');
  });

  describe('from the project\'s IAM evaluator (what npm run report shows)', () => {
    let rows: readonly AccessRow[];
    beforeAll(() => {
      rows = evaluatorAccessMatrix(env);
    });
    const cell = (persona: string, target: string, label: string) => {
      const found = rows.find((r) => r.persona === persona && r.target === target && r.action.startsWith(`${label} (`));
      if (!found) throw new Error(`no cell ${persona} x ${target} x ${label}`);
      return found;
    };

    test('analysts never read the raw zone; engineers do, through their persona policy', () => {
      expect(cell('data-analyst', 'zone raw', 'read').decision).not.toBe('allow');
      expect(cell('data-engineer', 'zone raw', 'read')).toMatchObject({ decision: 'allow', statement: expect.stringMatching(/DataEngineer/) });
    });

    test('auditors read the audit bucket but cannot delete from it; the deny names the audit bucket policy', () => {
      expect(cell('auditor', 'audit bucket', 'read').decision).toBe('allow');
      expect(cell('auditor', 'audit bucket', 'delete')).toMatchObject({
        decision: 'deny',
        statement: expect.stringMatching(/^bucket policy dev-eu\/Audit\/AuditTrailBucketPolicy\w+ \(DenyAuditEvidenceDeletionAndLockChanges\)$/),
      });
    });

    test('no persona but break-glass may stop the trail', () => {
      const allowed = rows.filter((r) => r.action.startsWith('stop-logging (') && r.decision === 'allow').map((r) => r.persona);
      expect(allowed).toEqual(['break-glass']);
    });
  });
});

describe('retention and lifecycle', () => {
  test('shows tiers and expirations of each lake zone, as configured', () => {
    const raw = row(report.retention, 'Lake/DataLake/Raw/Resource');
    expect(raw).toMatchObject({ kind: 'S3 bucket', tiers: ['Standard-IA after 30 d'], expiration: '90 d', noncurrentExpiration: '7 d', audit: false });
    expect(row(report.retention, 'Lake/DataLake/RawReplica/Resource').expiration).toBe(raw.expiration);
  });

  test('flags the audit evidence with its lock mode and the log group retention', () => {
    expect(row(report.retention, 'Audit/AuditTrail/Bucket/Resource')).toMatchObject({ lock: 'COMPLIANCE, 30 d', audit: true });
    expect(row(report.retention, 'Audit/AuditTrail/LogGroup/Resource')).toMatchObject({ kind: 'log group', expiration: '90 d', audit: true });
    expect(retentionInventory(env)).toEqual(report.retention);
  });
});

describe('curriculum coverage', () => {
  test('maps every module to what the synth contains', () => {
    expect(report.curriculum.map((m) => m.module)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const security = report.curriculum.find((m) => m.module === 7)!;
    expect(security.covered).toBe(true);
    expect(security.constructs).toEqual(expect.arrayContaining(['customer-managed key (rotated): 8 × AWS::KMS::Key', 'immutable audit trail (Object Lock COMPLIANCE): Audit/AuditTrail']));
    expect(security.rules).toEqual(expect.arrayContaining(['DataPlatform-KmsKeyRotation (passed)', 'ControlTower CT.KMS.PR.3 (passed)']));
  });

  test('shows a module nothing implements yet as not covered', () => {
    const ml = report.curriculum.find((m) => m.module === 5)!;
    expect(ml).toMatchObject({ covered: false, constructs: [], rules: [] });
  });

  test('lists the runbooks that name a module', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-'));
    fs.writeFileSync(path.join(dir, 'kafka-lag.md'), '# Kafka consumer lag\n\nModules: 3, 8\n');
    fs.writeFileSync(path.join(dir, 'notes.md'), '# No modules here\n');
    const rows = curriculumCoverage(env, report.controls, dir);
    expect(rows.find((m) => m.module === 8)!.runbooks).toEqual(['docs/runbooks/kafka-lag.md']);
    expect(rows.find((m) => m.module === 1)!.runbooks).toEqual([]);
  });
});

describe('architecture diagram', () => {
  test('draws one cluster per stack and an edge from each store to its key, across stacks', () => {
    const dot = diagramSource(env);
    expect(dot).toContain('subgraph "cluster_Foundation"');
    expect(dot).toMatch(/"Lake\/DataLakeRaw[0-9A-F]+" -> "Foundation\/KeysRestricted[0-9A-F]+";/);
    expect(dot).not.toContain('AWS::IAM::Policy');
  });

  test('renders to an inline SVG with no external reference', async () => {
    const svg = await renderSvg('digraph { a -> b }');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toMatch(/https?:/);
  });
});

describe('outputs', () => {
  test('report.json matches its versioned schema, and the schema file is up to date (npm run report:schema)', () => {
    expect(() => ReportSchema.parse(JSON.parse(JSON.stringify(built.report)))).not.toThrow();
    expect(built.report.schemaVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'schema', 'report.schema.json'), 'utf8')).toBe(reportSchemaText());
  });

  test('the HTML is one self-contained file: summary first, no external URL', () => {
    const html = renderHtml(built.report, built.diagrams);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<(link|img|iframe)\b|<script\s+src/);
    expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('id="env-dev-eu"'));
    expect(html).toContain('<svg');
  });

  test('the Markdown has every section of each environment', () => {
    const md = renderMarkdown(built.report);
    for (const heading of ['Findings by control', 'Acknowledgements', 'Encryption inventory', 'Residency proof', 'Access matrix', 'Retention and lifecycle', 'Curriculum coverage', 'Architecture diagram']) {
      expect(md).toContain(`### ${heading}`);
    }
  });
});

describe('command line', () => {
  test('parses the options', () => {
    expect(parseReportArgs(['--from', 'cdk.out', '--environment', 'prod-eu'])).toEqual({ from: 'cdk.out', environment: 'prod-eu' });
    expect(parseReportArgs(['schema'])).toEqual({ schema: true });
  });

  test('fails listing every bad argument', () => {
    expect(() => parseReportArgs(['--from', '--bogus'])).toThrow(
      /Invalid report arguments \(2 problems\):\n {2}- report: --from: received no value; allowed: --from <value>\n {2}- report: argument '--bogus': allowed: schema/,
    );
  });

  test('selects packs from the packs context flag', () => {
    expect(resolvePacks(undefined)).toEqual(['AwsSolutions', 'DataPlatform']);
    expect(resolvePacks('compliance')).toEqual([...COMPLIANCE_PACKS]);
    expect(resolvePacks('AwsSolutions,HIPAA.Security')).toEqual(['AwsSolutions', 'HIPAA.Security']);
  });

  test('fails if the packs flag names an unknown pack', () => {
    expect(() => resolvePacks('AwsSolutions,HIPPA')).toThrow(/packs: received "AwsSolutions,HIPPA"; allowed: default, compliance, or a comma-separated list of AwsSolutions/);
  });
});
