import type { OutboundPolicy } from '../../security/outboundAddresses';
import { ConnectorError } from '../types';
import { ResponseTooLargeError, guardedGet, type GuardedResponse } from './guardedHttp';
import { uniqueColumnNames, type RecordValue, type RecordsTable } from '../duckdb/records';

export interface RestSourceConfig {
  url: string;
  headers?: Record<string, string>;
  recordsPath?: string;
  pageParam?: string;
  pageSize?: number;
  maxPages?: number;
  tableName?: string;
}

export const DEFAULT_REST_TABLE = 'records';
const DEFAULT_MAX_PAGES = 10;

/** The URL without query string or credentials: safe to show in messages (tokens often hide there). */
function displayUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

function recordsAt(body: unknown, recordsPath: string | undefined, url: string): unknown[] {
  let node = body;
  for (const key of (recordsPath ?? '').split('.').filter(Boolean)) {
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (Array.isArray(node)) return node;
  throw new ConnectorError(
    'INVALID_CONFIG',
    `The response of ${displayUrl(url)} has no list of records at "${recordsPath ?? '(top level)'}".`,
    'Set the JSON path to the array of records, e.g. "data.items".',
  );
}

async function fetchPage(config: RestSourceConfig, page: number | null, signal: AbortSignal, policy: OutboundPolicy): Promise<unknown[]> {
  const url = new URL(config.url);
  if (config.pageParam && page !== null) url.searchParams.set(config.pageParam, String(page));
  let response: GuardedResponse;
  try {
    response = await guardedGet(url, { headers: { accept: 'application/json', ...config.headers }, signal, policy });
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof ResponseTooLargeError) throw new ConnectorError('QUERY_FAILED', `${displayUrl(config.url)} answered with more data than a source page may hold (${error.message}).`, 'Use paging (page parameter and page size) so each answer is smaller.');
    // Refused addresses and closed ports read the same, so this cannot be used to scan a network.
    throw new ConnectorError('HOST_UNREACHABLE', `Cannot reach ${displayUrl(config.url)}.`, 'Check the URL and that the service is running. Internal addresses (loopback, private networks, link-local) are reachable only when an administrator lists them in AISER_OUTBOUND_ALLOW.');
  }
  if (response.status === 401 || response.status === 403) {
    throw new ConnectorError('AUTH_FAILED', `${displayUrl(config.url)} refused access (HTTP ${response.status}).`, 'Check the token or headers of this source.');
  }
  if (response.status < 200 || response.status > 299) {
    throw new ConnectorError('QUERY_FAILED', `${displayUrl(config.url)} answered HTTP ${response.status}.`, 'Check the URL and the page parameter.');
  }
  let body: unknown;
  try {
    body = JSON.parse(response.body.toString('utf8'));
  } catch {
    throw new ConnectorError('QUERY_FAILED', `${displayUrl(config.url)} did not return JSON.`, 'Point the source at an endpoint that returns JSON.');
  }
  return recordsAt(body, config.recordsPath, config.url);
}

function primitive(value: unknown): RecordValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** Records as one table: top-level keys become columns (first-seen order); nested values JSON text. */
export function recordsToTable(records: unknown[], tableName: string): RecordsTable {
  const keys: string[] = [];
  const seen = new Set<string>();
  const objects = records.map((record) => (record !== null && typeof record === 'object' && !Array.isArray(record) ? (record as Record<string, unknown>) : { value: record }));
  for (const object of objects) {
    for (const key of Object.keys(object)) {
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push(key);
    }
  }
  // An empty answer still yields a queryable (empty) table.
  if (keys.length === 0) keys.push('value');
  return { name: tableName, columns: uniqueColumnNames(keys), rows: objects.map((object) => keys.map((key) => primitive(object[key]))) };
}

/**
 * Fetches the source's records into memory: one request, or with `pageParam` pages 1..maxPages
 * until a page comes back empty (or shorter than `pageSize`).
 */
export async function fetchRecords(config: RestSourceConfig, signal: AbortSignal, policy: OutboundPolicy, pageLimit?: number): Promise<RecordsTable> {
  const tableName = config.tableName ?? DEFAULT_REST_TABLE;
  if (!config.pageParam) return recordsToTable(await fetchPage(config, null, signal, policy), tableName);
  const maxPages = Math.min(pageLimit ?? Infinity, config.maxPages ?? DEFAULT_MAX_PAGES);
  const records: unknown[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const batch = await fetchPage(config, page, signal, policy);
    records.push(...batch);
    if (batch.length === 0 || (config.pageSize !== undefined && batch.length < config.pageSize)) break;
  }
  return recordsToTable(records, tableName);
}
