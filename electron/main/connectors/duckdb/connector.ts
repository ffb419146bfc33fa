import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { SchemaInfo } from '../../../../shared/types/schema';
import { quoteIdentifier } from '../dialects';
import { QueryDeadline } from '../execution-control';
import type { Connector, QueryOptions, ResultPage } from '../types';
import { FILE_FORMATS, discoverDataFiles, sanitiseTableName, type DataFile } from './files';
import { introspectDuckdb } from './introspect';
import { loadRecordsTable } from './records';
import { openSandboxedDuckdb } from './sandbox';
import { asDuckdbError, streamDuckdbSelect } from './stream';
import { readWorkbook } from './xlsx';

/** Files larger than this get no exact row count during introspection (it would scan them). */
const MAX_COUNTED_FILE_BYTES = 100 * 1024 * 1024;

/**
 * A data file or a folder of them, queried in place by a sandboxed in-memory DuckDB: CSV, TSV,
 * Parquet and JSON/NDJSON become views over the files; xlsx sheets are read into memory.
 */
export class FilesConnector implements Connector {
  readonly type = 'files' as const;
  readonly dialect = 'duckdb' as const;
  private database: Promise<{ instance: DuckDBInstance; files: DataFile[]; signature: string }> | null = null;

  constructor(private readonly config: { path: string }) {}

  async test(): Promise<void> {
    await this.open();
  }

  async introspect(options: { signal?: AbortSignal; distinctValueCap?: number } = {}): Promise<SchemaInfo> {
    // A folder may have gained or lost files since it was opened: reopen when the set changed.
    const current = await this.open();
    if (filesSignature(discoverDataFiles(this.config.path)) !== current.signature) await this.close();
    const { instance, files } = await this.open();
    const countableTables = new Set(files.filter((file) => file.sizeBytes <= MAX_COUNTED_FILE_BYTES || file.format === 'xlsx').map((file) => file.table));
    const connection = await instance.connect();
    try {
      return await introspectDuckdb(connection, { ...options, countableTables });
    } catch (error) {
      throw asDuckdbError(error);
    } finally {
      connection.closeSync();
    }
  }

  async *query(sql: string, options: QueryOptions = {}): AsyncGenerator<ResultPage> {
    const deadline = new QueryDeadline(options);
    let connection: DuckDBConnection | null = null;
    try {
      const { instance } = await this.open();
      connection = await instance.connect();
      yield* streamDuckdbSelect(connection, sql, options, deadline);
    } finally {
      connection?.closeSync();
      deadline.dispose();
    }
  }

  async close(): Promise<void> {
    const database = this.database;
    this.database = null;
    const opened = await database?.catch(() => null);
    opened?.instance.closeSync();
  }

  private open() {
    this.database ??= openFilesDatabase(this.config.path).catch((error) => {
      this.database = null;
      throw asDuckdbError(error);
    });
    return this.database;
  }
}

function filesSignature(files: DataFile[]): string {
  return files.map((file) => `${file.path}:${file.table}`).join('\n');
}

async function openFilesDatabase(sourcePath: string) {
  const files = discoverDataFiles(sourcePath);
  const viewFiles = files.filter((file) => file.format !== 'xlsx');
  const instance = await openSandboxedDuckdb(viewFiles.map((file) => file.path), async (connection) => {
    const used = new Set(files.map((file) => file.table));
    for (const file of files) {
      const reader = FILE_FORMATS[file.format].reader;
      if (reader) {
        await connection.run(`CREATE VIEW ${quoteIdentifier('duckdb', file.table)} AS SELECT * FROM ${reader(file.path)}`);
        continue;
      }
      for (const table of await readWorkbook(file.path, (sheet, count) => sheetTableName(file, sheet, count, used))) {
        await loadRecordsTable(connection, table);
      }
    }
  });
  return { instance, files, signature: filesSignature(files) };
}

/** A workbook with one sheet is one table named after the file; more sheets get `file_sheet`. */
function sheetTableName(file: DataFile, sheet: string, sheetCount: number, used: Set<string>): string {
  if (sheetCount === 1) return file.table;
  const base = sanitiseTableName(`${path.basename(file.path, path.extname(file.path))}_${sheet}`);
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
  used.add(name);
  return name;
}
