import type PptxGenJS from 'pptxgenjs';
import { formatExact } from '../../../../../shared/charts/format';
import { includes, type Finding, type Report } from '../../../../../shared/reports/model';
import { chartPalette, confidenceLabel, generatedLabel, tableNote } from '../theme';
import { throwIfCancelled, type ReportFormat } from '../types';
import { nativeChart } from './charts';
import { lazyRequire } from '../../../startup/lazyRequire';

const loadPptxGenJs = lazyRequire<typeof PptxGenJS>('pptxgenjs');
const FONT = 'Calibri';
const INK = '111827';
const MUTED = '6B7280';
const MASTER = 'AISER_REPORT';
const TABLE_ROWS_PER_SLIDE = 12;

function bare(color: string): string {
  return color.replace('#', '');
}

function defineMaster(pptx: PptxGenJS, report: Report): void {
  pptx.defineSlideMaster({
    title: MASTER,
    background: { color: 'FFFFFF' },
    objects: [
      { rect: { x: 0, y: 0, w: '100%', h: 0.12, fill: { color: bare(report.organization.primaryColor) } } },
      { text: { text: report.organization.name, options: { x: 0.5, y: 7.05, w: 6, h: 0.3, fontFace: FONT, fontSize: 9, color: MUTED } } },
      { text: { text: report.confidentiality.toUpperCase(), options: { x: 7.3, y: 7.05, w: 4.6, h: 0.3, fontFace: FONT, fontSize: 9, bold: true, color: 'B91C1C', align: 'right' } } },
    ],
    slideNumber: { x: 12.3, y: 7.05, w: 0.6, h: 0.3, fontFace: FONT, fontSize: 9, color: MUTED, align: 'right' },
  });
}

function titleSlide(pptx: PptxGenJS, report: Report): void {
  const slide = pptx.addSlide();
  slide.background = { color: bare(report.organization.primaryColor) };
  slide.addShape('rect', { x: 0.6, y: 4.35, w: 1.2, h: 0.08, fill: { color: bare(report.organization.accentColor) } });
  slide.addText(report.organization.name.toUpperCase(), { x: 0.6, y: 0.6, w: 12, h: 0.4, fontFace: FONT, fontSize: 14, bold: true, color: 'FFFFFF', charSpacing: 2 });
  slide.addText(report.title, { x: 0.6, y: 2.2, w: 12, h: 1.4, fontFace: FONT, fontSize: 40, bold: true, color: 'FFFFFF', valign: 'bottom' });
  slide.addText(report.subtitle ?? '', { x: 0.6, y: 3.7, w: 12, h: 0.5, fontFace: FONT, fontSize: 18, color: 'DCE4F2' });
  slide.addText(`Prepared for ${report.preparedFor} by ${report.preparedBy} · ${generatedLabel(report)}`, { x: 0.6, y: 4.7, w: 12, h: 0.4, fontFace: FONT, fontSize: 12, color: 'DCE4F2' });
  slide.addText(report.confidentiality.toUpperCase(), { x: 0.6, y: 6.6, w: 6, h: 0.4, fontFace: FONT, fontSize: 11, bold: true, color: 'FCA5A5' });
  slide.addNotes(`${report.title}. ${report.subtitle ?? ''}. Figures come from read-only queries run when the report was generated.`);
}

function heading(slide: PptxGenJS.Slide, report: Report, text: string, kicker?: string): void {
  if (kicker) slide.addText(kicker.toUpperCase(), { x: 0.5, y: 0.3, w: 12.3, h: 0.3, fontFace: FONT, fontSize: 10, bold: true, color: bare(report.organization.accentColor), charSpacing: 1 });
  slide.addText(text, { x: 0.5, y: 0.55, w: 12.3, h: 0.9, fontFace: FONT, fontSize: 26, bold: true, color: bare(report.organization.primaryColor), valign: 'top', fit: 'shrink' });
}

