import { EnvironmentReport, Report, ResourceRef } from './model';

/** Renders the report as Markdown (for pull requests and plain-text review). */

const cell = (s: unknown): string => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const res = (r: ResourceRef): string => `\`${r.path}\``;

function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '_none_\n';
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n') + '\n';
}

function environment(env: EnvironmentReport): string {
  const s = env.summary;
  const out: string[] = [
    `## Environment \`${env.name}\``,
    '',
    `${env.region}, residency **${env.residency}**, ${s.resources} resources; **${s.open} open**, ${s.acknowledged} acknowledged; ` +
      `controls ${s.controls.passed} passed / ${s.controls.acknowledged} acknowledged / ${s.controls.open} open.`,
    '',
    '### Findings by control',
    '',
    table(
      ['status', 'pack', 'rule', 'resources'],
      env.controls.map((c) => [
        c.status,
        c.pack,
        `\`${c.rule}\``,
        c.findings.map((f) => `${res(f.resource)} (${f.status})`).join('<br>') || '—',
      ]),
    ),
    '### Acknowledgements',
    '',
    table(
      ['rule', 'resource', 'reason', 'declared at', 'findings'],
      env.acknowledgements.map((a) => [`\`${a.rule}\``, `\`${a.path}\``, a.reason, `\`${a.declaredAt}\``, String(a.matched)]),
    ),
    '### Encryption inventory',
    '',
    table(
      ['resource', 'key', 'rotation', 'classification'],
      env.encryption.map((e) => [res(e.resource), `${e.key.kind}: \`${e.key.ref}\`${e.key.alias ? ` (${e.key.alias})` : ''}`, e.key.rotation, e.classification]),
    ),
    '### Residency proof',
    '',
    `Zone **${env.residencyProof.zone}**: ${env.residencyProof.zoneDescription}. Allowed regions: ${env.residencyProof.zoneRegions.join(', ') || 'none'}.`,
    '',
    table(
      ['resource', 'region', 'zone', 'in zone'],
      env.residencyProof.rows.map((r) => [res(r.resource), r.region, r.zone, r.inZone ? 'yes' : '**no**']),
    ),
    `Runtime guard: ${
      env.residencyProof.runtimeGuards.length
        ? env.residencyProof.runtimeGuards.map((g) => `${g.kind} ${res(g.resource)} (denies outside ${g.allowedRegions.join(', ')})`).join('; ')
        : '**not present**'
    }`,
    '',
    '### Access matrix',
    '',
    env.access.available
      ? table(
          ['persona', 'target', 'action', 'decision', 'statement'],
          env.access.rows.map((r) => [r.persona, r.target, r.action, r.decision, `\`${r.statement}\``]),
        )
      : `_${env.access.note}_\n`,
    '### Retention and lifecycle',
    '',
    table(
      ['resource', 'kind', 'tiers', 'expiration', 'old versions', 'lock', 'audit'],
      env.retention.map((r) => [res(r.resource), r.kind, r.tiers.join(' → ') || '—', r.expiration, r.noncurrentExpiration ?? '—', r.lock ?? '—', r.audit ? 'yes' : '']),
    ),
    '### Curriculum coverage',
    '',
    table(
      ['module', 'covered', 'implemented by', 'rules', 'runbooks'],
      env.curriculum.map((m) => [
        `${m.module} ${m.title}`,
        m.covered ? 'yes' : 'not yet',
        m.constructs.join('<br>') || '—',
        m.rules.join('<br>') || '—',
        m.runbooks.join('<br>') || '—',
      ]),
    ),
    '### Architecture diagram',
    '',
    'Rendered in `index.html`; Graphviz source:',
    '',
    '```dot',
    env.diagram.dot,
    '```',
    '',
  ];
  return out.join('\n');
}

export function renderMarkdown(report: Report): string {
  const s = report.summary;
  return [
    '# Data platform compliance report',
    '',
    `Generated ${report.generatedAt}; schema ${report.schemaVersion}; packs ${report.tool.packs.join(', ')}; Control Tower: ${report.tool.controlTower}.`,
    '',
    s.open === 0 ? '**No open finding.**' : `**${s.open} open finding(s).**`,
    '',
    table(
      ['environment', 'region', 'residency', 'open', 'acknowledged', 'controls passed / ack. / open'],
      report.environments.map((e) => [
        e.name,
        e.region,
        e.residency,
        String(e.summary.open),
        String(e.summary.acknowledged),
        `${e.summary.controls.passed} / ${e.summary.controls.acknowledged} / ${e.summary.controls.open}`,
      ]),
    ),
    ...report.environments.map(environment),
  ].join('\n');
}
