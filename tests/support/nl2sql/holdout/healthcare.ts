/** Held-out fixture: a hospital (patients, physicians, admissions, diagnoses through a link table, lab
 *  results) with no declared keys, abbreviated identifiers, text dates, integer birth years and nulls. */
import { DAYS, dayIso, random, writeFixtureDatabase, type FixtureDatabase } from './fixtureKit';

const DDL = `
CREATE TABLE patients (pat_id INTEGER PRIMARY KEY, pat_sex TEXT NOT NULL, birth_yr INTEGER NOT NULL, city TEXT NOT NULL, ins_type TEXT);
CREATE TABLE physicians (phys_id INTEGER PRIMARY KEY, phys_nm TEXT NOT NULL, specialty TEXT NOT NULL);
CREATE TABLE admissions (adm_id INTEGER PRIMARY KEY, pat_id INTEGER NOT NULL, phys_id INTEGER NOT NULL, adm_dt TEXT NOT NULL, dsch_dt TEXT,
  ward TEXT NOT NULL, adm_type TEXT NOT NULL, tot_charge_amt REAL NOT NULL);
CREATE TABLE diagnoses (dx_cd TEXT PRIMARY KEY, dx_desc TEXT NOT NULL, category TEXT NOT NULL);
CREATE TABLE admission_dx (adm_id INTEGER NOT NULL, dx_cd TEXT NOT NULL, is_primary INTEGER NOT NULL, PRIMARY KEY (adm_id, dx_cd));
CREATE TABLE lab_results (lab_id INTEGER PRIMARY KEY, adm_id INTEGER NOT NULL, test_nm TEXT NOT NULL, result_val REAL NOT NULL, taken_ts TEXT NOT NULL);
`;

const SPECIALTIES = ['Cardiology', 'Oncology', 'Orthopedics', 'Internal Medicine', 'Neurology'];
const WARDS = ['North', 'South', 'East', 'ICU'];
const CITIES = ['Leeds', 'York', 'Hull', 'Bradford'];
const INSURANCE = ['public', 'private', 'public', null];
const DOCTORS = ['Dr. Amos', 'Dr. Bell', 'Dr. Chowdhury', 'Dr. Dube', 'Dr. Evans', 'Dr. Farouk', 'Dr. Grant', 'Dr. Holm', 'Dr. Iqbal', 'Dr. Jones', 'Dr. Kaur', 'Dr. Lund'];
/** Codes grouped by category; an admission gets at most one code of a category. */
const DIAGNOSES: [string, string, string][] = [
  ['I21', 'Acute myocardial infarction', 'Cardiac'], ['I50', 'Heart failure', 'Cardiac'], ['I10', 'Hypertension', 'Cardiac'],
  ['J18', 'Pneumonia', 'Respiratory'], ['J44', 'COPD', 'Respiratory'],
  ['E11', 'Type 2 diabetes', 'Metabolic'], ['E66', 'Obesity', 'Metabolic'],
  ['S72', 'Femur fracture', 'Injury'], ['S06', 'Head injury', 'Injury'],
  ['C34', 'Lung cancer', 'Cancer'],
];
const CATEGORIES = [...new Set(DIAGNOSES.map((d) => d[2]))];
const TESTS: [string, number, number][] = [['HbA1c', 5, 4], ['CRP', 2, 80], ['Hemoglobin', 10, 7], ['Creatinine', 50, 90]];

export function createHealthcareDatabase(): FixtureDatabase {
  return writeFixtureDatabase('healthcare', (db) => {
    const rnd = random(90210);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    db.exec(DDL);
    db.transaction(() => {
      DOCTORS.forEach((name, i) => db.prepare('INSERT INTO physicians VALUES (?, ?, ?)').run(i + 1, name, SPECIALTIES[i % SPECIALTIES.length]));
      DIAGNOSES.forEach((d) => db.prepare('INSERT INTO diagnoses VALUES (?, ?, ?)').run(...d));
      for (let p = 1; p <= 700; p++) {
        db.prepare('INSERT INTO patients VALUES (?, ?, ?, ?, ?)').run(p, rnd() < 0.52 ? 'F' : 'M', 1935 + Math.floor(rnd() * 70), pick(CITIES), pick(INSURANCE));
      }
      let lab = 1;
      for (let a = 1; a <= 2600; a++) {
        const day = Math.floor(rnd() * DAYS);
        const stay = Math.floor(rnd() * rnd() * 20);
        const open = day + stay >= DAYS;
        const r = rnd();
        const type = r < 0.45 ? 'emergency' : r < 0.8 ? 'elective' : 'urgent';
        const ward = type === 'emergency' && rnd() < 0.3 ? 'ICU' : pick(WARDS);
        db.prepare('INSERT INTO admissions VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(a, 1 + Math.floor(rnd() * 700), 1 + Math.floor(rnd() * DOCTORS.length), dayIso(day),
          open ? null : dayIso(day + stay), ward, type, Math.round((800 + stay * 950 + rnd() * 2000) * 100) / 100);
        const categories = [...CATEGORIES].sort(() => rnd() - 0.5).slice(0, 1 + Math.floor(rnd() * 3));
        categories.forEach((cat, i) => {
          const codes = DIAGNOSES.filter((d) => d[2] === cat);
          db.prepare('INSERT INTO admission_dx VALUES (?, ?, ?)').run(a, pick(codes)[0], i === 0 ? 1 : 0);
        });
        for (let t = Math.floor(rnd() * 3); t > 0; t--) {
          const [test, base, spread] = pick(TESTS);
          const at = Math.min(DAYS - 1, day + Math.floor(rnd() * (stay + 1)));
          db.prepare('INSERT INTO lab_results VALUES (?, ?, ?, ?, ?)').run(lab++, a, test, Math.round((base + rnd() * spread) * 10) / 10,
            `${dayIso(at)} ${String(6 + Math.floor(rnd() * 14)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00`);
        }
      }
    })();
  });
}
