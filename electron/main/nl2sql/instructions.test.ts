/** Business rules sent with a question are applied when they name data the source holds. */
import { afterAll, describe, expect, it } from 'vitest';
import { createConnector } from '../connectors/registry';
import { createFinanceDatabase } from '../../../tests/support/nl2sql/holdout/finance';
import { Nl2SqlEngine, NL2SQL_VALUE_CAP } from './engine';

const db = createFinanceDatabase();
afterAll(() => db.cleanup());

async function engine(): Promise<Nl2SqlEngine> {
  const connector = createConnector({ type: 'sqlite', path: db.file });
  const schema = await connector.introspect({ distinctValueCap: NL2SQL_VALUE_CAP });
  await connector.close();
  return new Nl2SqlEngine(schema);
}

describe('question instructions', () => {
  it('applies a rule naming a data value as a filter and says so', async () => {
    const e = await engine();
    const plain = e.ask('Total transaction amount in 2025', { now: '2026-07-01' });
    const ruled = e.ask('Total transaction amount in 2025', { now: '2026-07-01', instructions: 'a transaction counts only when it is posted' });
    expect(plain.sql).not.toContain("'posted'");
    expect(ruled.sql).toContain(`"sbTransaction"."sbTxStatus" = 'posted'`);
    expect(ruled.explanation).toContain('Rules applied');
    expect(ruled.confidence).toBe(plain.confidence);
  });

  it('lowers confidence and says so when the rule names nothing in the data', async () => {
    const e = await engine();
    const plain = e.ask('Total transaction amount in 2025', { now: '2026-07-01' });
    const ruled = e.ask('Total transaction amount in 2025', { now: '2026-07-01', instructions: 'ignore intercompany flows' });
    expect(ruled.sql).toBe(plain.sql);
    expect(ruled.confidence).toBeLessThan(plain.confidence);
    expect(ruled.explanation).toContain('could not apply the instructions');
  });
});
