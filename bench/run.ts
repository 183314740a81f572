/**
 * Benchmarks (figures, not pass/fail tests):
 *  1. synth time of every default environment vs the floor — the same CDK CLI
 *     synthesizing a one-bucket plain-JavaScript app — as a ratio (target <= 3.0);
 *  2. `npm test` wall time in a fresh clone (target <= 60 s on 2 cores).
 * Usage: npm run bench [-- --runs 3] [-- --skip-fresh-clone]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const skipClone = args.includes('--skip-fresh-clone');
const cdk = path.join(root, 'node_modules', '.bin', 'cdk');

function timed(cmd: string, cmdArgs: string[], cwd: string, env: NodeJS.ProcessEnv = {}): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, cmdArgs, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  return seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (s: number) => `${s.toFixed(2)} s`;

function floorApp(dir: string): void {
  fs.writeFileSync(
    path.join(dir, 'app.js'),
    [
      `const cdk = require(${JSON.stringify(path.join(root, 'node_modules', 'aws-cdk-lib'))});`,
      `const s3 = require(${JSON.stringify(path.join(root, 'node_modules', 'aws-cdk-lib', 'aws-s3'))});`,
      'const app = new cdk.App();',
      "const stack = new cdk.Stack(app, 'Floor', { env: { region: 'eu-west-1' } });",
      "new s3.Bucket(stack, 'Bucket');",
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'node app.js', notices: false, context: { 'cli-telemetry': false } }));
}

function main(): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-bench-'));
  const floorDir = path.join(work, 'floor');
  fs.mkdirSync(floorDir);
  floorApp(floorDir);

  console.log(`Benchmarks on ${os.cpus().length} cores, node ${process.version}, ${runs} runs each (median)`);
  const floor: number[] = [];
  const platform: number[] = [];
  for (let i = 0; i < runs; i++) {
    floor.push(timed(cdk, ['synth', '-q', '-o', path.join(work, `floor.out.${i}`)], floorDir));
    platform.push(timed(cdk, ['synth', '-q', '-o', path.join(work, `platform.out.${i}`)], root));
  }
  const templates = fs
    .readdirSync(path.join(work, 'platform.out.0'), { recursive: true })
    .filter((f) => String(f).endsWith('.template.json')).length;
  const ratio = median(platform) / median(floor);
  console.log(`floor synth (one bucket, plain JS):         ${fmt(median(floor))}   runs: ${floor.map(fmt).join(', ')}`);
  console.log(`platform synth (all defaults, ${templates} templates): ${fmt(median(platform))}   runs: ${platform.map(fmt).join(', ')}`);
  console.log(`synth ratio platform/floor:                 ${ratio.toFixed(2)}   (target <= 3.00) ${ratio <= 3 ? 'OK' : 'OVER TARGET'}`);

  if (!skipClone) {
    const clone = path.join(work, 'clone');
    execFileSync('git', ['clone', '-q', root, clone]);
    const ci = timed('npm', ['ci', '--no-audit', '--no-fund'], clone);
    const test = timed('npm', ['test'], clone);
    console.log(`fresh clone: npm ci ${fmt(ci)}; npm test ${fmt(test)}   (target <= 60 s) ${test <= 60 ? 'OK' : 'OVER TARGET'}`);
  }
  fs.rmSync(work, { recursive: true, force: true });
}

main();
