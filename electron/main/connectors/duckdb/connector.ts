import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { SchemaInfo } from '../../../../shared/types/schema';
import { quoteIdentifier } from '../dialects';
import { QueryDeadline } from '../execution-control';
import type { Connector, QueryOptions, ResultPage } from '../types';
import { fileVersions } from '../fileVersion';
import { FILE_FORMATS, discoverDataFiles, sanitiseTableName, type DataFile } from './files';
import { introspectDuckdb } from './introspect';
import { loadRecordsTable } from './records';
import { openSandboxedDuckdb } from './sandbox';
import { asDuckdbError, streamDuckdbSelect } from './stream';
import { readWorkbook } from './xlsx';

/** Files larger than this get no exact row count during introspection (it would scan them). */
const MAX_COUNTED_FILE_BYTES = 100 * 1024 * 1024;
/** Sources whose files total at most this are loaded into memory once (AISER_FILES_LOAD_MB). */
const DEFAULT_LOAD_LIMIT_BYTES = 64 * 1024 * 1024;

interface OpenedFiles {
  instance: DuckDBInstance;
  files: DataFile[];
  signature: string;
  /** Size and modification time of the files when they were read. */
  version: string | null;
  /** Some tables are views reading files in place (so binding a query reads them too). */
  readsInPlace: boolean;
  users: number;
  retired: boolean;
}

function loadLimitFromEnvironment(): number {
  const configured = process.env.AISER_FILES_LOAD_MB?.trim();
  const megabytes = configured ? Number(configured) : Number.NaN;
  return Number.isFinite(megabytes) && megabytes >= 0 ? megabytes * 1024 * 1024 : DEFAULT_LOAD_LIMIT_BYTES;
}

/**
 * A data file or a folder of them, queried by a sandboxed in-memory DuckDB. Small sources (all
 * files together up to the load limit) are read into in-memory tables once and read again when a
 * file changes (size or modification time), so a query does not parse the files again; larger
 * CSV, TSV, Parquet and JSON/NDJSON files stay views read in place by every query. xlsx sheets
 * are always read into memory. Nothing is written to disk.
 */
export class FilesConnector implements Connector {
  readonly type = 'files' as const;
  readonly dialect = 'duckdb' as const;
  private database: Promise<OpenedFiles> | null = null;
  /** What `database` resolved to. */
  private latest: OpenedFiles | null = null;
  private readonly loadLimitBytes: number;

  constructor(private readonly config: { path: string }, options: { loadLimitBytes?: number } = {}) {
    this.loadLimitBytes = options.loadLimitBytes ?? loadLimitFromEnvironment();
  }

  async test(): Promise<void> {
    await this.open();
  }

  async introspect(options: { signal?: AbortSignal; distinctValueCap?: number } = {}): Promise<SchemaInfo> {
    // A folder may have gained or lost files since it was opened: reopen when the set changed.
    const current = await this.open();
    if (filesSignature(discoverDataFiles(this.config.path)) !== current.signature) this.retire(current);
    const opened = await this.acquire();
    const countableTables = new Set(opened.files.filter((file) => file.sizeBytes <= MAX_COUNTED_FILE_BYTES || file.format === 'xlsx').map((file) => file.table));
    const connection = await opened.instance.connect().catch((error) => { this.release(opened); throw error; });
    try {
      return await introspectDuckdb(connection, { ...options, countableTables });
    } catch (error) {
      throw asDuckdbError(error);
    } finally {
      connection.closeSync();
      this.release(opened);
    }
  }

  async *query(sql: string, options: QueryOptions = {}): AsyncGenerator<ResultPage> {
    const deadline = new QueryDeadline(options);
    let connection: DuckDBConnection | null = null;
    let opened: OpenedFiles | null = null;
    try {
      opened = await this.acquire();
      connection = await opened.instance.connect();
      yield* streamDuckdbSelect(connection, sql, options, deadline, { costlyBind: opened.readsInPlace });
    } finally {
      connection?.closeSync();
      if (opened) this.release(opened);
      deadline.dispose();
    }
  }

  /** The files this source reads, with their sizes and modification times. */
  async dataVersion(): Promise<string | null> {
    try {
      return await fileVersions(discoverDataFiles(this.config.path).map((file) => file.path));
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    const database = this.database;
    this.database = null;
    const opened = await database?.catch(() => null);
    if (opened) {
      if (this.latest === opened) this.latest = null;
      opened.retired = true;
      if (opened.users === 0) opened.instance.closeSync();
    }
  }

  private open(): Promise<OpenedFiles> {
    if (!this.database) {
      const opening: Promise<OpenedFiles> = openFilesDatabase(this.config.path, this.loadLimitBytes).then((opened) => {
        this.latest = opened;
        return opened;
      }, (error) => {
        if (this.database === opening) this.database = null;
        throw asDuckdbError(error);
      });
      this.database = opening;
    }
    return this.database;
  }

  /** The open database for one more user (release it after), read again first when a file changed. */
  private async acquire(): Promise<OpenedFiles> {
    // A file being written right now keeps changing: after a few reads, query what was read.
    for (let attempt = 1; ; attempt++) {
      const opened = await this.open();
      const unchanged = opened.version !== null && await fileVersions(opened.files.map((file) => file.path)) === opened.version;
      if ((unchanged || attempt >= 3) && !opened.retired) {
        opened.users++;
        return opened;
      }
      this.retire(opened);
    }
  }

  /** No new queries go to `opened`; it closes once the queries still reading it end. */
  private retire(opened: OpenedFiles): void {
    if (opened.retired) return;
    opened.retired = true;
    if (this.latest === opened) {
      this.latest = null;
      this.database = null;
    }
    if (opened.users === 0) opened.instance.closeSync();
  }

  private release(opened: OpenedFiles): void {
    opened.users--;
    if (opened.retired && opened.users === 0) opened.instance.closeSync();
  }
}

function filesSignature(files: DataFile[]): string {
  return files.map((file) => `${file.path}:${file.table}`).join('\n');
}

async function openFilesDatabase(sourcePath: string, loadLimitBytes: number): Promise<OpenedFiles> {
  const files = discoverDataFiles(sourcePath);
  // Taken before reading, so a change while the files are read shows at the next query.
  const version = await fileVersions(files.map((file) => file.path));
  const viewFiles = files.filter((file) => file.format !== 'xlsx');
  const load = viewFiles.reduce((sum, file) => sum + file.sizeBytes, 0) <= loadLimitBytes;
  const instance = await openSandboxedDuckdb(viewFiles.map((file) => file.path), async (connection) => {
    const used = new Set(files.map((file) => file.table));
    for (const file of files) {
      const reader = FILE_FORMATS[file.format].reader;
      if (reader) {
        await connection.run(`CREATE ${load ? 'TABLE' : 'VIEW'} ${quoteIdentifier('duckdb', file.table)} AS SELECT * FROM ${reader(file.path)}`);
        continue;
      }
      for (const table of await readWorkbook(file.path, (sheet, count) => sheetTableName(file, sheet, count, used))) {
        await loadRecordsTable(connection, table);
      }
    }
  });
  return { instance, files, signature: filesSignature(files), version, readsInPlace: !load && viewFiles.length > 0, users: 0, retired: false };
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
