import type { DuckDBConnection, DuckDBDataChunk, DuckDBMaterializedResult, DuckDBResult } from '@duckdb/node-api';
import type { QueryDeadline } from '../execution-control';
import { pagesFrom } from '../paging';
import { ConnectorError, type QueryOptions, type ResultColumn, type ResultPage } from '../types';
import { toCellValue } from '../values';
import { duckdbApi } from './driver';
import { literal } from './files';
import { duckdbKind } from './values';

const READ_ONLY_REFUSAL = new ConnectorError(
  'READ_ONLY_VIOLATION',
  'This source is read-only: only a single SELECT query can run.',
  'Ask a question that reads data instead of changing it.',
);

/**
 * Statements whose own top-level LIMIT is at most this are materialised by DuckDB in one call
 * and read without further round trips (the guard always ends a statement with `LIMIT maxRows + 1`;
 * 10 001 by default); larger or unlimited results are streamed so memory stays bounded. The
 * result cache keeps results of up to 20 000 rows whole anyway (connectors/execute.ts).
 */
export const MATERIALISED_ROW_LIMIT = 20_000;

/** A top-level `LIMIT n` ends the statement: a subquery's would be followed by `)`. Text with
 *  comments is never trusted (`-- LIMIT 5` would look the same). */
const TRAILING_LIMIT = /\bLIMIT\s+(\d+)\s*;?\s*$/i;

export function boundedRowCount(sql: string): number | null {
  if (sql.includes('--') || sql.includes('/*')) return null;
  const match = TRAILING_LIMIT.exec(sql);
  return match ? Number(match[1]) : null;
}

/**
 * Runs one SELECT on a sandboxed DuckDB connection. DuckDB's own parser must see exactly one
 * statement of type SELECT (so `COPY … TO` cannot overwrite a source file even if it slipped past
 * the guard), and it runs in a READ ONLY transaction. Cancel/timeout interrupt the connection.
 * Small bounded results are materialised, the rest streamed; callers see the same pages.
 */
export async function* streamDuckdbSelect(
  connection: DuckDBConnection, sql: string, options: QueryOptions, deadline: QueryDeadline,
  /** Binding reads files (views over CSV…): check the statement by parsing only, bind once. */
  { costlyBind = false }: { costlyBind?: boolean } = {},
): AsyncGenerator<ResultPage> {
  const stopInterrupt = deadline.onStop(() => connection.interrupt());
  let inTransaction = false;
  const begin = async () => {
    if (inTransaction) return;
    inTransaction = true;
    await connection.run('BEGIN TRANSACTION READ ONLY');
  };
  try {
    const bound = boundedRowCount(sql);
    const materialise = bound !== null && bound <= MATERIALISED_ROW_LIMIT;
    let result: DuckDBResult;
    if (materialise && costlyBind) {
      inTransaction = true; // BEGIN goes with the check, which may fail after it ran
      // `run` would run every statement of the text: DuckDB's parser has just seen exactly one.
      result = await beginIfOneSelect(connection, sql) ? await connection.run(sql) : await runPrepared(connection, sql, true, begin);
    } else {
      result = await runPrepared(connection, sql, materialise, begin);
    }
    const columns: ResultColumn[] = result.columnNames().map((name, index) => ({ name, kind: duckdbKind(result.columnTypes()[index]) }));
    const nextChunk = materialise ? materialisedChunks(result as DuckDBMaterializedResult) : () => result.fetchChunk();
    yield* pagesFrom({
      columns: () => columns,
      next: async () => {
        while (true) {
          const chunk = await nextChunk();
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

/**
 * Opens the read-only transaction and checks the statement without binding it, in one round
 * trip: a prepared statement over a file view binds `read_csv` (which samples the file) when
 * prepared and again when it runs, about 25 ms per query on a 110 MB CSV. DuckDB's parser
 * serialises SELECT statements only; anything else takes the prepared path, which refuses it or
 * reports the syntax error.
 */
async function beginIfOneSelect(connection: DuckDBConnection, sql: string): Promise<boolean> {
  const reader = await connection.runAndReadAll(`BEGIN TRANSACTION READ ONLY; SELECT json_serialize_sql(${literal(sql)})`);
  const parsed = JSON.parse(String(reader.getRows()[0]?.[0] ?? '{}')) as { error?: boolean; statements?: unknown[] };
  return parsed.error === false && parsed.statements?.length === 1;
}

/** Prepared first so DuckDB reports the statement count and type before anything runs. */
async function runPrepared(connection: DuckDBConnection, sql: string, materialise: boolean, begin: () => Promise<void>): Promise<DuckDBResult> {
  const prepared = await connection.prepare(sql).catch((error: unknown) => {
    throw /multiple statements/i.test((error as Error)?.message ?? '') ? READ_ONLY_REFUSAL : error;
  });
  if (prepared.statementType !== duckdbApi().StatementType.SELECT) throw READ_ONLY_REFUSAL;
  await begin();
  return materialise ? prepared.run() : prepared.stream();
}

/** A materialised result's chunks, read in place (no round trip to DuckDB's threads per chunk). */
function materialisedChunks(result: DuckDBMaterializedResult): () => Promise<DuckDBDataChunk | null> {
  const count = result.chunkCount;
  let index = 0;
  return async () => (index < count ? result.getChunk(index++) : null);
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
