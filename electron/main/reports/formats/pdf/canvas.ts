import type PDFDocument from 'pdfkit';
import { lazyRequire } from '../../../startup/lazyRequire';
import type { Primitive } from '../scene/types';

export type Doc = PDFKit.PDFDocument;
const loadPdfKit = lazyRequire<typeof PDFDocument>('pdfkit');
export const FONT = { regular: 'body', bold: 'bold', mono: 'mono' } as const;

function slicePath(p: Extract<Primitive, { kind: 'slice' }>): string {
  const sweep = Math.min(p.end - p.start, Math.PI * 2 - 1e-4);
  const end = p.start + sweep;
  const large = sweep > Math.PI ? 1 : 0;
  const at = (r: number, a: number) => `${(p.cx + r * Math.cos(a)).toFixed(2)} ${(p.cy + r * Math.sin(a)).toFixed(2)}`;
  return `M ${at(p.r, p.start)} A ${p.r} ${p.r} 0 ${large} 1 ${at(p.r, end)} L ${at(p.inner, end)} A ${p.inner} ${p.inner} 0 ${large} 0 ${at(p.inner, p.start)} Z`;
}

/** Draws chart primitives as PDF vector graphics (no images). */
export function drawPrimitives(doc: Doc, primitives: readonly Primitive[]): void {
  for (const p of primitives) {
    doc.save();
    switch (p.kind) {
      case 'rect':
        doc.rect(p.x, p.y, p.w, p.h).fill(p.fill);
        break;
      case 'line':
        if (p.dash) doc.dash(2, { space: 2 });
        doc.moveTo(p.x1, p.y1).lineTo(p.x2, p.y2).lineWidth(p.width).strokeColor(p.stroke).stroke();
        break;
      case 'path': {
        if (p.points.length < 2) break;
        doc.moveTo(p.points[0][0], p.points[0][1]);
        for (const [x, y] of p.points.slice(1)) doc.lineTo(x, y);
        if (p.fill) doc.fillOpacity(p.opacity ?? 1).fill(p.fill);
        else doc.lineWidth(p.width).lineJoin('round').strokeColor(p.stroke).stroke();
        break;
      }
      case 'circle':
        doc.circle(p.cx, p.cy, p.r).fill(p.fill);
        break;
      case 'slice':
        doc.path(slicePath(p)).fill(p.fill);
        break;
      case 'text': {
        doc.font(p.bold ? FONT.bold : FONT.regular).fontSize(p.size).fillColor(p.color);
        const width = doc.widthOfString(p.text);
        const x = p.align === 'right' ? p.x - width : p.align === 'center' ? p.x - width / 2 : p.x;
        const y = p.baseline === 'middle' ? p.y - p.size * 0.58 : p.baseline === 'bottom' ? p.y - p.size * 1.16 : p.y;
        doc.text(p.text, x, y, { lineBreak: false });
        break;
      }
    }
    doc.restore();
  }
}

export function createDoc(fonts: { regular: string; bold: string; mono: string }, info: { title: string; author: string; subject: string }): Doc {
  const doc = new (loadPdfKit())({ size: 'A4', bufferPages: true, autoFirstPage: false, margins: { top: 64, bottom: 64, left: 54, right: 54 }, info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: 'Aiser Desktop' }, pdfVersion: '1.7', displayTitle: true, lang: 'en' });
  doc.registerFont(FONT.regular, fonts.regular);
  doc.registerFont(FONT.bold, fonts.bold);
  doc.registerFont(FONT.mono, fonts.mono);
  return doc;
}

export function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
