#!/usr/bin/env node
/**
 * The compliance report for reviewers:
 *   npm run report                         synth every default environment with all five packs, then report
 *   npm run report -- --environment prod-eu
 *   npm run report -- --from cdk.out       report on an existing synth (run with -c packs=compliance)
 *   npm run report -- schema               print the JSON Schema of report.json
 * Writes cdk.out/report/{index.html,report.md,report.json}. Exit 0: no open finding;
 * 1: open findings or a stale acknowledgement (or bad input, printed without a stack trace); 2: the run failed.
 */
import { ConfigError } from '../lib/config/errors';
import { parseReportArgs, reportSchemaText, runReport } from '../lib/report';

async function main(): Promise<number> {
  const options = parseReportArgs(process.argv.slice(2));
  if (options.schema) {
    process.stdout.write(reportSchemaText());
    return 0;
  }
  const started = Date.now();
  const { built, dir } = await runReport(options);
  const { open, acknowledged, environments } = built.report.summary;
  process.stdout.write(
    `Report written to ${dir}/index.html (also report.md, report.json): ${environments} environment(s), ` +
      `${open} open finding(s), ${acknowledged} acknowledged, in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  for (const env of built.report.environments) {
    for (const c of env.controls.filter((x) => x.status === 'open')) {
      for (const f of c.findings.filter((x) => x.status === 'open')) process.stdout.write(`  OPEN ${env.name} ${c.pack} ${c.rule} at ${f.resource.path}\n`);
    }
  }
  for (const stale of built.report.summary.staleAcknowledgements) process.stdout.write(`  STALE acknowledgement ${stale}: no finding uses it; remove or fix the entry\n`);
  return open === 0 && built.report.summary.staleAcknowledgements.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`report failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);
