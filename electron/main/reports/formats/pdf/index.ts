import { includes, type Report } from '../../../../../shared/reports/model';
import { reportFonts } from '../fonts';
import { drawChart } from '../scene/scene';
import { chartPalette, confidenceLabel, generatedLabel, tableNote } from '../theme';
import { throwIfCancelled, type RenderOptions, type ReportFormat } from '../types';
import { createDoc, drawPrimitives, finish, FONT, type Doc } from './canvas';
import { INK, MUTED, PdfLayout, RULE } from './layout';

const CHART_HEIGHT = 190;

function cover(doc: Doc, report: Report): void {
  doc.addPage();
  const { width, height } = doc.page;
  doc.rect(0, 0, width, height * 0.42).fill(report.organization.primaryColor);
  doc.rect(54, height * 0.42 - 6, 80, 6).fill(report.organization.accentColor);
  doc.font(FONT.bold).fontSize(11).fillColor('#FFFFFF').text(report.organization.name.toUpperCase(), 54, 64, { characterSpacing: 1.5, width: width - 108 });
  doc.font(FONT.bold).fontSize(28).text(report.title, 54, height * 0.42 - 150, { width: width - 108, height: 110, ellipsis: true });
  doc.font(FONT.regular).fontSize(13).fillColor('#DCE4F2').text(report.subtitle ?? '', 54, height * 0.42 - 40, { width: width - 108, lineBreak: false, ellipsis: true });
  const rows: Array<[string, string]> = [['Period', report.period.label], ['Prepared for', report.preparedFor], ['Prepared by', report.preparedBy], ['Generated', generatedLabel(report)]];
  let y = height * 0.42 + 50;
  for (const [label, value] of rows) {
    doc.font(FONT.regular).fontSize(9).fillColor(MUTED).text(label, 54, y, { width: 110 });
    doc.font(FONT.bold).fontSize(11).fillColor(INK).text(value, 170, y - 1, { width: width - 224 });
    y += 26;
  }
  doc.page.margins.bottom = 0;
  doc.font(FONT.bold).fontSize(9).fillColor('#B91C1C').text(report.confidentiality.toUpperCase(), 54, height - 90, { characterSpacing: 1 });
  doc.font(FONT.regular).fontSize(8).fillColor(MUTED).text('Figures come from read-only queries run when this report was generated; personal data is masked according to the reader’s role.', 54, height - 76, { width: width - 108 });
}

function summary(l: PdfLayout, report: Report): void {
  l.newPage();
  l.heading('Executive summary', 0);
  l.paragraph(report.summary.headline, { size: 13, bold: true, color: l.colors.primary });
  l.space(6);
  l.bullets(report.summary.points, { size: 10.5 });
  if (includes(report, 'urgent') && report.urgent.length) {
    l.space(8);
    l.doc.font(FONT.regular).fontSize(10);
    const text = report.urgent.map((u) => `• ${u.text}`).join('\n');
    const h = l.doc.heightOfString(text, { width: l.width - 24 }) + 30;
    l.ensure(h);
    l.doc.roundedRect(l.left, l.y, l.width, h, 4).fill('#FEF2F2');
    l.doc.rect(l.left, l.y, 3, h).fill('#B91C1C');
    l.doc.font(FONT.bold).fontSize(10).fillColor('#991B1B').text('Needs attention', l.left + 12, l.y + 8);
    l.doc.font(FONT.regular).fontSize(10).fillColor(INK).text(text, l.left + 12, l.y + 22, { width: l.width - 24 });
    l.y += h + 6;
    l.toc.push({ title: 'Needs attention', page: l.pageNumber, level: 1 });
  }
  if (report.audience === 'board' && report.findings.length) {
    l.space(8);
    l.figures(report.findings.flatMap((f) => f.evidence.slice(0, 1).map((e) => ({ label: `${e.label}`, value: e.value }))).slice(0, 6));
  }
}

function findings(l: PdfLayout, report: Report, options: RenderOptions): void {
  const palette = chartPalette(report);
  l.newPage();
  l.heading(report.audience === 'board' ? 'Key findings' : 'Findings', 0);
  report.findings.forEach((finding, i) => {
    throwIfCancelled(options.signal);
    options.onProgress?.(0.1 + (0.8 * i) / Math.max(1, report.findings.length));
    if (i > 0) {
      l.ensure(CHART_HEIGHT + 120);
      if (l.y > l.doc.page.margins.top) l.doc.moveTo(l.left, l.y).lineTo(l.left + l.width, l.y).lineWidth(0.5).strokeColor(RULE).stroke();
      l.space(12);
    }
    l.heading(`${i + 1}. ${finding.title}`, 1);
    if (finding.alert) l.paragraph(`Needs attention: ${finding.alert}.`, { size: 9.5, bold: true, color: '#B91C1C' });
    l.paragraph(`${confidenceLabel(finding.confidence)} · Source: ${finding.sourceName}${finding.question ? ` · Asked: “${finding.question}”` : ''}`, { size: 8, color: MUTED });
    l.space(3);
    l.paragraph(finding.narrative, { size: 10 });
    l.space(4);
    l.figures(finding.evidence.slice(0, report.audience === 'analyst' ? 6 : 3));
    if (finding.chart) {
      const legendH = finding.chart.data.kind === 'category' || finding.chart.data.kind === 'time' ? 14 : 0;
      const height = finding.chart.data.kind === 'kpi' ? 90 : CHART_HEIGHT;
      l.ensure(height + legendH + 10);
      const scene = drawChart(finding.chart, { x: l.left, y: l.y, w: l.width, h: height }, palette);
      drawPrimitives(l.doc, scene.primitives);
      l.y += height + 6;
      if (scene.legend.length) {
        let x = l.left;
        for (const item of scene.legend) {
          l.doc.rect(x, l.y + 1, 7, 7).fill(item.color);
          l.doc.font(FONT.regular).fontSize(7.5).fillColor(INK).text(item.name, x + 10, l.y, { lineBreak: false });
          x += l.doc.widthOfString(item.name) + 24;
        }
        l.y += legendH;
      }
    }
    if (finding.table && includes(report, 'tables')) {
      l.space(6);
      l.table(finding.table, tableNote(finding));
    }
    l.space(10);
  });
}

