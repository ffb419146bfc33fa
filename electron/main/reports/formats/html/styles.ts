/** Styles of the HTML report: screen and print (A4, one finding never split across pages). */
export function reportStyles(primary: string, accent: string): string {
  return `
@font-face { font-family: 'Report Sans'; src: url(data:font/ttf;base64,__FONT__) format('truetype'); font-weight: 400; }
:root { --primary: ${primary}; --accent: ${accent}; --ink: #111827; --muted: #6B7280; --rule: #E5E7EB; --soft: #F9FAFB; }
* { box-sizing: border-box; }
body { font-synthesis: weight; margin: 0; font-family: 'Report Sans', 'DejaVu Sans', system-ui, sans-serif; color: var(--ink); background: #F3F4F6; line-height: 1.5; }
.page { max-width: 960px; margin: 0 auto; background: #fff; padding: 0 56px 48px; }
.topbar { display: flex; justify-content: space-between; font-size: 12px; color: var(--muted); padding: 14px 0; border-bottom: 1px solid var(--rule); }
.mark { color: #B91C1C; font-weight: 700; letter-spacing: .06em; }
.cover { background: var(--primary); color: #fff; margin: 0 -56px; padding: 56px 56px 40px; border-bottom: 6px solid var(--accent); }
.cover .org { font-weight: 700; letter-spacing: .12em; font-size: 13px; text-transform: uppercase; opacity: .9; }
.cover h1 { font-size: 40px; margin: 40px 0 6px; line-height: 1.15; }
.cover .sub { font-size: 18px; opacity: .85; margin: 0; }
.meta { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 24px 0 8px; font-size: 13px; }
.meta dt { color: var(--muted); font-size: 11px; } .meta dd { margin: 0; font-weight: 700; }
nav.toc { font-size: 14px; border-bottom: 1px solid var(--rule); padding: 8px 0 16px; }
nav.toc ol { margin: 0; padding-left: 20px; columns: 2; }
nav.toc a { color: var(--primary); text-decoration: none; }
h2 { color: var(--primary); font-size: 24px; margin: 36px 0 12px; }
h2::before { content: ''; display: block; width: 28px; height: 3px; background: var(--accent); margin-bottom: 10px; }
h3 { font-size: 18px; margin: 0 0 4px; }
.headline { font-size: 19px; font-weight: 700; color: var(--primary); }
.urgent { background: #FEF2F2; border-left: 4px solid #B91C1C; padding: 10px 16px; border-radius: 4px; margin: 16px 0; }
.urgent strong { color: #991B1B; }
.finding { border-top: 1px solid var(--rule); padding: 22px 0 8px; break-inside: avoid; page-break-inside: avoid; }
.finding .info { font-size: 12px; color: var(--muted); margin-bottom: 8px; }
.alert { color: #B91C1C; font-weight: 700; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px; margin: 12px 0; }
.figure { background: var(--soft); border-left: 3px solid var(--accent); padding: 8px 12px; border-radius: 4px; }
.figure .label { font-size: 11px; color: var(--muted); } .figure .value { font-size: 18px; font-weight: 700; }
svg.chart { width: 100%; height: auto; display: block; margin: 8px 0; font-family: inherit; }
svg.chart [data-tip] { cursor: pointer; outline: none; }
svg.chart [data-tip]:hover, svg.chart [data-tip]:focus { opacity: .75; }
.legend { display: flex; gap: 8px; flex-wrap: wrap; font-size: 12px; }
.legend-item { border: 1px solid var(--rule); background: #fff; border-radius: 12px; padding: 2px 10px; cursor: pointer; font: inherit; display: inline-flex; align-items: center; gap: 6px; }
.legend-item[aria-pressed="false"] { opacity: .45; text-decoration: line-through; }
.swatch { width: 10px; height: 10px; border-radius: 2px; display: inline-block; }
.tooltip { position: absolute; background: #111827; color: #fff; font-size: 12px; padding: 4px 8px; border-radius: 4px; pointer-events: none; z-index: 10; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; margin: 8px 0; }
th { background: var(--primary); color: #fff; text-align: left; padding: 6px 8px; cursor: pointer; user-select: none; }
th[aria-sort="ascending"]::after { content: ' ▲'; } th[aria-sort="descending"]::after { content: ' ▼'; }
td { padding: 5px 8px; border-bottom: 1px solid var(--rule); } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: var(--soft); }
.note { font-size: 12px; color: var(--muted); }
details { margin: 6px 0; } summary { cursor: pointer; color: var(--primary); font-size: 13px; }
pre { background: var(--soft); padding: 10px; font-size: 12px; white-space: pre-wrap; border-radius: 4px; }
footer { font-size: 12px; color: var(--muted); border-top: 1px solid var(--rule); margin-top: 32px; padding-top: 12px; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { background: #fff; font-size: 11pt; }
  .page { max-width: none; padding: 0; }
  .cover { margin: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; break-after: page; }
  th, .figure, .urgent, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .legend-item { border: none; } .tooltip, nav.toc { display: none; }
  details.chart-data { display: none; }
  h2 { break-after: avoid; } thead { display: table-header-group; }
}
`;
}
