/** A phrase that linked firmly to the data but that the query does not use is reported, never one the query reflects. */
import { describe, expect, it } from 'vitest';
import type { SchemaInfo } from '../../../shared/types/schema';
import { HOSPITAL_SCHEMA } from '../../../tests/support/nl2sql/saas';
import { Nl2SqlEngine } from './engine';

// The hospital plus a table of daily web visits that no key ties to anything else.
const schema: SchemaInfo = {
  ...HOSPITAL_SCHEMA,
  version: 'h1-web',
  tables: [...HOSPITAL_SCHEMA.tables, { name: 'web_visits', primaryKey: ['visit_day'], rowCountEstimate: 365, columns: [
    { name: 'visit_day', type: 'date', kind: 'date', nullable: false, isPrimaryKey: true },
    { name: 'visits', type: 'integer', kind: 'number', nullable: false, isPrimaryKey: false },
  ] }],
};
const engine = new Nl2SqlEngine(schema);
const unusedOf = (q: string) => engine.ask(q, { now: '2026-07-01' }).unusedLinks ?? [];

describe('phrases linked to the data but left out of the query', () => {
  it('reports an entity the measure cannot be tied to, as what it was read as', () => {
    const answer = engine.ask('total visits for patients', { now: '2026-07-01' });
    expect(answer.sql).toMatch(/web_visits/);
    expect(answer.sql).not.toMatch(/patients/);
    expect(answer.unusedLinks).toEqual([{ phrase: 'patients', meaning: 'patient', kind: 'table' }]);
    // An answer that leaves a phrase out is not a confident answer to the question.
    expect(answer.confidence).toBeLessThanOrEqual(0.65);
    expect(engine.ask('total visits', { now: '2026-07-01' }).confidence).toBeGreaterThan(0.65);
  });

  it('reports nothing when the query uses every linked phrase, or names an owner of its rows', () => {
    for (const q of ['admissions by department', 'admissions in cardiology for private patients', 'total visits by month', 'how many doctors in oncology']) {
      expect(unusedOf(q), q).toEqual([]);
    }
  });
});
