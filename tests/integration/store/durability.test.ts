/** The embedded SQLite store's durability settings: WAL, and every commit synced (FULL), inside
 *  transactions too, so a committed audit event or message survives a power cut. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sequelize } from 'sequelize';
import { openSequelize, prepareConnection } from '../../../electron/main/store/connection';

describe('SQLite store durability', () => {
  let dataDir: string;
  let sequelize: Sequelize;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-durability-'));
    ({ sequelize } = openSequelize({ dataDir }));
    await prepareConnection(sequelize, 'sqlite');
  });
  afterAll(async () => {
    await sequelize?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs in WAL mode with synchronous=FULL, inside transactions too', async () => {
    const pragma = async (name: string, transaction?: unknown) => {
      const [rows] = await sequelize.query(`PRAGMA ${name}`, transaction ? { transaction: transaction as never } : {});
      return (rows as Array<Record<string, unknown>>)[0][name];
    };
    expect(await pragma('journal_mode')).toBe('wal');
    // 2 = FULL (1 would be NORMAL, which may lose the last commits before a power cut).
    expect(await pragma('synchronous')).toBe(2);
    expect(await sequelize.transaction(async (transaction) => pragma('synchronous', transaction))).toBe(2);
  });
});
