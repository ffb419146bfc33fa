import { formatExact } from '../../../../../shared/charts/format';
import { includes, type Finding, type Report, type ReportTable } from '../../../../../shared/reports/model';
import { regularFontBase64 } from '../fonts';
import { drawChart } from '../scene/scene';
import { chartPalette, confidenceLabel, generatedLabel, tableNote } from '../theme';
import { throwIfCancelled, type ReportFormat } from '../types';
import { REPORT_SCRIPT } from './script';
import { reportStyles } from './styles';
import { esc, toSvg } from './svg';

const WIDTH = 600;
const HEIGHT = 230;
/** Nothing may load from anywhere: the file is the whole report. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; font-src data:; img-src data:";

function table(t: ReportTable): string {
  const numeric = t.columns.map((c) => !c.masked && !['text', 'date', 'month'].includes(c.format));
  const head = t.columns.map((c, i) => `<th data-col="${i}" scope="col"${numeric[i] ? ' class="num"' : ''}>${esc(c.label)}${c.masked ? ' (masked)' : ''}</th>`).join('');
  const body = t.rows.map((r) => `<tr>${r.map((v, i) => {
    const text = t.columns[i].masked ? String(v ?? '—') : formatExact(v, t.columns[i].format);
    return `<td${numeric[i] ? ' class="num"' : ''} data-v="${esc(v === null ? '' : String(v))}">${esc(text)}</td>`;
  }).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function chartDataTable(finding: Finding): string {
  const d = finding.chart!.data;
  const fmt = finding.chart!.spec.yFormat;
  let rows: Array<[string, string]> = [];
  if (d.kind === 'category') rows = d.categories.map((c, i) => [c, d.series.map((s) => formatExact(s.data[i], fmt)).join(' · ')]);
  else if (d.kind === 'pie') rows = d.labels.map((l, i) => [l, formatExact(d.values[i], fmt)]);
  else if (d.kind === 'time') rows = (d.series[0]?.data ?? []).map((p) => [formatExact(new Date(p[0]).toISOString().slice(0, 10), finding.chart!.spec.xFormat === 'month' ? 'month' : 'date'), formatExact(p[1], fmt)]);
  if (!rows.length) return '';
  return `<details class="chart-data"><summary>Show the chart’s data</summary><table><tbody>${rows.map(([a, b]) => `<tr><td>${esc(a)}</td><td class="num">${esc(b)}</td></tr>`).join('')}</tbody></table></details>`;
}

function finding(report: Report, f: Finding, i: number): string {
  const palette = chartPalette(report);
  const chart = f.chart ? toSvg(drawChart(f.chart, { x: 0, y: 0, w: WIDTH, h: f.chart.data.kind === 'kpi' ? 100 : HEIGHT }, palette), WIDTH, f.chart.data.kind === 'kpi' ? 100 : HEIGHT, `chart-${i + 1}`) + chartDataTable(f) : '';
  const figures = f.evidence.length ? `<div class="figures">${f.evidence.slice(0, report.audience === 'analyst' ? 6 : 3).map((e) => `<div class="figure"><div class="label">${esc(e.label)}</div><div class="value">${esc(e.value)}</div></div>`).join('')}</div>` : '';
  const tbl = f.table && includes(report, 'tables') ? `${table(f.table)}${tableNote(f) ? `<p class="note">${esc(tableNote(f)!)}</p>` : ''}` : '';
  return `<section class="finding" id="finding-${i + 1}">
<h3>${i + 1}. ${esc(f.title)}</h3>
${f.alert ? `<p class="alert">Needs attention: ${esc(f.alert)}.</p>` : ''}
<div class="info">${esc(confidenceLabel(f.confidence))} · Source: ${esc(f.sourceName)}${f.question ? ` · Asked: “${esc(f.question)}”` : ''}</div>
<p>${esc(f.narrative)}</p>${figures}${chart}${tbl}</section>`;
}

function appendix(report: Report): string {
  const a = report.appendix;
  const queries = a.queries.map((q) => {
    const masked = a.lineage.find((l) => l.findingId === q.findingId)?.maskedColumns ?? [];
    return `<h4>${esc(q.title)}</h4><p class="note">${esc(q.source)} · ${q.rowCount.toLocaleString('en-US')} rows${q.durationMs === null ? '' : ` · ${q.durationMs} ms`}${q.sqlHash ? ` · SQL hash ${esc(q.sqlHash.slice(0, 16))}` : ''}${masked.length ? ` · masked: ${esc(masked.join(', '))}` : ''}</p>${q.sql ? `<pre>${esc(q.sql)}</pre>` : ''}`;
  }).join('');
  const stats = a.statistics.length ? `<h3>Statistics</h3><table><thead><tr><th>Finding</th><th>Statistic</th><th>Value</th></tr></thead><tbody>${a.statistics.map((s) => `<tr><td>${report.findings.findIndex((f) => f.id === s.findingId) + 1}</td><td>${esc(s.label)}</td><td>${esc(s.value)}</td></tr>`).join('')}</tbody></table>` : '';
  return `<h2 id="appendix">Technical appendix</h2><h3>Methods</h3><ul>${a.methods.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>
<h3>Data sources</h3><ul>${a.sources.map((s) => `<li>${esc(s.name)}</li>`).join('')}</ul><h3>Queries and lineage</h3>${queries}${stats}`;
}

export function renderHtml(report: Report, font: string): string {
  const toc: Array<[string, string]> = [];
  const parts: string[] = [];
  if (includes(report, 'summary')) {
    toc.push(['summary', 'Executive summary']);
    const urgent = includes(report, 'urgent') && report.urgent.length ? `<div class="urgent"><strong>Needs attention</strong><ul>${report.urgent.map((u) => `<li>${esc(u.text)}</li>`).join('')}</ul></div>` : '';
    parts.push(`<h2 id="summary">Executive summary</h2><p class="headline">${esc(report.summary.headline)}</p><ul>${report.summary.points.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>${urgent}`);
  }
  if (includes(report, 'findings')) {
    toc.push(['findings', report.audience === 'board' ? 'Key findings' : 'Findings']);
    parts.push(`<h2 id="findings">${report.audience === 'board' ? 'Key findings' : 'Findings'}</h2>${report.findings.map((f, i) => finding(report, f, i)).join('')}`);
  }
  if (includes(report, 'recommendations') && report.recommendations.length) {
    toc.push(['recommendations', 'Recommendations']);
    parts.push(`<h2 id="recommendations">Recommendations</h2><table><thead><tr><th>Recommendation</th><th>Owner</th><th>Due</th></tr></thead><tbody>${report.recommendations.map((r) => `<tr><td>${esc(r.text)}</td><td>${esc(r.owner)}</td><td>${esc(formatExact(r.due, 'date'))}</td></tr>`).join('')}</tbody></table>`);
  }
  if (includes(report, 'appendix')) {
    toc.push(['appendix', 'Technical appendix']);
    parts.push(appendix(report));
  }
  const meta: Array<[string, string]> = [['Period', report.period.label], ['Prepared for', report.preparedFor], ['Prepared by', report.preparedBy], ['Generated', generatedLabel(report)]];
  const styles = reportStyles(report.organization.primaryColor, report.organization.accentColor).replace('__FONT__', font);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${esc(report.title)} — ${esc(report.organization.name)}</title><style>${styles}</style></head>
<body><div class="page">
<div class="topbar"><span>${esc(report.organization.name)}</span><span class="mark">${esc(report.confidentiality.toUpperCase())}</span></div>
<header class="cover"><div class="org">${esc(report.organization.name)}</div><h1>${esc(report.title)}</h1><p class="sub">${esc(report.subtitle ?? '')}</p></header>
<dl class="meta">${meta.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>
<nav class="toc" aria-label="Contents"><ol>${toc.map(([id, label]) => `<li><a href="#${id}">${esc(label)}</a></li>`).join('')}</ol></nav>
<main>${parts.join('\n')}</main>
<footer>${esc(report.organization.name)} · ${esc(report.confidentiality)} · Generated ${esc(generatedLabel(report))} from read-only queries; personal data masked for the reader’s role.</footer>
</div><script>${REPORT_SCRIPT}</script></body></html>`;
}

export const htmlFormat: ReportFormat = {
  id: 'html',
  label: 'Interactive HTML',
  extension: 'html',
  mimeType: 'text/html',
  async render(report, options = {}) {
    throwIfCancelled(options.signal);
    const html = renderHtml(report, regularFontBase64());
    options.onProgress?.(1);
    return Buffer.from(html, 'utf8');
  },
};
