/** What an answer says about the words it left out and the rows it kept, whoever wrote its SQL. */
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../shared/types/auth';
import type { SchemaInfo } from '../../../shared/types/schema';
import type { SqlGeneration } from './execution';
import { presentResult } from './presentation';

const ctx = { orgId: 'o', userId: 'u', role: 'analyst', projectIds: [] } as unknown as RequestContext;
const schema: SchemaInfo = { dialect: 'sqlite', tables: [], foreignKeys: [], version: 'v' };

function present(generation: Partial<SqlGeneration>, offers: (q: string) => boolean = () => true) {
  const sql = generation.sql ?? 'SELECT SUM(visits) AS visits FROM web_visits';
  const result = { columns: [{ name: 'visits', kind: 'number' }], rows: [[1200]], rowCount: 1, truncated: false, durationMs: 1, sql, sqlHash: 'h' };
  const full = { kind: 'sql', sql, explanation: '', confidence: 0.8, engine: 'offline', mappings: [], ...generation } as SqlGeneration;
  return presentResult(ctx, 'total visits for patients', { result, generation: full, repairs: 0 } as never, schema, () => undefined, { offers });
}

describe('answers say what they left out', () => {
  it('says in one sentence that a phrase read as part of the data could not be used, and offers the closest question it can answer', () => {
    const draft = present({ unusedLinks: [{ phrase: 'patients', meaning: 'patient', kind: 'table' }] });
    expect(draft.notUnderstood).toEqual({ words: ['patients'], message: 'I read ‘patients’ but could not tie it to what this answer measures, so it leaves it out. I can answer “how many patients” on its own.' });
    expect(draft.followUps).toContain('how many patients');
  });

  it('names what a phrase was read as when the words differ, and offers nothing the engine cannot answer', () => {
    const draft = present({ unusedLinks: [{ phrase: 'cardiology', meaning: 'department = Cardiology', kind: 'value' }, { phrase: 'doctors', meaning: 'doctor', kind: 'table' }] }, () => false);
    expect(draft.notUnderstood?.message).toBe('I read ‘cardiology’ as department = Cardiology and ‘doctors’ but could not tie them to what this answer measures, so it leaves them out.');
    expect(draft.followUps).not.toContain('how many doctors');
  });

  it('says words not understood first, then phrases not used', () => {
    const draft = present({ notUnderstood: ['premium'], unusedLinks: [{ phrase: 'patients', meaning: 'patient', kind: 'table' }] }, () => false);
    expect(draft.notUnderstood?.words).toEqual(['premium', 'patients']);
    expect(draft.notUnderstood?.message).toMatch(/^I did not understand ‘premium’, so this answer leaves it out\. Rephrase it .* I read ‘patients’ but could not tie it/);
  });

  it('states the filters of a model’s SQL from its WHERE clause, and the engine’s own from its plan', () => {
    const model = present({ engine: 'llm', sql: "SELECT SUM(amount) FROM orders WHERE region = 'EMEA' AND amount >= 1000" });
    expect(model.filters).toEqual({ applied: ['region = EMEA', 'amount ≥ 1,000'], message: 'Filtered to region = EMEA and amount ≥ 1,000.' });
    const offline = present({ sql: "SELECT SUM(amount) FROM orders WHERE region = 'EMEA'", filters: ['region = EMEA (read from ‘emea’)'] });
    expect(offline.filters?.message).toBe('Filtered to region = EMEA (read from ‘emea’).');
    expect(present({ engine: 'llm', notUnderstood: ['x'] }).notUnderstood).toBeUndefined();
  });
});
