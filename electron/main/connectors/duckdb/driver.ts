import type * as DuckDBApi from '@duckdb/node-api';
import { lazyRequire } from '../../startup/lazyRequire';

/** The DuckDB engine, loaded when a file source is first opened rather than at start-up. */
export const duckdbApi = lazyRequire<typeof DuckDBApi>('@duckdb/node-api');
