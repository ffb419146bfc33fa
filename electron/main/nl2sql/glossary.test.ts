import { describe, expect, it } from 'vitest';
import { glossaryToJson, parseGlossary } from '../../../shared/types/semantic';

const FILE = {
  name: 'clinic', now: '2026-03-31',
  metrics: [
    { name: 'visits', synonyms: ['appointments'], expression: 'COUNT(*)', time: 'visits.visit_date' },
    { name: 'registered patients', expression: 'COUNT(DISTINCT patients.patient_id)', filter: 'patients.registered_on <= {as_of}', time: null },
  ],
  synonyms: { patients: ['clients'], 'visits.reason': ['complaint'] },
  pii: ['patients.full_name'],
};

describe('glossary file', () => {
  it('imports a valid file with defaults for omitted sections', () => {
    const g = parseGlossary(FILE);
    expect(g.metrics[1].synonyms).toEqual([]);
    expect(g.metrics[1].time).toBeNull();
    expect(parseGlossary({ metrics: [] }).synonyms).toEqual({});
  });

  it('names every invalid field and what to do', () => {
    expect(() => parseGlossary({ now: '31/03/2026', metrics: [{ name: '', expression: 'SUM(x.y)' }], pii: ['full_name'] }))
      .toThrow(/now: use the form YYYY-MM-DD.*metrics\.0\.name.*pii\.0: use the form table\.column.*import the file again/);
  });

  it('exports what it imports', () => {
    const g = parseGlossary(FILE);
    expect(parseGlossary(JSON.parse(glossaryToJson(g)))).toEqual(g);
  });
});