function summarySlide(pptx: PptxGenJS, report: Report): void {
  const slide = pptx.addSlide({ masterName: MASTER });
  heading(slide, report, report.summary.headline, 'Executive summary');
  const urgent = includes(report, 'urgent') && report.urgent.length > 0;
  slide.addText(report.summary.points.map((p) => ({ text: p, options: { bullet: { indent: 18 }, breakLine: true } })), { x: 0.5, y: 1.6, w: urgent ? 7.6 : 12.3, h: 5.2, fontFace: FONT, fontSize: 18, color: INK, valign: 'top', paraSpaceAfter: 10, fit: 'shrink' });
  if (urgent) {
    slide.addShape('rect', { x: 8.5, y: 1.6, w: 4.3, h: 5.2, fill: { color: 'FEF2F2' }, line: { color: 'FCA5A5', width: 1 } });
    slide.addText([{ text: 'Needs attention', options: { bold: true, color: '991B1B', fontSize: 16, breakLine: true } }, ...report.urgent.map((u) => ({ text: u.text, options: { bullet: true, breakLine: true, fontSize: 14, color: INK } }))], { x: 8.7, y: 1.75, w: 3.9, h: 4.9, fontFace: FONT, valign: 'top', paraSpaceAfter: 8, fit: 'shrink' });
  }
  slide.addNotes([report.summary.headline, ...report.summary.points].join('\n'));
}

function notesFor(finding: Finding): string {
  return [
    finding.narrative,
    finding.evidence.length ? `Figures: ${finding.evidence.map((e) => `${e.label}: ${e.value}`).join('; ')}.` : '',
    finding.question ? `Question asked: “${finding.question}”.` : '',
    `${confidenceLabel(finding.confidence)}. Source: ${finding.sourceName}.`,
  ].filter(Boolean).join('\n');
}

function tableRows(finding: Finding, rows: number): PptxGenJS.TableRow[] {
  const t = finding.table!;
  const head = t.columns.map((c) => ({ text: c.label + (c.masked ? ' (masked)' : ''), options: { bold: true, color: 'FFFFFF', fill: { color: '1F2937' } } }));
  const body = t.rows.slice(0, rows).map((r) => r.map((v, i) => ({ text: t.columns[i].masked ? String(v ?? '—') : formatExact(v, t.columns[i].format), options: { align: (['text', 'date', 'month'].includes(t.columns[i].format) || t.columns[i].masked ? 'left' : 'right') as 'left' | 'right' } })));
  return [head, ...body];
}

function findingSlide(pptx: PptxGenJS, report: Report, finding: Finding, index: number): void {
  const slide = pptx.addSlide({ masterName: MASTER });
  heading(slide, report, finding.title, `Finding ${index + 1}${finding.urgent ? ' · needs attention' : ''}`);
  const native = finding.chart ? nativeChart(finding.chart, chartPalette(report)) : null;
  const figures = finding.evidence.slice(0, 4);
  const mainW = figures.length ? 8.6 : 12.3;
  if (native) {
    slide.addChart(native.type as PptxGenJS.CHART_NAME, native.data, { x: 0.5, y: 1.6, w: mainW, h: 5.2, ...native.options });
  } else if (finding.table && includes(report, 'tables')) {
    slide.addTable(tableRows(finding, TABLE_ROWS_PER_SLIDE), { x: 0.5, y: 1.6, w: mainW, fontFace: FONT, fontSize: 10, color: INK, border: { type: 'solid', color: 'E5E7EB', pt: 0.5 }, autoPage: false });
    const note = tableNote(finding);
    if (note) slide.addText(note, { x: 0.5, y: 6.55, w: mainW, h: 0.3, fontFace: FONT, fontSize: 9, color: MUTED });
  } else {
    slide.addText(finding.narrative, { x: 0.5, y: 1.6, w: mainW, h: 5, fontFace: FONT, fontSize: 18, color: INK, valign: 'top' });
  }
  figures.forEach((e, i) => {
    const y = 1.6 + i * 1.3;
    slide.addShape('rect', { x: 9.4, y, w: 3.4, h: 1.15, fill: { color: 'F9FAFB' }, line: { color: 'F9FAFB' } });
    slide.addShape('rect', { x: 9.4, y, w: 0.06, h: 1.15, fill: { color: bare(report.organization.accentColor) } });
    slide.addText(e.label, { x: 9.55, y: y + 0.08, w: 3.2, h: 0.35, fontFace: FONT, fontSize: 11, color: MUTED, fit: 'shrink' });
    slide.addText(e.value, { x: 9.55, y: y + 0.45, w: 3.2, h: 0.55, fontFace: FONT, fontSize: 20, bold: true, color: INK, fit: 'shrink' });
  });
  slide.addNotes(notesFor(finding));
}

