import { formatExact } from '../../../../../shared/charts/format';
import type { ReportTable } from '../../../../../shared/reports/model';
import { type Doc, FONT } from './canvas';

export const INK = '#111827';
export const MUTED = '#6B7280';
export const RULE = '#E5E7EB';
export const ZEBRA = '#F9FAFB';

export interface TocEntry { title: string; page: number; level: 0 | 1 }

/** A cursor over the pages of a PDF: headings, paragraphs and tables that move to a new page
 *  when they would not fit, and a table of contents of what was placed where. */
export class PdfLayout {
  y = 0;
  readonly toc: TocEntry[] = [];

  constructor(readonly doc: Doc, readonly colors: { primary: string; accent: string }) {}

  get left(): number { return this.doc.page.margins.left; }
  get width(): number { return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right; }
  get bottom(): number { return this.doc.page.height - this.doc.page.margins.bottom; }
  get pageNumber(): number { const range = this.doc.bufferedPageRange(); return range.start + range.count; }

  newPage(): void {
    this.doc.addPage();
    this.y = this.doc.page.margins.top;
  }

  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  space(h: number): void { this.y += h; }

  heading(text: string, level: 0 | 1, toc = true): void {
    const size = level === 0 ? 18 : 13;
    this.doc.font(FONT.bold).fontSize(size);
    const h = this.doc.heightOfString(text, { width: this.width });
    this.ensure(h + (level === 0 ? 40 : 90));
    if (level === 0) {
      this.doc.rect(this.left, this.y, 28, 3).fill(this.colors.accent);
      this.y += 10;
    }
    this.doc.fillColor(level === 0 ? this.colors.primary : INK).text(text, this.left, this.y, { width: this.width });
    this.y += h + (level === 0 ? 10 : 6);
    if (toc) this.toc.push({ title: text, page: this.pageNumber, level });
  }

  paragraph(text: string, options: { size?: number; color?: string; bold?: boolean; mono?: boolean; indent?: number } = {}): void {
    const size = options.size ?? 10;
    const indent = options.indent ?? 0;
    this.doc.font(options.mono ? FONT.mono : options.bold ? FONT.bold : FONT.regular).fontSize(size);
    const width = this.width - indent;
    const lines = text.split('\n');
    for (const line of lines) {
      const h = this.doc.heightOfString(line || ' ', { width, lineGap: 2 });
      this.ensure(Math.min(h, 60));
      this.doc.fillColor(options.color ?? INK).text(line || ' ', this.left + indent, this.y, { width, lineGap: 2 });
      this.y = this.doc.y + 2;
    }
  }

  bullets(items: readonly string[], options: { size?: number } = {}): void {
    const size = options.size ?? 10;
    for (const item of items) {
      this.doc.font(FONT.regular).fontSize(size);
      const h = this.doc.heightOfString(item, { width: this.width - 14, lineGap: 2 });
      this.ensure(h + 4);
      this.doc.circle(this.left + 4, this.y + size * 0.5, 1.8).fill(this.colors.accent);
      this.doc.fillColor(INK).text(item, this.left + 14, this.y, { width: this.width - 14, lineGap: 2 });
      this.y = this.doc.y + 5;
    }
  }

  /** Label/value pairs in tiles, three to a row. */
  figures(items: ReadonlyArray<{ label: string; value: string }>): void {
    if (!items.length) return;
    const perRow = 3;
    const gap = 8;
    const w = (this.width - gap * (perRow - 1)) / perRow;
    const h = 40;
    for (let i = 0; i < items.length; i += perRow) {
      this.ensure(h + gap);
      items.slice(i, i + perRow).forEach((item, j) => {
        const x = this.left + j * (w + gap);
        this.doc.roundedRect(x, this.y, w, h, 4).fill(ZEBRA);
        this.doc.rect(x, this.y, 2.5, h).fill(this.colors.accent);
        this.doc.font(FONT.regular).fontSize(7.5).fillColor(MUTED).text(item.label, x + 9, this.y + 6, { width: w - 14, lineBreak: false, ellipsis: true });
        this.doc.font(FONT.bold).fontSize(12).fillColor(INK).text(item.value, x + 9, this.y + 19, { width: w - 14, lineBreak: false, ellipsis: true });
      });
      this.y += h + gap;
    }
  }

  /** A table split over as many pages as it needs, its header row repeated on each. */
  table(table: ReportTable, note?: string): void {
    const { doc } = this;
    const size = 8;
    const rowH = 15;
    doc.font(FONT.regular).fontSize(size);
    const texts = table.rows.map((row) => row.map((v, c) => (table.columns[c].masked ? String(v ?? '—') : formatExact(v, table.columns[c].format))));
    const natural = table.columns.map((col, c) => Math.max(doc.widthOfString(col.label) + 10, ...texts.slice(0, 100).map((r) => doc.widthOfString(r[c]) + 10)));
    const total = natural.reduce((a, b) => a + b, 0);
    const widths = total <= this.width ? natural.map((w) => w + (this.width - total) / natural.length) : natural.map((w) => (w / total) * this.width);
    const numeric = table.columns.map((col) => !col.masked && !['text', 'date', 'month'].includes(col.format));
    const header = () => {
      let x = this.left;
      doc.rect(this.left, this.y, this.width, rowH + 2).fill(this.colors.primary);
      table.columns.forEach((col, c) => {
        doc.font(FONT.bold).fontSize(size).fillColor('#FFFFFF').text(col.label + (col.masked ? ' (masked)' : ''), x + 4, this.y + 4.5, { width: widths[c] - 8, lineBreak: false, ellipsis: true, align: numeric[c] ? 'right' : 'left' });
        x += widths[c];
      });
      this.y += rowH + 2;
    };
    this.ensure(rowH * 3);
    header();
    texts.forEach((cells, r) => {
      if (this.y + rowH > this.bottom) {
        this.newPage();
        header();
      }
      if (r % 2 === 1) doc.rect(this.left, this.y, this.width, rowH).fill(ZEBRA);
      let x = this.left;
      cells.forEach((text, c) => {
        doc.font(FONT.regular).fontSize(size).fillColor(INK).text(text, x + 4, this.y + 4, { width: widths[c] - 8, lineBreak: false, ellipsis: true, align: numeric[c] ? 'right' : 'left' });
        x += widths[c];
      });
      this.y += rowH;
    });
    doc.moveTo(this.left, this.y).lineTo(this.left + this.width, this.y).lineWidth(0.5).strokeColor(RULE).stroke();
    this.y += 4;
    if (note) this.paragraph(note, { size: 7.5, color: MUTED });
  }
}
