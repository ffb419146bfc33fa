import { describe, expect, it } from 'vitest';
import { StoreConfigError } from './errors';
import { openSequelize } from './connection';

describe('store connection options', () => {
  it('refuses database URLs other than PostgreSQL and hides their password in the message', () => {
    expect(() => openSequelize({ databaseUrl: 'mysql://root:hunter2@db/aiser', dataDir: '/tmp' })).toThrow(StoreConfigError);
    try {
      openSequelize({ databaseUrl: 'mysql://root:hunter2@db/aiser', dataDir: '/tmp' });
    } catch (error) {
      expect((error as Error).message).toMatch(/must start with postgres:\/\//);
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('uses PostgreSQL for postgres:// URLs and SQLite otherwise', async () => {
    const pg = openSequelize({ databaseUrl: 'postgres://u:p@127.0.0.1:1/x', dataDir: '/tmp' });
    const lite = openSequelize({ dataDir: '/tmp/aiser-never-opened' });
    expect([pg.dialect, lite.dialect]).toEqual(['postgres', 'sqlite']);
    await Promise.all([pg.sequelize.close(), lite.sequelize.close()]);
  });
});
