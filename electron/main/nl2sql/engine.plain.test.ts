/** Engine behaviour without a glossary (names only), plus confidence, clarification, refusal,
 *  explanations and dialect output, on a hospital schema. */
import { describe, expect, it } from 'vitest';
import { parseGlossary } from '../../../shared/types/semantic';
import { HOSPITAL_SCHEMA } from '../../../tests/support/nl2sql/saas';
import { CLARIFY_THRESHOLD, Nl2SqlEngine } from './engine';

const engine = new Nl2SqlEngine(HOSPITAL_SCHEMA);
const ask = (q: string) => engine.ask(q, { now: '2026-07-01' });

describe('questions over a plain schema (no glossary)', () => {
  it('aggregates a measure column named in the question, by a dimension, over a period', () => {
    const a = ask('Average total cost of admissions by department last month');
    expect(a.sql).toBe("SELECT departments.department_name, AVG(admissions.total_cost) AS average_total_cost FROM admissions JOIN departments ON departments.department_id = admissions.department_id WHERE admissions.admitted_on >= '2026-06-01' AND admissions.admitted_on < '2026-07-01' GROUP BY departments.department_id, departments.department_name");
    expect(a.confidence).toBeGreaterThan(0.8);
  });

  it('counts entities and filters on values found in the data', () => {
    expect(ask('How many emergency admissions per wing in 2025?').sql).toBe("SELECT departments.wing, COUNT(*) AS admissions FROM admissions JOIN departments ON departments.department_id = admissions.department_id WHERE departments.department_name = 'Emergency' AND admissions.admitted_on >= '2025-01-01' AND admissions.admitted_on < '2026-01-01' GROUP BY departments.wing");
  });

  it('averages when the question says "on average" after the column', () => {
    expect(ask('Which department has the highest total cost on average?').sql).toContain('AVG(admissions.total_cost)');
  });

  it('takes general business words for matching columns ("cost" → total cost)', () => {
    expect(ask('Total cost by insurance type').sql).toContain('SUM(admissions.total_cost)');
  });

  it('follows the foreign key of the named entity instead of a detour through a shared parent', () => {
    expect(ask('Top 3 doctors by number of admissions').sql).toBe('SELECT doctors.doctor_name, COUNT(*) AS admissions FROM admissions JOIN doctors ON doctors.doctor_id = admissions.doctor_id GROUP BY doctors.doctor_id, doctors.doctor_name ORDER BY admissions DESC, doctors.doctor_id ASC, doctors.doctor_name ASC LIMIT 3');
  });

  it('counts distinct rows when a join multiplies them', () => {
    const sql = ask('How many patients were admitted to cardiolgy this year?').sql!;
    expect(sql).toContain('COUNT(DISTINCT patients.patient_id)');
    expect(sql).toContain("departments.department_name = 'Cardiology'");
    expect(sql).toContain("admissions.admitted_on >= '2026-01-01'");
  });

  it('renders PostgreSQL functions for the median and datetime series', () => {
    expect(ask('Median total cost by insurance type').sql).toContain('percentile_cont(0.5) WITHIN GROUP (ORDER BY admissions.total_cost)');
    expect(ask('Admissions by week for the last 4 weeks').sql).toContain("CAST(date_trunc('week', admissions.admitted_on) AS DATE) AS week");
  });

  it('refuses helpfully, naming what is available, when nothing matches', () => {
    const a = ask('hospital parking fees');
    expect(a.sql).toBeUndefined();
    expect(a.refusal).toMatch(/departments, doctors, patients, admissions/);
    expect(a.confidence).toBeLessThan(CLARIFY_THRESHOLD);
  });

  it('asks back with concrete options when most of the question is not understood', () => {
    const a = ask('cost zebra giraffe elephant banana');
    expect(a.confidence).toBeLessThan(CLARIFY_THRESHOLD);
    expect(a.clarification?.options[0]).toMatchObject({ label: 'total cost' });
    expect(a.clarification?.question).toMatch(/Did you mean "total cost"/);
  });

  it('explains the answer for each level of expertise and maps phrases to columns', () => {
    const q = 'Total cost of elective admissions by department in 2025';
    const exec = engine.ask(q, { now: '2026-07-01', expertise: 'executive' });
    expect(exec.explanation).toBe('Total cost, for 2025 (2025-01-01 to before 2026-01-01), by department, only elective (admission type).');
    const expert = engine.ask(q, { now: '2026-07-01', expertise: 'expert' });
    expect(expert.explanation).toContain('SQL: SELECT');
    expect(expert.explanation).toContain('"department" → group by departments.department_name');
    expect(exec.mapping).toContainEqual({ phrase: 'elective', meaning: 'admissions.admission_type = elective' });
  });
});

describe('ambiguity and confidence with a glossary', () => {
  const glossary = parseGlossary({
    metrics: [
      { name: 'treatment revenue', synonyms: ['income'], expression: 'SUM(admissions.total_cost)', time: 'admissions.admitted_on' },
      { name: 'admissions', expression: 'COUNT(DISTINCT admissions.admission_id)', time: 'admissions.admitted_on' },
      { name: 'insurance income', synonyms: ['income'], expression: "SUM(CASE WHEN patients.insurance_type <> 'Uninsured' THEN admissions.total_cost ELSE 0 END)", time: 'admissions.admitted_on' },
    ],
  });
  const withGlossary = new Nl2SqlEngine(HOSPITAL_SCHEMA, glossary);

  it('asks which reading is meant when two metrics fit a phrase equally', () => {
    const a = withGlossary.ask('income last year', { now: '2026-07-01' });
    expect(a.clarification?.question).toMatch(/"income" could mean "treatment revenue" or "insurance income"/);
    expect(a.clarification?.options.map((o) => o.label)).toEqual(['treatment revenue', 'insurance income']);
    expect(a.clarification?.options.every((o) => o.confidence > 0 && o.confidence < 1)).toBe(true);
  });

  it('answers with high confidence when the wording is clear', () => {
    const a = withGlossary.ask('treatment revenue by wing in Q1 2026', { now: '2026-07-01' });
    expect(a.clarification).toBeUndefined();
    expect(a.confidence).toBeGreaterThan(0.85);
    expect(a.sql).toContain("admissions.admitted_on >= '2026-01-01' AND admissions.admitted_on < '2026-04-01'");
  });

  it('reads a metric noun after an aggregated column as context, not as a second measure', () => {
    const a = withGlossary.ask('Average total cost of admissions in 2025', { now: '2026-07-01' });
    expect(a.sql).toBe("SELECT AVG(admissions.total_cost) AS average_total_cost FROM admissions WHERE admissions.admitted_on >= '2025-01-01' AND admissions.admitted_on < '2026-01-01'");
  });

  it('has lower confidence when words of the question were not understood', () => {
    const clear = withGlossary.ask('treatment revenue by wing', { now: '2026-07-01' }).confidence;
    const vague = withGlossary.ask('treatment revenue by wing for the flibbertigibbet initiative', { now: '2026-07-01' }).confidence;
    expect(vague).toBeLessThan(clear);
  });
});