function recommendations(l: PdfLayout, report: Report): void {
  if (!report.recommendations.length) return;
  l.ensure(200);
  l.space(6);
  l.heading('Recommendations', 0);
  l.table({
    columns: [
      { name: 'text', label: 'Recommendation', format: 'text', masked: false },
      { name: 'owner', label: 'Owner', format: 'text', masked: false },
      { name: 'due', label: 'Due', format: 'date', masked: false },
    ],
    rows: report.recommendations.map((r) => [r.text, r.owner, r.due]),
    totalRows: report.recommendations.length,
  });
}

function appendix(l: PdfLayout, report: Report): void {
  const a = report.appendix;
  l.newPage();
  l.heading('Technical appendix', 0);
  l.heading('Methods', 1);
  l.bullets(a.methods, { size: 9 });
  l.heading('Data sources', 1);
  l.bullets(a.sources.map((s) => s.name), { size: 9 });
  l.heading('Queries and lineage', 1);
  for (const q of a.queries) {
    const lineage = a.lineage.find((x) => x.findingId === q.findingId);
    l.paragraph(q.title, { size: 9, bold: true });
    l.paragraph(`${q.source} · ${q.rowCount.toLocaleString('en-US')} rows${q.durationMs === null ? '' : ` · ${q.durationMs} ms`}${q.sqlHash ? ` · SQL hash ${q.sqlHash.slice(0, 16)}` : ''}${lineage?.maskedColumns.length ? ` · masked: ${lineage.maskedColumns.join(', ')}` : ''}`, { size: 8, color: MUTED });
    if (q.sql) l.paragraph(q.sql, { size: 7.5, mono: true, indent: 8 });
    l.space(4);
  }
  if (a.statistics.length) {
    l.heading('Statistics', 1);
    l.table({
      columns: [
        { name: 'finding', label: 'Finding', format: 'text', masked: false },
        { name: 'label', label: 'Statistic', format: 'text', masked: false },
        { name: 'value', label: 'Value', format: 'text', masked: false },
      ],
      rows: a.statistics.map((s) => [report.findings.findIndex((f) => f.id === s.findingId) + 1, s.label, s.value]),
      totalRows: a.statistics.length,
    });
  }
  l.paragraph(`Generated ${generatedLabel(report)}.`, { size: 8, color: MUTED });
}

function tableOfContents(doc: Doc, report: Report, l: PdfLayout): void {
  doc.switchToPage(1);
  let y = doc.page.margins.top;
  doc.rect(l.left, y, 28, 3).fill(report.organization.accentColor);
  doc.font(FONT.bold).fontSize(18).fillColor(report.organization.primaryColor).text('Contents', l.left, y + 10);
  y += 46;
  const maxY = doc.page.height - doc.page.margins.bottom - 16;
  for (const entry of l.toc) {
    if (y > maxY) break;
    const indent = entry.level ? 14 : 0;
    const size = entry.level ? 9.5 : 11;
    doc.font(entry.level ? FONT.regular : FONT.bold).fontSize(size).fillColor(INK).text(entry.title, l.left + indent, y, { width: l.width - indent - 40, height: size * 1.3, ellipsis: true });
    doc.font(FONT.regular).text(String(entry.page), l.left + l.width - 36, y, { width: 36, align: 'right', lineBreak: false });
    y += entry.level ? 16 : 22;
  }
}

function headersAndFooters(doc: Doc, report: Report): void {
  const range = doc.bufferedPageRange();
  for (let i = 1; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const { width, height, margins } = doc.page;
    const bottom = margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONT.regular).fontSize(7.5).fillColor(MUTED).text(report.organization.name, margins.left, 30, { lineBreak: false });
    doc.font(FONT.bold).fontSize(7.5).fillColor('#B91C1C').text(report.confidentiality.toUpperCase(), width - margins.right - 200, 30, { width: 200, align: 'right', lineBreak: false });
    doc.moveTo(margins.left, 44).lineTo(width - margins.right, 44).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.font(FONT.regular).fontSize(7.5).fillColor(MUTED).text(report.title, margins.left, height - 36, { width: width - margins.left - margins.right - 80, lineBreak: false, ellipsis: true });
    doc.text(`Page ${i + 1} of ${range.count}`, width - margins.right - 80, height - 36, { width: 80, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

export const pdfFormat: ReportFormat = {
  id: 'pdf',
  label: 'PDF',
  extension: 'pdf',
  mimeType: 'application/pdf',
  async render(report, options = {}) {
    const doc = createDoc(reportFonts(), { title: report.title, author: report.organization.name, subject: report.subtitle ?? report.title });
    const l = new PdfLayout(doc, { primary: report.organization.primaryColor, accent: report.organization.accentColor });
    cover(doc, report);
    l.newPage(); // contents, filled in once every section has its page
    if (includes(report, 'summary')) summary(l, report);
    if (includes(report, 'findings')) findings(l, report, options);
    if (includes(report, 'recommendations')) recommendations(l, report);
    if (includes(report, 'appendix')) appendix(l, report);
    throwIfCancelled(options.signal);
    tableOfContents(doc, report, l);
    headersAndFooters(doc, report);
    options.onProgress?.(1);
    return finish(doc);
  },
};
