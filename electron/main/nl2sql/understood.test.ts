/** Words a question uses that the query leaves out: reported by the engine, with a lower confidence;
 *  grammar, question verbs and words the query reflects under another form are not reported. */
import { describe, expect, it } from 'vitest';
import { HOSPITAL_SCHEMA } from '../../../tests/support/nl2sql/saas';
import { Nl2SqlEngine } from './engine';
import { isGrammarWord, NOT_UNDERSTOOD_CONFIDENCE, notUnderstood, notUnderstoodWords } from './understood';

const hospital = new Nl2SqlEngine(HOSPITAL_SCHEMA);
const ask = (q: string) => hospital.ask(q, { now: '2026-07-01' });

describe('words the engine did not understand', () => {
  it('names a word that matched nothing, keeps the query it could build, and is not confident about it', () => {
    const plain = ask('Average total cost of admissions by department');
    const odd = ask('Average total cost of xyzzy admissions by department');
    expect(plain.notUnderstood).toEqual([]);
    expect(odd.notUnderstood).toEqual(['xyzzy']);
    expect(odd.sql).toBe(plain.sql);
    expect(plain.confidence).toBeGreaterThan(NOT_UNDERSTOOD_CONFIDENCE);
    expect(odd.confidence).toBeLessThanOrEqual(NOT_UNDERSTOOD_CONFIDENCE);
  });

  it('names every such word once, in the order asked', () => {
    expect(ask('Total cost by department for flurbo and plumbus flurbo patients').notUnderstood).toEqual(['flurbo', 'plumbus']);
  });

  it('does not report the grammar of a question, the verbs people ask with, or words about the answer itself', () => {
    for (const q of ['How are admissions doing this year?', 'Can you please show me the total cost by department?', 'Give me a breakdown of the admissions data by wing',
      'How many admissions did we record per department?', 'Which department admitted the most patients?']) {
      expect(ask(q).notUnderstood, q).toEqual([]);
    }
  });

  it('does not report a word the query reflects under another form (a longer word, an abbreviation)', () => {
    const sql = 'SELECT SUM(web_visits) AS visits FROM daily_traffic WHERE dest_apt = \'North\'';
    expect(notUnderstood(hospital.model, undefined, sql, ['website', 'destination', 'xyzzy'])).toEqual(['xyzzy']);
  });

  it('names a word shaped like a verb said before a name of the data ("readmitted patients"): it narrows down what is counted', () => {
    const narrowed = ask('Total cost for readmitted patients');
    expect(narrowed.notUnderstood).toEqual(['readmitted']);
    expect(narrowed.confidence).toBeLessThanOrEqual(NOT_UNDERSTOOD_CONFIDENCE);
    // After the name, such a word says how the rows came about; the verbs people ask with stay grammar.
    expect(ask('Admissions recorded by department').notUnderstood).toEqual([]);
    expect(notUnderstoodWords(['selling', 'churned', 'pending'], ['selling', 'churned', 'pending'])).toEqual(['churned', 'pending']);
  });

  it('names the words in the clarification when it asks instead of answering', () => {
    const a = ask('How are flurbo plumbus zorgon admissions doing?');
    expect(a.clarification?.question).toMatch(/^I could not place "flurbo", "plumbus", "zorgon" in this data\. Did you mean/);
  });
});

describe('the grammar lexicon', () => {
  it('sets aside function words, question verbs and their forms, and keeps content words', () => {
    for (const w of ['the', 'doing', 'going', 'shipped', 'sold', 'please', 'breakdown', 'data', 'monday', 'doesn\'t']) expect(isGrammarWord(w), w).toBe(true);
    for (const w of ['xyzzy', 'female', 'premium', 'region', 'new']) expect(isGrammarWord(w), w).toBe(false);
  });

  it('keeps letters-only words once each', () => {
    expect(notUnderstoodWords(['xyzzy', 'the', '2025', 'xyzzy', 'doing', 'tier'])).toEqual(['xyzzy', 'tier']);
  });
});
