import type { Report, ReportFormatId } from '../../../../shared/reports/model';

export interface RenderOptions {
  signal?: AbortSignal;
  /** 0..1 as the document is laid out. */
  onProgress?: (fraction: number) => void;
}

/** One output format of a report. Formats are pure functions of the report model: they never
 *  query data themselves, so what they print is exactly what the viewer was allowed to see. */
export interface ReportFormat {
  readonly id: ReportFormatId;
  readonly label: string;
  readonly extension: string;
  readonly mimeType: string;
  render(report: Report, options?: RenderOptions): Promise<Buffer>;
}

export class RenderCancelledError extends Error {
  override name = 'AbortError';
  constructor() {
    super('The report was cancelled before it finished rendering.');
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RenderCancelledError();
}
