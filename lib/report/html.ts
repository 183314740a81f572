import { Control, EnvironmentReport, Report, ResourceRef } from './model';

/**
 * Renders the report as ONE self-contained HTML file (inline CSS, JS and SVG, no
 * external URL): summary first, then one section per environment with findings by
 * control (expandable), acknowledgements, encryption, residency, access, retention,
 * curriculum coverage and the architecture diagram.
 */

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const anchor = (...parts: string[]): string => parts.join('-').replace(/[^A-Za-z0-9_-]+/g, '_');

const badge = (status: string): string => `<span class="badge ${esc(status)}">${esc(status)}</span>`;

const res = (r: ResourceRef): string =>
  `<code>${esc(r.path)}</code>${r.type ? ` <span class="muted">${esc(r.type)}</span>` : ''}`;

function table(headers: string[], rows: string[][], empty = 'none'): string {
  if (rows.length === 0) return `<p class="muted">${esc(empty)}</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The first clause of a control's description, for its one-line summary. */
export function shortTitle(description: string): string {
  const first = description.split(/ Fix: | - \(Control IDs/)[0].replace(/\.$/, '');
  return first.length > 110 ? `${first.slice(0, 107)}...` : first;
}

function controlBlock(env: EnvironmentReport, c: Control): string {
  const id = anchor('ctl', env.name, c.pack, c.rule);
  const findings = c.findings.length
    ? `<ul>${c.findings
        .map(
          (f) =>
            `<li>${badge(f.status)} ${res(f.resource)}${f.acknowledgement ? `<div class="reason">${esc(f.acknowledgement.reason)}</div>` : ''}</li>`,
        )
        .join('')}</ul>`
    : '<p class="muted">Evaluated; no resource fails it.</p>';
  return `<details id="${id}" class="control ${c.status}" data-status="${c.status}"${c.status === 'open' ? ' open' : ''}>
<summary>${badge(c.status)} <strong>${esc(c.pack)}</strong> <code>${esc(c.rule)}</code> <span class="title">${esc(shortTitle(c.description))}</span> <span class="count">${c.findings.length} resource(s)</span></summary>
<p>${esc(c.description)}${c.severity ? ` <span class="muted">(severity ${esc(c.severity)})</span>` : ''}</p>${findings}</details>`;
}

function environmentSection(env: EnvironmentReport, svg: string): string {
  const a = (s: string) => anchor(env.name, s);
  const s = env.summary;
  const parts: string[] = [];
  parts.push(`<section class="environment" id="${anchor('env', env.name)}" data-environment="${esc(env.name)}">
<h2>Environment <code>${esc(env.name)}</code></h2>
<p>${esc(env.region)} · residency <strong>${esc(env.residency)}</strong> · ${s.resources} resources in ${env.stacks.length} stacks ·
<span class="num open">${s.open}</span> open · <span class="num acknowledged">${s.acknowledged}</span> acknowledged ·
controls ${s.controls.passed} passed / ${s.controls.acknowledged} acknowledged / ${s.controls.open} open</p>
<nav class="sub">${['findings', 'acknowledgements', 'encryption', 'residency', 'access', 'retention', 'curriculum', 'diagram']
    .map((k) => `<a href="#${a(k)}">${k}</a>`)
    .join(' · ')}</nav>`);

  parts.push(`<h3 id="${a('findings')}">Findings by control</h3>
<p class="muted">Open controls first. Expand a control for its resources and, when acknowledged, the reason.</p>
<div class="filters"><label><input type="checkbox" class="hide-passed" data-env="${esc(env.name)}"> hide passed controls</label></div>
<div class="controls">${env.controls.map((c) => controlBlock(env, c)).join('\n')}</div>`);

  parts.push(`<h3 id="${a('acknowledgements')}">Acknowledgements</h3>
<p class="muted">Every entry of the registry, where it is declared, and how many findings of this environment it covers.</p>
${table(
  ['rule', 'resource', 'reason', 'declared at', 'findings'],
  env.acknowledgements.map((k) => [`<code>${esc(k.rule)}</code>`, `<code>${esc(k.path)}</code>`, esc(k.reason), `<code>${esc(k.declaredAt)}</code>`, String(k.matched)]),
)}`);

  parts.push(`<h3 id="${a('encryption')}">Encryption inventory</h3>
${table(
  ['resource', 'key', 'rotation', 'classification'],
  env.encryption.map((e) => [
    res(e.resource),
    `${badge(e.key.kind)} <code>${esc(e.key.ref)}</code>${e.key.alias ? ` <span class="muted">${esc(e.key.alias)}</span>` : ''}`,
    esc(e.key.rotation),
    esc(e.classification),
  ]),
)}`);

  const rp = env.residencyProof;
  parts.push(`<h3 id="${a('residency')}">Residency proof</h3>
<p>Zone <strong>${esc(rp.zone)}</strong>: ${esc(rp.zoneDescription)}. Allowed regions: ${rp.zoneRegions.map((r) => `<code>${esc(r)}</code>`).join(', ') || 'none'}.</p>
${table(
  ['resource', 'region', 'zone', 'in zone'],
  rp.rows.map((r) => [res(r.resource), esc(r.region), esc(r.zone), r.inZone ? badge('yes') : badge('no')]),
)}
<h4>Runtime guard</h4>
${
  rp.runtimeGuards.length
    ? table(
        ['guard', 'resource', 'denies requests outside'],
        rp.runtimeGuards.map((g) => [esc(g.kind), res(g.resource), g.allowedRegions.map(esc).join(', ')]),
      )
    : '<p class="guard-absent"><strong>not present</strong>: no permission boundary or service control policy in this synth denies requests outside the zone\'s regions.</p>'
}`);

  parts.push(`<h3 id="${a('access')}">Access matrix</h3>
${
  env.access.available
    ? table(
        ['persona', 'target', 'action', 'decision', 'statement'],
        env.access.rows.map((r) => [esc(r.persona), esc(r.target), esc(r.action), badge(r.decision), `<code>${esc(r.statement)}</code>`]),
      )
    : `<p class="muted">${esc(env.access.note)}</p>`
}`);

  parts.push(`<h3 id="${a('retention')}">Retention and lifecycle</h3>
${table(
  ['resource', 'kind', 'tiers', 'expiration', 'old versions', 'lock', 'audit'],
  env.retention.map((r) => [
    res(r.resource),
    esc(r.kind),
    r.tiers.map(esc).join(' → ') || '<span class="muted">none</span>',
    esc(r.expiration),
    esc(r.noncurrentExpiration ?? '—'),
    esc(r.lock ?? '—'),
    r.audit ? badge('audit') : '',
  ]),
)}`);

  parts.push(`<h3 id="${a('curriculum')}">Curriculum coverage</h3>
${table(
  ['module', 'implemented by', 'rules', 'runbooks'],
  env.curriculum.map((m) => [
    `${m.covered ? badge('covered') : badge('not yet')} <strong>${m.module}</strong> ${esc(m.title)}`,
    m.constructs.length ? `<ul>${m.constructs.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>` : '<span class="muted">nothing in this synth</span>',
    m.rules.length ? `<ul>${m.rules.map((c) => `<li><code>${esc(c)}</code></li>`).join('')}</ul>` : '<span class="muted">none</span>',
    m.runbooks.map((b) => `<code>${esc(b)}</code>`).join('<br>') || '<span class="muted">none</span>',
  ]),
)}`);

  parts.push(`<h3 id="${a('diagram')}">Architecture diagram</h3>
<figure class="diagram" id="${anchor('diagram', env.name)}">${svg}<figcaption>Stacks of ${esc(env.name)} and the references between their resources (Graphviz, rendered offline).</figcaption></figure>
</section>`);
  return parts.join('\n');
}

const CSS = `
:root{--ok:#1d7a46;--ack:#8a5a00;--bad:#b3261e;--ink:#1f2933;--muted:#64748b;--line:#d9e0e8}
*{box-sizing:border-box}body{font:14px/1.5 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:var(--ink);margin:0;display:flex}
nav.side{position:sticky;top:0;height:100vh;overflow:auto;min-width:200px;padding:16px;border-right:1px solid var(--line);background:#f8fafc}
nav.side a{display:block;color:var(--ink);text-decoration:none;padding:2px 0}nav.side a:hover{text-decoration:underline}
main{padding:16px 32px;max-width:1280px;flex:1}h1{margin-top:0}h2{border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:40px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f1f5f9}code{font-size:12px;background:#f1f5f9;padding:0 3px;border-radius:3px;word-break:break-all}
.muted{color:var(--muted)}.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;color:#fff;background:var(--muted)}
.badge.passed,.badge.yes,.badge.covered,.badge.customer-managed,.badge.allow{background:var(--ok)}
.badge.acknowledged,.badge.aws-managed,.badge.imported,.badge.audit{background:var(--ack)}
.badge.open,.badge.no,.badge.none,.badge.deny{background:var(--bad)}
.cards{display:flex;gap:16px;margin:16px 0}.card{border:1px solid var(--line);border-radius:8px;padding:12px 20px;min-width:160px}
.card .value{font-size:28px;font-weight:600}.card.open .value{color:var(--bad)}.card.acknowledged .value{color:var(--ack)}
details.control{border:1px solid var(--line);border-radius:6px;margin:4px 0;padding:4px 10px}details.control.open{border-color:var(--bad)}
details.control summary{cursor:pointer}.count{color:var(--muted);font-size:12px}.title{color:#334155}.reason{color:var(--muted);margin:2px 0 6px 16px}
.hide-passed-on details.control.passed{display:none}.diagram svg{max-width:100%;height:auto;border:1px solid var(--line);border-radius:6px}
.verdict{font-size:16px;padding:8px 12px;border-radius:6px}.verdict.pass{background:#e8f5ee}.verdict.fail{background:#fdecea}
.guard-absent{color:var(--ack)}
`;

const SCRIPT = `
document.querySelectorAll('input.hide-passed').forEach(function(box){box.addEventListener('change',function(){
var s=box.closest('section');if(s){s.classList.toggle('hide-passed-on',box.checked);}});});
if(location.hash){var t=document.getElementById(location.hash.slice(1));if(t&&t.tagName==='DETAILS'){t.open=true;}}
document.querySelectorAll('a[href^="#ctl-"]').forEach(function(l){l.addEventListener('click',function(){
var t=document.getElementById(l.getAttribute('href').slice(1));if(t){t.open=true;}});});
`;

/** The complete HTML document. */
export function renderHtml(report: Report, diagrams: ReadonlyMap<string, string>): string {
  const s = report.summary;
  const pass = s.open === 0 && s.staleAcknowledgements.length === 0;
  const summaryRows = report.environments.map((e) => [
    `<a href="#${anchor('env', e.name)}"><code>${esc(e.name)}</code></a>`,
    esc(e.region),
    esc(e.residency),
    `<span class="num open">${e.summary.open}</span>`,
    `<span class="num acknowledged">${e.summary.acknowledged}</span>`,
    `${e.summary.controls.passed} / ${e.summary.controls.acknowledged} / ${e.summary.controls.open}`,
    String(e.summary.resources),
  ]);
  const openList = report.environments.flatMap((e) =>
    e.controls
      .filter((c) => c.status === 'open')
      .map((c) => `<li><a href="#${anchor('ctl', e.name, c.pack, c.rule)}">${esc(e.name)}: ${esc(c.pack)} <code>${esc(c.rule)}</code></a> (${c.findings.filter((f) => f.status === 'open').length})</li>`),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Data platform compliance report</title><style>${CSS}</style></head>
<body>
<nav class="side" aria-label="Contents"><strong>Contents</strong><a href="#summary">Summary</a>${report.environments
    .map((e) => `<a href="#${anchor('env', e.name)}">${esc(e.name)}</a>`)
    .join('')}</nav>
<main>
<h1>Data platform compliance report</h1>
<p class="muted">Generated ${esc(report.generatedAt)} · schema ${esc(report.schemaVersion)} · packs ${report.tool.packs.map(esc).join(', ')} · Control Tower rules: ${esc(report.tool.controlTower)}</p>
<section id="summary">
<h2>Summary</h2>
<p class="verdict ${pass ? 'pass' : 'fail'}" id="verdict">${pass ? 'No open finding: every control passes or is acknowledged with a reason.' : `${s.open} open finding(s): the run fails until each is fixed or acknowledged.`}</p>
<div class="cards">
<div class="card open" id="summary-open"><div class="label">Open findings</div><div class="value">${s.open}</div></div>
<div class="card acknowledged" id="summary-acknowledged"><div class="label">Acknowledged findings</div><div class="value">${s.acknowledged}</div></div>
<div class="card" id="summary-environments"><div class="label">Environments</div><div class="value">${s.environments}</div></div>
</div>
${table(['environment', 'region', 'residency', 'open', 'acknowledged', 'controls passed / ack. / open', 'resources'], summaryRows)}
${openList.length ? `<h3>Open controls</h3><ul>${openList.join('')}</ul>` : ''}
${s.staleAcknowledgements.length ? `<h3>Stale acknowledgements</h3><ul id="stale">${s.staleAcknowledgements.map((x) => `<li><code>${esc(x)}</code></li>`).join('')}</ul>` : ''}
</section>
${report.environments.map((e) => environmentSection(e, diagrams.get(e.name) ?? '<p class="muted">no diagram</p>')).join('\n')}
</main>
<script>${SCRIPT}</script>
</body></html>
`;
}
