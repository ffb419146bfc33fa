/** Held-out fixture: a public library (members, books, authors through a link table, loans, ratings)
 *  with declared keys, integer publication years, nullable return dates, fees and publishers. */
import { DAYS, dayIso, random, writeFixtureDatabase, type FixtureDatabase } from './fixtureKit';

const DDL = `
CREATE TABLE members (member_id INTEGER PRIMARY KEY, name TEXT NOT NULL, member_since DATE NOT NULL, membership TEXT NOT NULL, city TEXT NOT NULL);
CREATE TABLE authors (author_id INTEGER PRIMARY KEY, author_name TEXT NOT NULL, nationality TEXT NOT NULL);
CREATE TABLE books (book_id INTEGER PRIMARY KEY, title TEXT NOT NULL, genre TEXT NOT NULL, pub_year INTEGER NOT NULL, pages INTEGER NOT NULL, publisher TEXT);
CREATE TABLE book_authors (book_id INTEGER NOT NULL REFERENCES books(book_id), author_id INTEGER NOT NULL REFERENCES authors(author_id), PRIMARY KEY (book_id, author_id));
CREATE TABLE loans (loan_id INTEGER PRIMARY KEY, book_id INTEGER NOT NULL REFERENCES books(book_id), member_id INTEGER NOT NULL REFERENCES members(member_id),
  loaned_on DATE NOT NULL, due_on DATE NOT NULL, returned_on DATE, late_fee REAL);
CREATE TABLE ratings (rating_id INTEGER PRIMARY KEY, book_id INTEGER NOT NULL REFERENCES books(book_id), member_id INTEGER NOT NULL REFERENCES members(member_id),
  stars INTEGER NOT NULL, rated_on DATE NOT NULL);
`;

const GENRES = ['mystery', 'science fiction', 'history', 'poetry', 'biography', 'fantasy'];
const PUBLISHERS = ['Northwind Press', 'Blue Harbor', 'Quill & Co', null];
const MEMBERSHIPS = ['standard', 'standard', 'student', 'senior'];
const CITIES = ['Bergen', 'Tromso', 'Stavanger'];
const AUTHORS: [string, string][] = [
  ['Aiko Tanaka', 'Japanese'], ['Bram Visser', 'Dutch'], ['Clara Mendes', 'Brazilian'], ['Dmitri Orlov', 'Russian'], ['Elena Ruiz', 'Spanish'],
  ['Finn Olsen', 'Norwegian'], ['Grace Achebe', 'Nigerian'], ['Haruki Sato', 'Japanese'], ['Ingrid Dahl', 'Norwegian'], ['Jorge Alves', 'Brazilian'],
  ['Kenji Mori', 'Japanese'], ['Lucia Romano', 'Italian'],
];
const WORDS = ['Silent', 'Hidden', 'Last', 'Northern', 'Glass', 'Paper', 'Winter', 'Crimson'];
const NOUNS = ['Harbor', 'Garden', 'Atlas', 'Letters', 'River', 'Machine', 'Crown', 'Lantern'];
const PEOPLE = ['Astrid', 'Bjorn', 'Cecilie', 'Dag', 'Eva', 'Frode', 'Gunn', 'Halvor', 'Ida', 'Jon'];

export function createLibraryDatabase(): FixtureDatabase {
  return writeFixtureDatabase('library', (db) => {
    const rnd = random(11235);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    db.exec(DDL);
    db.transaction(() => {
      AUTHORS.forEach((a, i) => db.prepare('INSERT INTO authors VALUES (?, ?, ?)').run(i + 1, ...a));
      for (let b = 1; b <= 240; b++) {
        db.prepare('INSERT INTO books VALUES (?, ?, ?, ?, ?, ?)').run(b, `The ${WORDS[b % 8]} ${NOUNS[(b * 3) % 8]} ${b}`, pick(GENRES), 1900 + Math.floor(rnd() * 126), 90 + Math.floor(rnd() * 600), pick(PUBLISHERS));
        const first = 1 + Math.floor(rnd() * AUTHORS.length);
        db.prepare('INSERT INTO book_authors VALUES (?, ?)').run(b, first);
        if (rnd() < 0.2) db.prepare('INSERT INTO book_authors VALUES (?, ?)').run(b, (first % AUTHORS.length) + 1);
      }
      for (let m = 1; m <= 350; m++) {
        db.prepare('INSERT INTO members VALUES (?, ?, ?, ?, ?)').run(m, `${pick(PEOPLE)} ${String.fromCharCode(65 + (m % 26))}. ${m}`, dayIso(Math.floor(rnd() * DAYS) - 400), pick(MEMBERSHIPS), pick(CITIES));
      }
      for (let l = 1; l <= 5000; l++) {
        const day = Math.floor(rnd() * DAYS);
        const length = 2 + Math.floor(rnd() * 35);
        const returned = day + length < DAYS && rnd() > 0.01 ? day + length : null;
        const late = returned !== null && length > 21 ? Math.round((length - 21) * 0.5 * 100) / 100 : null;
        db.prepare('INSERT INTO loans VALUES (?, ?, ?, ?, ?, ?, ?)').run(l, 1 + Math.floor(rnd() * rnd() * 240), 1 + Math.floor(rnd() * 350), dayIso(day), dayIso(day + 21), returned === null ? null : dayIso(returned), late);
      }
      for (let r = 1; r <= 1500; r++) {
        db.prepare('INSERT INTO ratings VALUES (?, ?, ?, ?, ?)').run(r, 1 + Math.floor(rnd() * 200), 1 + Math.floor(rnd() * 350), 1 + Math.floor(rnd() * 5), dayIso(Math.floor(rnd() * DAYS)));
      }
    })();
  });
}
