import { App } from 'aws-cdk-lib';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPlatform } from '../../lib/app';
import { loadDefaultEnvironment } from '../../lib/config/load';
import { PackName } from '../../policies';
import { CDK_CONTEXT } from './app';

/**
 * Synthesizes default environments into a fresh temporary cloud assembly, as
 * `cdk synth -c packs=...` would, and returns its directory. Open findings do not
 * throw here: the report under test is what reads them.
 */
export function synthesizeAssembly(environments: readonly string[], packs: readonly PackName[]): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-fixture-'));
  const app = new App({ outdir, context: { ...CDK_CONTEXT } });
  buildPlatform(
    app,
    environments.map((e) => loadDefaultEnvironment(e)),
    { packs },
  );
  try {
    app.synth();
  } catch (e) {
    if (!fs.existsSync(path.join(outdir, 'validation-report.json'))) throw e;
  }
  return outdir;
}
