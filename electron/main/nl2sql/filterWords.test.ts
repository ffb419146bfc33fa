/** The filters an answer applied, said in plain words; a value read from other words names them. */
import { describe, expect, it } from 'vitest';
import { HOSPITAL_SCHEMA } from '../../../tests/support/nl2sql/saas';
import { Nl2SqlEngine } from './engine';
import { filterSentence, valuesContaining } from './filterWords';

const hospital = new Nl2SqlEngine(HOSPITAL_SCHEMA);
// The same hospital with wings named in two words.
const wings = new Nl2SqlEngine({
  ...HOSPITAL_SCHEMA,
  tables: HOSPITAL_SCHEMA.tables.map((t) => ({ ...t, columns: t.columns.map((c) => (c.name === 'wing' ? { ...c, distinctValues: ['North Wing', 'South Wing', 'East Annex'] } : c)) })),
});
const filtersOf = (q: string) => hospital.ask(q, { now: '2026-07-01' }).filters;

describe('filters in plain words', () => {
  it('names each column as people say it and each value as stored', () => {
    expect(filtersOf('total cost in cardiology for private patients')).toEqual(['department = Cardiology', 'insurance type = Private']);
    expect(filtersOf('total cost for uninsured and public patients')).toEqual(['insurance type is Uninsured or Public']);
  });

  it('says exclusions, comparisons and days of the week', () => {
    expect(filtersOf('admissions in the north wing excluding emergency')).toEqual(['wing = North', 'admission type ≠ emergency']);
    expect(filtersOf('admissions with total cost over 5000')).toEqual(['total cost > 5,000']);
    expect(filtersOf('admissions on mondays')).toEqual(['admitted on Mondays']);
  });

  it('names the words a value was read from when they are not the value (a typo, another word)', () => {
    expect(filtersOf('admissions in cardiolgy')).toEqual(['department = Cardiology (read from ‘cardiolgy’)']);
  });

  it('has nothing to say when the question filters nothing', () => {
    expect(filtersOf('total cost by department')).toEqual([]);
    expect(filterSentence([])).toBeUndefined();
  });

  it('reads as one sentence', () => {
    expect(filterSentence(['region = North America'])).toBe('Filtered to region = North America.');
    expect(filterSentence(['region = Europe', 'channel = Online', 'segment = SMB'])).toBe('Filtered to region = Europe, channel = Online and segment = SMB.');
  });

  it('offers the values a word not understood is one word of ("north" → North Wing), and nothing for a word of no value', () => {
    const answer = wings.ask('admissions in the north', { now: '2026-07-01' });
    expect(answer.notUnderstood).toEqual(['north']);
    expect(answer.nearValues).toEqual([{ word: 'north', matches: [{ filter: 'wing = North Wing', value: 'North Wing' }] }]);
    expect(valuesContaining(wings.model, 'wing').map((m) => m.value)).toEqual(['North Wing', 'South Wing']);
    expect(wings.ask('admissions in the xyzzy', { now: '2026-07-01' }).nearValues).toBeUndefined();
  });
});
