import type { PreflightReport } from './types';

/** The human-readable report: a header, then per key one line per check, then a summary line. */
export function formatReport(report: PreflightReport): string {
  const lines = [`BYOK preflight: ${report.environment} (region ${report.region}, residency zone '${report.residency}')`];
  if (report.keys.length === 0 && report.aborted === undefined) {
    lines.push('no imported keys (encryption.importedKeys is empty): the platform creates its own keys; nothing to check');
    return lines.join('\n');
  }
  for (const key of report.keys) {
    lines.push('', `${key.name}: ${key.arn}`);
    for (const c of key.checks) lines.push(`  ${c.status.toUpperCase().padEnd(5)} ${c.check.padEnd(12)} ${c.reason}`);
  }
  const s = report.summary;
  if (report.aborted !== undefined) {
    lines.push('', `ABORTED after ${report.keys.length} of ${report.importedKeys} key(s): ${report.aborted}`);
  } else {
    lines.push('', `${report.ok ? 'PASSED' : 'FAILED'}: ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.error} error, ${s.skip} skipped across ${report.keys.length} key(s)`);
  }
  return lines.join('\n');
}
