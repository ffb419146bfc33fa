import { REPORT_FORMAT_IDS, type ReportFormatId } from '../../../../shared/reports/model';
import { htmlFormat } from './html';
import { pdfFormat } from './pdf';
import { pptxFormat } from './pptx';
import type { ReportFormat } from './types';

export const REPORT_FORMATS = { pdf: pdfFormat, pptx: pptxFormat, html: htmlFormat } as const satisfies Record<ReportFormatId, ReportFormat>;

export class UnknownReportFormatError extends Error {
  override name = 'ValidationError';
}

export function reportFormat(id: string): ReportFormat {
  if (!(REPORT_FORMAT_IDS as readonly string[]).includes(id)) {
    throw new UnknownReportFormatError(`Unknown report format "${id}". Choose one of: ${REPORT_FORMAT_IDS.join(', ')}.`);
  }
  return REPORT_FORMATS[id as ReportFormatId];
}
