#!/usr/bin/env node
/**
 * Offline semantic diff of environments (see docs/workshop.md):
 *   npm run diff -- dev-eu prod-eu
 *   npm run diff -- --baseline ../main/cdk.out
 * Exit code 3 when a data-bearing resource would be replaced or deleted and nobody allowed it.
 */
import { runDiffCommand } from '../lib/diff/cli';

process.exitCode = runDiffCommand(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
});
