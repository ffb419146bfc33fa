import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../../../electron/main/connectors/registry';
import { ConnectorError, type Connector } from '../../../electron/main/connectors/types';
import { guardSql } from '../../../electron/main/sql/guard';
import { PG_URL, collect } from './fixtures';

const CARTESIAN = 'SELECT COUNT(*) AS n FROM (SELECT generate_series(1, 5000000) AS x) a CROSS JOIN (SELECT generate_series(1, 5000000) AS y) b';

async function refusal(run: Promise<unknown>): Promise<ConnectorError> {
  const error = await run.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('PostgreSQL planner estimate before execution', () => {
  let connector: Connector;
  beforeAll(() => {
    connector = createConnector({ type: 'postgres', url: PG_URL });
  });
  afterAll(async () => {
    await connector.close();
  });

  it('refuses a cartesian join the guard lets through, before it reaches the executor, saying how to narrow it', async () => {
    const { sql } = guardSql(CARTESIAN, { dialect: 'postgres', rowLimit: 1000 });
    const error = await refusal(collect(connector.query(sql)));
    expect(error.code).toBe('TOO_EXPENSIVE');
    expect(error.message).toMatch(/refused before it ran: the database estimates one step \(Nested Loop\) would produce about [\d,]+ million rows/);
    expect(error.hint).toMatch(/join conditions/);
  });

  it('runs ordinary queries, including a small cross join, with the default limits', async () => {
    const small = await collect(connector.query('SELECT COUNT(*) AS n FROM generate_series(1, 300) a CROSS JOIN generate_series(1, 300) b'));
    expect(small.rows).toEqual([[90000]]);
    const grouped = await collect(connector.query('SELECT g % 3 AS k, SUM(g) AS s FROM generate_series(1, 30) g GROUP BY g % 3 ORDER BY k'));
    expect(grouped.rows).toEqual([[0, 165], [1, 145], [2, 155]]);
  });

  it('applies limits given by the caller, by total cost as well as by rows', async () => {
    const sql = 'SELECT COUNT(*) AS n FROM generate_series(1, 300) a CROSS JOIN generate_series(1, 300) b';
    const byRows = await refusal(collect(connector.query(sql, { planLimits: { maxTotalCost: 1e12, maxStepRows: 10_000 } })));
    expect(byRows.message).toMatch(/one step .* would produce about 90,000 rows \(limit 10,000\)/);
    const byCost = await refusal(collect(connector.query(sql, { planLimits: { maxTotalCost: 10, maxStepRows: 1e12 } })));
    expect(byCost.message).toMatch(/estimates its cost at [\d,]+ \(limit 10\)/);
  });

  it('keeps the session usable: the next query on the pool runs normally', async () => {
    await refusal(collect(connector.query(CARTESIAN)));
    expect((await collect(connector.query('SELECT 1 AS one'))).rows).toEqual([[1]]);
  });
});
