import type pg from 'pg';
import { lazyRequire } from '../../startup/lazyRequire';

/** The driver, loaded when a PostgreSQL source (or the platform importer) is first used, not at start-up. */
export const pgDriver = lazyRequire<typeof pg>('pg');
