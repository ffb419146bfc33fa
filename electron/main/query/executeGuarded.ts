import type { QueryEvent, QueryResult } from '../../../shared/api/domains/query';
import type { RequestContext } from '../../../shared/types/auth';
import type { Dialect } from '../../../shared/types/schema';
import { executeQuery, type LineageSink } from '../connectors/execute';
import type { CellValue, Connector, ResultColumn } from '../connectors/types';
import { maskErrorForRole, maskResult, type ColumnMaskSetting } from '../security/masking';
import { guardSqlAsync, sqlHash, type ColumnMasking, type RowPolicy } from '../sql/guard';

/** Rows kept for the final response; the rest are streamed as pages only. */
const RESULT_ROW_CAP = 5_000;

export interface GuardedRun {
  connector: Connector;
  dialect: Dialect;
  sql: string;
  ctx: RequestContext;
  maxRows: number;
  /** Tables the caller may read (lower-case); null: any table the source has. */
  allowedTables: ReadonlySet<string> | null;
  /** Protected columns masked at the source for this caller (null: they may see personal data). */
  masking?: ColumnMasking | null;
  /** Lower-case result column name → masking style for the result-level second layer. */
  columnStyles?: ReadonlyMap<string, ColumnMaskSetting>;
  /** Row-level restrictions for this caller, applied by the same rewriting of table references. */
  rowPolicies?: RowPolicy[];
  signal?: AbortSignal;
  onEvent?: (event: QueryEvent) => void;
  sourceLabel?: string;
  /** Where lineage goes (who, what was read, rows, duration, outcome); none for ad-hoc CLI runs. */
  lineage?: { sourceId: string; sink: LineageSink };
}

const NO_LINEAGE: LineageSink = { record: () => undefined };

export interface GuardedResult extends QueryResult {
  tables: string[];
  columnsRead: string[];
  /** Protected columns the statement filtered, joined or computed on while masked for the caller. */
  protectedUses: string[];
}

/** The one execution path (app, chat, dashboards, CLI): guard (row policies and masking at the
 *  source by rewriting) → read-only execution in pages → result-level masking as a second layer.
 *  Holds at most RESULT_ROW_CAP rows in memory. */
export async function executeGuarded(run: GuardedRun): Promise<GuardedResult> {
  try {
    return await executeOnce(run);
  } catch (error) {
    throw maskErrorForRole(run.ctx, withoutMaskingKey(error, run.masking), run.sql);
  }
}

async function executeOnce(run: GuardedRun): Promise<GuardedResult> {
  const started = Date.now();
  const emit = run.onEvent ?? (() => undefined);
  emit({ type: 'stage', stage: 'checking', label: 'Checking the query is read-only…' });
  const guarded = await guardSqlAsync(run.sql, { dialect: run.dialect, rowLimit: run.maxRows + 1, allowedTables: run.allowedTables, rowPolicies: run.rowPolicies, masking: run.masking });
  emit({ type: 'stage', stage: 'running', label: `Running on ${run.sourceLabel ?? 'the data source'}…` });
  const shownSqlHash = sqlHash(guarded.shownSql);
  let columns: Array<ResultColumn & { masked?: boolean }> = [];
  const rows: CellValue[][] = [];
  let rowCount = 0;
  let truncated = false;
  const pages = executeQuery({
    connector: run.connector, sql: guarded.sql, shownSqlHash, ctx: run.ctx, reads: { tables: guarded.tables, columns: guarded.columns },
    sourceId: run.lineage?.sourceId ?? 'ad-hoc', lineage: run.lineage?.sink ?? NO_LINEAGE,
    options: { maxRows: run.maxRows + 1, signal: run.signal },
  });
  for await (const page of pages) {
    let pageRows = page.rows;
    if (rowCount + pageRows.length > run.maxRows) {
      pageRows = pageRows.slice(0, Math.max(0, run.maxRows - rowCount));
      truncated = true;
    }
    const masked = maskResult(run.ctx, { columns: page.columns, rows: pageRows, columnStyles: run.columnStyles, hashKey: run.masking?.key });
    columns = columns.length ? masked.columns.map((c, i) => (columns[i]?.masked ? { ...c, masked: true } : c)) : masked.columns;
    if (rows.length < RESULT_ROW_CAP) rows.push(...masked.rows.slice(0, RESULT_ROW_CAP - rows.length));
    emit({ type: 'page', columns, rows: masked.rows, offset: rowCount });
    rowCount += pageRows.length;
    emit({ type: 'progress', rows: rowCount, elapsedMs: Date.now() - started });
    if (truncated) break;
  }
  return {
    columns, rows, rowCount, truncated: truncated || rowCount > rows.length, durationMs: Date.now() - started,
    sql: guarded.shownSql, sqlHash: shownSqlHash, tables: guarded.tables, columnsRead: guarded.columns, protectedUses: guarded.protectedUses ?? [],
  };
}

/** Database errors may quote the statement that ran (DuckDB prints it): the key never leaves. */
function withoutMaskingKey(error: unknown, masking: ColumnMasking | null | undefined): unknown {
  if (!masking || !(error instanceof Error)) return error;
  const scrub = (text: string) => text.split(masking.key.outer).join('<masking key>').split(masking.key.inner).join('<masking key>');
  error.message = scrub(error.message);
  if (error.stack) error.stack = scrub(error.stack);
  const withHint = error as Error & { hint?: unknown };
  if (typeof withHint.hint === 'string') withHint.hint = scrub(withHint.hint);
  return error;
}
