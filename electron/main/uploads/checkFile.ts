/** What an uploaded data file must look like before it becomes a source: a known type whose bytes
 *  match its name, and for delimited text, UTF-8 with one separator and the same number of values
 *  on every row. Each problem is one clear message saying what to do. */

export const UPLOAD_TYPES = {
  csv: { label: 'CSV', separator: ',' },
  tsv: { label: 'TSV', separator: '\t' },
  parquet: { label: 'Parquet' },
  json: { label: 'JSON' },
  ndjson: { label: 'JSON lines' },
  jsonl: { label: 'JSON lines' },
  xlsx: { label: 'Excel' },
} as const;
export type UploadType = keyof typeof UPLOAD_TYPES;

export class UploadRejectedError extends Error {
  override name = 'ValidationError';
  constructor(message: string, readonly hint: string) {
    super(message);
  }
}

const SEPARATOR_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'vertical bars' };
const SAMPLE_ROWS = 200;

export function uploadTypeOf(fileName: string): UploadType {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext in UPLOAD_TYPES) return ext as UploadType;
  throw new UploadRejectedError(`“${fileName}” is not a data file Aiser can read.`, 'Upload a .csv, .tsv, .parquet, .json, .jsonl or .xlsx file.');
}

/** Throws UploadRejectedError with the first problem found. */
export function checkDataFile(fileName: string, bytes: Buffer): UploadType {
  const type = uploadTypeOf(fileName);
  if (!bytes.length) throw new UploadRejectedError(`“${fileName}” is empty.`, 'Choose the file again; it may not have been saved.');
  if (type === 'parquet' && bytes.subarray(0, 4).toString('latin1') !== 'PAR1') throw mismatch(fileName, 'Parquet');
  if (type === 'xlsx' && bytes.subarray(0, 2).toString('latin1') !== 'PK') throw mismatch(fileName, 'Excel (.xlsx)');
  if (type === 'csv' || type === 'tsv' || type === 'json' || type === 'ndjson' || type === 'jsonl') {
    const text = utf8(fileName, bytes);
    if (type === 'csv' || type === 'tsv') checkDelimited(fileName, text, UPLOAD_TYPES[type].separator);
    else if (!/^\s*[[{]/.test(text)) throw mismatch(fileName, 'JSON');
  }
  return type;
}

function mismatch(fileName: string, what: string): UploadRejectedError {
  return new UploadRejectedError(`“${fileName}” does not contain ${what} data, although its name says so.`, 'Export the file again from the program that made it, or rename it to its real type.');
}

function utf8(fileName: string, bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UploadRejectedError(`“${fileName}” is saved as UTF-16 text.`, 'Save it as “CSV UTF-8” (Excel: File → Save As → CSV UTF-8) and upload it again.');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new UploadRejectedError(`“${fileName}” is not UTF-8 text (it looks like a legacy encoding such as Windows-1252).`, 'Save it as “CSV UTF-8” (Excel: File → Save As → CSV UTF-8) and upload it again.');
  }
}

/** Splits one record, honouring double quotes (a separator inside quotes is part of the value). */
function countValues(line: string, separator: string): number {
  let count = 1;
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) count += 1;
  }
  return count;
}

/** Records (not lines): a quoted value may span lines. */
function records(text: string, limit: number): string[] {
  const out: string[] = [];
  let current = '';
  let quotes = 0;
  for (const line of text.split(/\r?\n/)) {
    current = current ? `${current}\n${line}` : line;
    quotes += (line.match(/"/g) ?? []).length;
    if (quotes % 2 === 0) {
      if (current.trim()) out.push(current);
      current = '';
      quotes = 0;
      if (out.length >= limit) break;
    }
  }
  if (current.trim() && out.length < limit) out.push(current);
  return out;
}

function checkDelimited(fileName: string, text: string, separator: string): void {
  const rows = records(text, SAMPLE_ROWS);
  if (!rows.length) throw new UploadRejectedError(`“${fileName}” has no rows.`, 'Upload a file with a header row and at least one row of data.');
  const header = countValues(rows[0], separator);
  if (header === 1) {
    const other = Object.keys(SEPARATOR_NAMES).filter((s) => s !== separator).find((s) => rows.slice(0, 20).every((r) => countValues(r, s) > 1));
    if (other) {
      throw new UploadRejectedError(
        `“${fileName}” separates values with ${SEPARATOR_NAMES[other]}, not ${SEPARATOR_NAMES[separator]}, so it would be read as one column.`,
        other === '\t' ? 'Rename it to .tsv, or save it again as a comma-separated CSV.' : 'Save it again as a comma-separated CSV (Excel: File → Save As → CSV UTF-8).',
      );
    }
  }
  for (let i = 1; i < rows.length; i += 1) {
    const n = countValues(rows[i], separator);
    if (n !== header) {
      throw new UploadRejectedError(
        `Row ${i + 1} of “${fileName}” has ${n} values but the header has ${header}.`,
        'Check that row for a missing or extra separator, or a value with a separator that is not in double quotes.',
      );
    }
  }
}
