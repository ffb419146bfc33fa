/** Held-out fixture: a university database (a domain the engine was not developed on), written as a
 *  deterministic SQLite file in a temp dir, with or without declared foreign keys. */
import { DAYS, dayIso, fk, random, writeFixtureDatabase, type FixtureDatabase } from './fixtureKit';

function ddl(declaredKeys: boolean): string {
  return `
CREATE TABLE departments (department_id INTEGER PRIMARY KEY, department_name TEXT NOT NULL, faculty TEXT NOT NULL);
CREATE TABLE instructors (instructor_id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, title TEXT NOT NULL, hire_date DATE NOT NULL);
CREATE TABLE courses (course_id INTEGER PRIMARY KEY, course_code TEXT NOT NULL, title TEXT NOT NULL,
  department_id INTEGER NOT NULL${fk(declaredKeys, 'departments(department_id)')}, credits INTEGER NOT NULL, level TEXT NOT NULL);
CREATE TABLE students (student_id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL, email TEXT NOT NULL,
  program TEXT NOT NULL, home_country TEXT NOT NULL, admitted_on DATE NOT NULL);
CREATE TABLE enrollments (enrollment_id INTEGER PRIMARY KEY, student_id INTEGER NOT NULL${fk(declaredKeys, 'students(student_id)')},
  course_id INTEGER NOT NULL${fk(declaredKeys, 'courses(course_id)')}, instructor_id INTEGER NOT NULL${fk(declaredKeys, 'instructors(instructor_id)')},
  enrolled_on DATE NOT NULL, status TEXT NOT NULL, grade_points REAL);
CREATE TABLE tuition_payments (payment_id INTEGER PRIMARY KEY, student_id INTEGER NOT NULL${fk(declaredKeys, 'students(student_id)')},
  paid_on DATE NOT NULL, amount NUMERIC NOT NULL, method TEXT NOT NULL, status TEXT NOT NULL);
`;
}

const DEPARTMENTS: [string, string][] = [
  ['Physics', 'Science'], ['Mathematics', 'Science'], ['Computer Science', 'Engineering'],
  ['Mechanical Engineering', 'Engineering'], ['History', 'Humanities'], ['Economics', 'Humanities'],
];
const TITLES = ['Professor', 'Associate Professor', 'Lecturer'];
const PROGRAMS = ['BSc', 'MSc', 'PhD'];
const COUNTRIES = ['Canada', 'India', 'Brazil', 'Kenya', 'Norway'];
const METHODS = ['card', 'bank transfer', 'scholarship'];
const FIRST = ['Amara', 'Bo', 'Chen', 'Dara', 'Eli', 'Farah', 'Goran', 'Hana', 'Ivo', 'Jun'];
const LAST = ['Okafor', 'Silva', 'Nakamura', 'Larsen', 'Mehta', 'Kowalski', 'Haddad', 'Moreau'];
const COURSE_WORDS = ['Foundations of', 'Advanced', 'Topics in', 'Seminar on', 'Methods in'];

export type UniversityFixture = FixtureDatabase;

/** Writes university.sqlite into a fresh temp dir. `declaredKeys: false` leaves keys to naming. */
export function createUniversityDatabase(declaredKeys: boolean): UniversityFixture {
  return writeFixtureDatabase('university', (db) => {
    const rnd = random(20260701);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    db.exec(ddl(declaredKeys));
    db.transaction(() => {
      DEPARTMENTS.forEach(([name, faculty], i) => db.prepare('INSERT INTO departments VALUES (?, ?, ?)').run(i + 1, name, faculty));
      for (let i = 1; i <= 18; i++) {
        db.prepare('INSERT INTO instructors VALUES (?, ?, ?, ?)').run(i, `${FIRST[i % 10]} ${LAST[(i * 3) % 8]} ${i}`, TITLES[i % 3], dayIso(-2000 + i * 97 + Math.floor(rnd() * 300)));
      }
      for (let i = 1; i <= 30; i++) {
        const dept = (((i - 1) % 7) % 6) + 1;
        const level = i % 3 === 0 ? 'Graduate' : 'Undergraduate';
        db.prepare('INSERT INTO courses VALUES (?, ?, ?, ?, ?, ?)').run(i, `C${100 + i}`, `${COURSE_WORDS[i % 5]} ${DEPARTMENTS[dept - 1][0]} ${i}`, dept, 2 + (i % 4), level);
      }
      let paymentId = 1;
      for (let s = 1; s <= 600; s++) {
        const admitted = Math.floor(rnd() * DAYS);
        const program = PROGRAMS[s % 7 === 0 ? 2 : s % 3 === 0 ? 1 : 0];
        db.prepare('INSERT INTO students VALUES (?, ?, ?, ?, ?, ?, ?)').run(s, pick(FIRST), pick(LAST), `student${s}@uni.example`, program, pick(COUNTRIES), dayIso(admitted));
        const payments = 1 + Math.floor(rnd() * 5);
        for (let p = 0; p < payments; p++) {
          const day = Math.min(DAYS, admitted + Math.floor(rnd() * 500));
          const status = rnd() < 0.08 ? 'refunded' : 'settled';
          db.prepare('INSERT INTO tuition_payments VALUES (?, ?, ?, ?, ?, ?)').run(paymentId++, s, dayIso(day), 500 + Math.floor(rnd() * 40) * 50, pick(METHODS), status);
        }
      }
      for (let e = 1; e <= 3200; e++) {
        const r = rnd();
        const status = r < 0.1 ? 'withdrawn' : r < 0.2 ? 'in progress' : 'completed';
        const grade = status === 'completed' ? Math.round((1 + rnd() * 3) * 10) / 10 : null;
        db.prepare('INSERT INTO enrollments VALUES (?, ?, ?, ?, ?, ?, ?)').run(e, 1 + Math.floor(rnd() * 600), 1 + Math.floor(rnd() * 30), 1 + Math.floor(rnd() * 18), dayIso(Math.floor(rnd() * (DAYS + 1))), status, grade);
      }
    })();
  });
}
