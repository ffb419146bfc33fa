import { QueryTypes } from 'sequelize';
import { openSequelize, prepareConnection } from '../../electron/main/store/connection';
import { tablesInDependencyOrder } from '../../electron/main/store/backup/tables';

export type TableDump = Record<string, Array<Record<string, unknown>>>;

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? ?[+-]\d\d:\d\d$/.test(value)) return new Date(value.replace(' ', 'T').replace(' ', '')).toISOString();
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** Every row of every store table (dates as ISO strings, JSON parsed), ordered by id, through
 *  Sequelize on either backend: what a backup and a restore must agree on. */
export async function dumpStoreTables(options: { dataDir: string; databaseUrl?: string }): Promise<TableDump> {
  const { sequelize, dialect } = openSequelize(options);
  await prepareConnection(sequelize, dialect);
  try {
    const out: TableDump = {};
    for (const table of await tablesInDependencyOrder(sequelize)) {
      const described = await sequelize.getQueryInterface().describeTable(table);
      const order = described.id ? ' ORDER BY id' : '';
      const rows = await sequelize.query<Record<string, unknown>>(`SELECT * FROM ${sequelize.getQueryInterface().quoteIdentifier(table)}${order}`, { type: QueryTypes.SELECT });
      out[table] = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, normalise(v)])));
    }
    return out;
  } finally {
    await sequelize.close();
  }
}
