import { QueryDeadline, resolveMaxRows, resolvePageSize } from './execution-control';
import type { CellValue, QueryOptions, ResultColumn, ResultPage } from './types';

/** A connector's raw stream: its column list once known, then batches of already-typed rows. */
export interface RowBatchSource {
  columns(): ResultColumn[];
  /** Next batch (any size ≥ 1), or null at the end. */
  next(wanted: number): Promise<CellValue[][] | null>;
}

/**
 * Re-chunks a connector's batches into pages of `pageSize`, honouring `maxRows`, cancellation
 * and the timeout between batches. Always yields at least one page (possibly empty, done=true).
 */
export async function* pagesFrom(source: RowBatchSource, options: QueryOptions, deadline: QueryDeadline): AsyncGenerator<ResultPage> {
  const pageSize = resolvePageSize(options.pageSize);
  const maxRows = resolveMaxRows(options.maxRows);
  let offset = 0;
  let pending: CellValue[][] = [];
  let exhausted = false;
  while (true) {
    while (!exhausted && pending.length < pageSize && offset + pending.length < maxRows) {
      deadline.throwIfStopped();
      const batch = await source.next(Math.min(pageSize - pending.length, maxRows - offset - pending.length));
      deadline.throwIfStopped();
      if (batch === null) exhausted = true;
      else pending = pending.length === 0 ? batch : pending.concat(batch);
    }
    const room = Math.min(pageSize, maxRows - offset);
    const rows = pending.slice(0, room);
    pending = pending.slice(room);
    const done = (exhausted && pending.length === 0) || offset + rows.length >= maxRows;
    yield { columns: source.columns(), rows, offset, done };
    offset += rows.length;
    if (done) return;
  }
}
