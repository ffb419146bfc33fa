import type { DuckDBConnection, DuckDBResult } from '@duckdb/node-api';
import type { QueryDeadline } from '../execution-control';
import { pagesFrom } from '../paging';
import { ConnectorError, type QueryOptions, type ResultColumn, type ResultPage } from '../types';
import { toCellValue } from '../values';
import { duckdbApi } from './driver';
import { duckdbKind } from './values';

const READ_ONLY_REFUSAL = new ConnectorError(
  'READ_ONLY_VIOLATION',
  'This source is read-only: only a single SELECT query can run.',
  'Ask a question that reads data instead of changing it.',
);

/**
 * Streams one SELECT on a sandboxed DuckDB connection. DuckDB's own parser must see exactly one
 * statement of type SELECT (so `COPY … TO` cannot overwrite a source file even if it slipped past
 * the guard), and it runs in a READ ONLY transaction. Cancel/timeout interrupt the connection.
 */
export async function* streamDuckdbSelect(connection: DuckDBConnection, sql: string, options: QueryOptions, deadline: QueryDeadline): AsyncGenerator<ResultPage> {
  const stopInterrupt = deadline.onStop(() => connection.interrupt());
  let inTransaction = false;
  try {
    const statements = await connection.extractStatements(sql);
    if (statements.count !== 1) throw READ_ONLY_REFUSAL;
    const prepared = await statements.prepare(0);
    if (prepared.statementType !== duckdbApi().StatementType.SELECT) throw READ_ONLY_REFUSAL;
    await connection.run('BEGIN TRANSACTION READ ONLY');
    inTransaction = true;
    const result: DuckDBResult = await prepared.stream();
    const columns: ResultColumn[] = result.columnNames().map((name, index) => ({ name, kind: duckdbKind(result.columnTypes()[index]) }));
    yield* pagesFrom({
      columns: () => columns,
      next: async () => {
        while (true) {
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) return null;
          const rows = convertChunk(chunk.convertRows(duckdbApi().JsonDuckDBValueConverter), columns);
          if (rows.length > 0) return rows;
        }
      },
    }, options, deadline);
  } catch (error) {
    if (deadline.stopped) throw deadline.stopError();
    throw asDuckdbError(error);
  } finally {
    stopInterrupt();
    if (inTransaction) await connection.run('ROLLBACK').catch(() => undefined);
  }
}

function convertChunk(rows: unknown[][], columns: ResultColumn[]) {
  return rows.map((row) => row.map((value, index) => toCellValue(value, columns[index].kind)));
}

export function asDuckdbError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const message = (error as Error)?.message ?? String(error);
  if (/read-only mode|read only/i.test(message)) return new ConnectorError('READ_ONLY_VIOLATION', `This source is read-only: ${message}`);
  if (/Permission Error|disabled by configuration/i.test(message)) {
    return new ConnectorError('QUERY_FAILED', `DuckDB refused to access a file outside this source: ${message}`);
  }
  return new ConnectorError('QUERY_FAILED', `DuckDB refused the query: ${message}`);
}