function recommendationsSlide(pptx: PptxGenJS, report: Report): void {
  if (!report.recommendations.length) return;
  const slide = pptx.addSlide({ masterName: MASTER });
  heading(slide, report, 'What we recommend', 'Recommendations');
  const head = ['Recommendation', 'Owner', 'Due'].map((text) => ({ text, options: { bold: true, color: 'FFFFFF', fill: { color: bare(report.organization.primaryColor) } } }));
  slide.addTable([head, ...report.recommendations.slice(0, 10).map((r) => [{ text: r.text }, { text: r.owner }, { text: formatExact(r.due, 'date') }])], { x: 0.5, y: 1.6, w: 12.3, colW: [7.8, 2.6, 1.9], fontFace: FONT, fontSize: 13, color: INK, border: { type: 'solid', color: 'E5E7EB', pt: 0.5 } });
  slide.addNotes(report.recommendations.map((r) => `${r.text} — ${r.owner}, due ${r.due}`).join('\n'));
}

function appendixSlides(pptx: PptxGenJS, report: Report): void {
  const a = report.appendix;
  const methods = pptx.addSlide({ masterName: MASTER });
  heading(methods, report, 'Methods and data sources', 'Appendix');
  methods.addText([...a.methods.map((m) => ({ text: m, options: { bullet: true, breakLine: true } })), { text: `Data sources: ${a.sources.map((s) => s.name).join(', ')}. Generated ${generatedLabel(report)}.`, options: { breakLine: true } }], { x: 0.5, y: 1.6, w: 12.3, h: 5.2, fontFace: FONT, fontSize: 14, color: INK, valign: 'top', paraSpaceAfter: 8, fit: 'shrink' });
  const perSlide = a.queries.some((q) => q.sql) ? 2 : 6;
  for (let i = 0; i < a.queries.length; i += perSlide) {
    const slide = pptx.addSlide({ masterName: MASTER });
    heading(slide, report, 'Queries and lineage', 'Appendix');
    const parts = a.queries.slice(i, i + perSlide).flatMap((q) => [
      { text: q.title, options: { bold: true, breakLine: true, fontSize: 13 } },
      { text: `${q.source} · ${q.rowCount.toLocaleString('en-US')} rows${q.durationMs === null ? '' : ` · ${q.durationMs} ms`}${q.sqlHash ? ` · SQL hash ${q.sqlHash.slice(0, 16)}` : ''}`, options: { breakLine: true, fontSize: 10, color: MUTED } },
      ...(q.sql ? [{ text: q.sql, options: { breakLine: true, fontFace: 'Consolas', fontSize: 9 } }] : []),
    ]);
    slide.addText(parts, { x: 0.5, y: 1.6, w: 12.3, h: 5.2, fontFace: FONT, color: INK, valign: 'top', paraSpaceAfter: 6, fit: 'shrink' });
  }
}

export const pptxFormat: ReportFormat = {
  id: 'pptx',
  label: 'PowerPoint',
  extension: 'pptx',
  mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  async render(report, options = {}) {
    const pptx = new (loadPptxGenJs())();
    pptx.layout = 'LAYOUT_WIDE';
    pptx.title = report.title;
    pptx.company = report.organization.name;
    pptx.author = report.preparedBy;
    pptx.subject = report.subtitle ?? report.title;
    pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
    defineMaster(pptx, report);
    titleSlide(pptx, report);
    if (includes(report, 'summary')) summarySlide(pptx, report);
    if (includes(report, 'findings')) {
      report.findings.forEach((f, i) => {
        throwIfCancelled(options.signal);
        options.onProgress?.(0.1 + (0.7 * i) / Math.max(1, report.findings.length));
        findingSlide(pptx, report, f, i);
      });
    }
    if (includes(report, 'recommendations')) recommendationsSlide(pptx, report);
    if (includes(report, 'appendix')) appendixSlides(pptx, report);
    throwIfCancelled(options.signal);
    const out = await pptx.write({ outputType: 'nodebuffer', compression: true });
    options.onProgress?.(1);
    return Buffer.from(out as Uint8Array);
  },
};
