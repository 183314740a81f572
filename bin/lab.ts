#!/usr/bin/env node
/**
 * Workshop labs, one per curriculum module (see docs/workshop.md and labs/):
 *   npm run lab -- list
 *   npm run lab -- 3 [--env prod-eu]
 */
import { runLabCommand } from '../lib/labs/cli';

process.exitCode = runLabCommand(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
});
