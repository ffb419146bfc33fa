import fs from 'node:fs';
import path from 'node:path';
import { ConnectorError } from '../types';

/** How each supported file extension is read in place by DuckDB (`xlsx` is loaded via exceljs). */
export const FILE_FORMATS = {
  csv: { reader: (file: string) => `read_csv(${literal(file)}, header = true)` },
  tsv: { reader: (file: string) => `read_csv(${literal(file)}, header = true, delim = '\t')` },
  parquet: { reader: (file: string) => `read_parquet(${literal(file)})` },
  json: { reader: (file: string) => `read_json(${literal(file)}, format = 'auto')` },
  ndjson: { reader: (file: string) => `read_json(${literal(file)}, format = 'newline_delimited')` },
  jsonl: { reader: (file: string) => `read_json(${literal(file)}, format = 'newline_delimited')` },
  xlsx: { reader: null },
} as const;
export type FileFormat = keyof typeof FILE_FORMATS;
const SUPPORTED = Object.keys(FILE_FORMATS).map((ext) => `.${ext}`).join(', ');

export interface DataFile {
  path: string;
  format: FileFormat;
  /** Sanitised table name (file name without extension). */
  table: string;
  sizeBytes: number;
}

export function literal(text: string): string {
  return `'${text.split("'").join("''")}'`;
}

/** `Sales 2024 (Q1).csv` → `sales_2024_q1`; names starting with a digit get a `t_` prefix. */
export function sanitiseTableName(raw: string): string {
  const cleaned = raw.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'data';
  return /^[0-9]/.test(cleaned) ? `t_${cleaned}` : cleaned;
}

function formatOf(file: string): FileFormat | null {
  const ext = path.extname(file).slice(1).toLowerCase();
  return Object.hasOwn(FILE_FORMATS, ext) ? (ext as FileFormat) : null;
}

/** One file, or the supported files directly inside a folder, each with a unique table name. */
export function discoverDataFiles(sourcePath: string): DataFile[] {
  const resolved = path.resolve(sourcePath);
  const stat = fs.statSync(resolved, { throwIfNoEntry: false });
  if (!stat) throw new ConnectorError('FILE_NOT_FOUND', `File or folder not found: ${resolved}`, 'Check the path, or choose the file or folder again.');
  const candidates = stat.isDirectory()
    ? fs.readdirSync(resolved).filter((name) => !name.startsWith('.')).sort().map((name) => path.join(resolved, name))
    : [resolved];
  const used = new Set<string>();
  const files: DataFile[] = [];
  for (const file of candidates) {
    const format = formatOf(file);
    const fileStat = fs.statSync(file);
    if (!format || !fileStat.isFile()) continue;
    const base = sanitiseTableName(path.basename(file, path.extname(file)));
    let table = base;
    for (let n = 2; used.has(table); n++) table = `${base}_${n}`;
    used.add(table);
    files.push({ path: file, format, table, sizeBytes: fileStat.size });
  }
  if (files.length === 0) {
    throw new ConnectorError('FILE_NOT_FOUND', `No supported data files in ${resolved}.`, `Supported file types: ${SUPPORTED}.`);
  }
  return files;
}
