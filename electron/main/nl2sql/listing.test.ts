/** Row-level answer shapes on a plain schema: the requested columns of rows, the top rows by a
 *  column of their own, and row-level versus grouped superlatives. */
import { describe, expect, it } from 'vitest';
import { HOSPITAL_SCHEMA } from '../../../tests/support/nl2sql/saas';
import { Nl2SqlEngine } from './engine';

const engine = new Nl2SqlEngine(HOSPITAL_SCHEMA);
const ask = (q: string) => engine.ask(q, { now: '2026-07-01' });

describe('row-level answer shapes', () => {
  it('keeps every requested column of a list and does not aggregate', () => {
    const sql = ask('Show the admission type, admitted on date and total cost of admissions in Cardiology').sql!;
    expect(sql).toMatch(/^SELECT admissions\.admission_type, admissions\.admitted_on, admissions\.total_cost FROM admissions JOIN departments/);
    expect(sql).toContain("departments.department_name = 'Cardiology'");
    expect(sql).not.toMatch(/SUM|COUNT|AVG|GROUP BY/);
  });

  it('reads "name" in a column list as the rows\' label and joins for a column of a related table', () => {
    const sql = ask('List the name and wing of all departments').sql!;
    expect(sql).toBe('SELECT departments.department_name, departments.wing FROM departments ORDER BY departments.department_name ASC');
  });

  it('answers "the 3 … with the largest …" with the rows and their value, not an aggregate', () => {
    const sql = ask('The 3 admissions with the largest total cost').sql!;
    expect(sql).toBe('SELECT admissions.admission_id, admissions.total_cost FROM admissions ORDER BY admissions.total_cost DESC, admissions.admission_id ASC LIMIT 3');
  });

  it('answers "which … most recently" with the one row of the latest date of its own', () => {
    expect(ask('Which doctor was hired most recently?').sql).toBe('SELECT doctors.doctor_id, doctors.doctor_name, doctors.hired_on FROM doctors ORDER BY doctors.hired_on DESC, doctors.doctor_name ASC LIMIT 1');
  });

  it('still groups when the ranked column is aggregated ("the highest total …") or lives in another table', () => {
    expect(ask('Which doctor has the highest total cost?').sql).toContain('SUM(admissions.total_cost)');
    expect(ask('Top 3 departments by total cost').sql).toContain('GROUP BY departments.department_id');
  });

  it('does not read an aggregate question as a list', () => {
    expect(ask('Show the average total cost of admissions by wing').sql).toContain('AVG(admissions.total_cost)');
    expect(ask('Show the number of admissions by department').sql).toContain('COUNT(*)');
  });
});
