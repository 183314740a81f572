#!/usr/bin/env node
/**
 * Monthly cost estimate of an environment, offline (see docs/workshop.md):
 *   npm run cost -- prod-eu [--json]
 */
import { runCostCommand } from '../lib/cost/cli';

process.exitCode = runCostCommand(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
});
