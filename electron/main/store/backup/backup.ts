import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { QueryTypes, Transaction, type Sequelize } from 'sequelize';
import type { StoreDialect } from '../connection';
import { MIGRATIONS_TABLE, quoteIdent, tablesInDependencyOrder } from './tables';
import { BACKUP_FORMAT, BACKUP_VERSION, keyFingerprint, type BackupHeader } from './format';

export interface BackupOptions {
  out: string;
  appVersion: string;
  /** The secret key of the data folder, when there is one (its fingerprint is always recorded). */
  secretKey: Buffer | null;
  includeSecretKey: boolean;
}

const PAGE = 1_000;

function portable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value)) return { $base64: value.toString('base64') };
  return value;
}

/** Writes a consistent copy of the store while it keeps running: every table is read inside one
 *  read-only snapshot (a REPEATABLE READ transaction on PostgreSQL, one read transaction on
 *  SQLite's WAL), so rows written meanwhile are either all in or all out. */
export async function backupStore(sequelize: Sequelize, dialect: StoreDialect, options: BackupOptions): Promise<BackupHeader> {
  const tmp = `${options.out}.partial`;
  fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  const header = await sequelize.transaction(
    dialect === 'postgres' ? { isolationLevel: Transaction.ISOLATION_LEVELS.REPEATABLE_READ } : { type: Transaction.TYPES.DEFERRED },
    async (transaction) => {
      if (dialect === 'postgres') await sequelize.query('SET TRANSACTION READ ONLY', { transaction });
      const tables = await tablesInDependencyOrder(sequelize);
      const migrations = (await sequelize.query<{ name: string }>(`SELECT name FROM ${quoteIdent(sequelize, MIGRATIONS_TABLE)} ORDER BY name`, { type: QueryTypes.SELECT, transaction })).map((m) => m.name);
      const counts: Record<string, number> = {};
      const made: BackupHeader = {
        format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), appVersion: options.appVersion, dialect, migrations, tables: counts,
        secretKeyFingerprint: options.secretKey ? keyFingerprint(options.secretKey) : null,
        ...(options.includeSecretKey && options.secretKey ? { secretKey: options.secretKey.toString('base64') } : {}),
      };
      async function* lines(): AsyncGenerator<string> {
        for (const table of tables) {
          counts[table] = 0;
          const orderBy = (await sequelize.getQueryInterface().describeTable(table)).id ? ' ORDER BY id' : '';
          for (let offset = 0; ; offset += PAGE) {
            const rows = await sequelize.query<Record<string, unknown>>(`SELECT * FROM ${quoteIdent(sequelize, table)}${orderBy} LIMIT ${PAGE} OFFSET ${offset}`, { type: QueryTypes.SELECT, transaction });
            for (const row of rows) {
              counts[table] += 1;
              yield `${JSON.stringify({ t: table, r: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, portable(v)])) })}\n`;
            }
            if (rows.length < PAGE) break;
          }
        }
      }
      // Rows first into the partial file, the header (with counts) is written last as its own gzip member.
      const body = `${tmp}.rows`;
      await pipeline(Readable.from(lines()), createGzip(), fs.createWriteStream(body, { mode: 0o600 }));
      await pipeline(Readable.from([`${JSON.stringify(made)}\n`]), createGzip(), fs.createWriteStream(tmp, { mode: 0o600 }));
      await pipeline(fs.createReadStream(body), fs.createWriteStream(tmp, { flags: 'a' }));
      fs.rmSync(body);
      return made;
    },
  );
  fs.renameSync(tmp, options.out);
  return header;
}
