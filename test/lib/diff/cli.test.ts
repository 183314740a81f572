import { App } from 'aws-cdk-lib';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPlatform } from '../../../lib/app';
import { loadDefaultEnvironment } from '../../../lib/config/load';
import { EXIT_DATA_LOSS, parseDiffArgs, runDiffCommand } from '../../../lib/diff/cli';
import { projectContext } from '../../../lib/diff/synth';

const SYNTH_TIMEOUT = 120_000;

function run(argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runDiffCommand(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run diff: arguments', () => {
  test.each([[[]], [['dev-eu']], [['a', 'b', 'c']], [['dev-eu', 'prod-eu', '--bogus']]])('fails with usage (exit 2) for %j', (argv) => {
    const r = run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain('usage: npm run diff --');
  });

  test('parses allows, json and baseline', () => {
    expect(parseDiffArgs(['--baseline', 'cdk.out', 'dev-eu', '--json', '--allow-data-loss=Lake/Raw', '--allow-data-loss=Audit', '--no-cost'])).toEqual({
      positional: ['dev-eu'],
      baseline: 'cdk.out',
      json: true,
      allowDataLoss: false,
      allowDataLossFor: ['Lake/Raw', 'Audit'],
      cost: false,
    });
  });

  test('fails if environments do not exist, listing every problem (exit 1, with a suggestion)', () => {
    const r = run(['dev-euu', 'qa-eu']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('(2 problems)');
    expect(r.err).toContain("environment: received \"dev-euu\"; no such environment (did you mean 'dev-eu'?); allowed: dev-eu, prod-eu, prod-us");
    expect(r.err).toContain('environment: received "qa-eu"; no such environment');
  });

  test('fails if the baseline is not a cloud assembly (exit 1)', () => {
    const r = run(['--baseline', path.join(os.tmpdir(), 'no-such-cdk-out-dir')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('--baseline: received');
  });
});

describe('npm run diff -- --baseline <cdk.out>', () => {
  let outdir: string;
  let lakeTemplate: string;

  beforeAll(() => {
    process.env.CDK_VALIDATION = 'false';
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'baseline-test-'));
    const app = new App({ outdir, context: projectContext() });
    buildPlatform(app, [loadDefaultEnvironment('dev-eu')], { packs: [] });
    app.synth();
    const dir = path.join(outdir, 'assembly-dev-eu');
    lakeTemplate = path.join(dir, fs.readdirSync(dir).find((f) => f.includes('Lake') && f.endsWith('.template.json')) as string);
  }, SYNTH_TIMEOUT);

  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('an unchanged platform has no difference and exits 0', () => {
    const r = run(['--baseline', outdir, '--no-cost']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Diff dev-eu (eu-west-1) -> dev-eu (eu-west-1)');
    expect(r.out).toContain('Summary: 0 resource(s) with unexpected differences, 0 with intended ones, 0 tag difference(s), 0 data-loss risk(s)');
  }, SYNTH_TIMEOUT);

  describe('when the current synth would replace a lake bucket', () => {
    let rawId: string;
    beforeAll(() => {
      // The saved template names the raw bucket: the current synth does not, so CloudFormation would replace it.
      const template = JSON.parse(fs.readFileSync(lakeTemplate, 'utf8'));
      rawId = Object.keys(template.Resources).find((id) => id.startsWith('DataLakeRaw') && template.Resources[id].Type === 'AWS::S3::Bucket') as string;
      template.Resources[rawId].Properties.BucketName = 'platform-raw-dev-eu';
      fs.writeFileSync(lakeTemplate, JSON.stringify(template));
    });

    test('fails with exit 3 and names the resource', () => {
      const r = run(['--baseline', outdir, 'dev-eu', '--no-cost']);
      expect(r.code).toBe(EXIT_DATA_LOSS);
      expect(r.out).toContain(`BLOCKED Lake/${rawId} (AWS::S3::Bucket) replacement: replaced (changing BucketName)`);
    }, SYNTH_TIMEOUT);

    test('exits 0 when that resource is allowed, and writes JSON', () => {
      const r = run(['--baseline', outdir, '--json', `--allow-data-loss=Lake/${rawId}`]);
      expect(r.code).toBe(0);
      const [result] = [JSON.parse(r.out)];
      expect(result.diff.dataLoss).toEqual([expect.objectContaining({ logicalId: rawId, kind: 'replacement', allowed: true, allowedBy: `--allow-data-loss=Lake/${rawId}` })]);
      expect(result.cost.left.total.onDemand).toBeGreaterThan(0);
    }, SYNTH_TIMEOUT);
  });
});
