#!/usr/bin/env node
/**
 * BYOK preflight: checks the customer keys an environment imports before a deployment.
 *   npm run preflight -- <environment>
 *   npm run preflight -- --file env.json [--endpoint-url <url>] [--profile <name>] [--json]
 * Exit 0 when every check passes (or nothing is imported), 1 when a check fails or cannot
 * run, 2 for usage or configuration errors. See docs/preflight.md.
 */
import { runPreflightCommand } from '../lib/preflight/cli';

if (require.main === module) {
  // The SDK is pinned to a release that supports Node 20 (the project's floor); its notice
  // about future releases needing Node 22 would only add noise to every run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  runPreflightCommand(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // A bug, not a user mistake: keep the stack for the report.
      process.stderr.write(`preflight: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
