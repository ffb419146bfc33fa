/** Held-out fixture: airlines (carriers, airports, flights, passengers, tickets) with declared keys,
 *  abbreviated identifiers, a text primary key, epoch-second departure times and text booking dates. */
import { DAYS, dayIso, random, writeFixtureDatabase, type FixtureDatabase } from './fixtureKit';

const DDL = `
CREATE TABLE carriers (carrier_cd TEXT PRIMARY KEY, carrier_nm TEXT NOT NULL, hq_country TEXT NOT NULL, alliance TEXT);
CREATE TABLE airports (apt_id INTEGER PRIMARY KEY, iata_cd TEXT NOT NULL, apt_name TEXT NOT NULL, city TEXT NOT NULL, country TEXT NOT NULL);
CREATE TABLE flights (flt_id INTEGER PRIMARY KEY, carrier_cd TEXT NOT NULL REFERENCES carriers(carrier_cd), flt_no TEXT NOT NULL,
  orig_apt_id INTEGER NOT NULL REFERENCES airports(apt_id), dest_apt_id INTEGER NOT NULL REFERENCES airports(apt_id),
  sched_dep_ts INTEGER NOT NULL, dep_delay_min INTEGER, dist_km INTEGER NOT NULL, seats INTEGER NOT NULL, status TEXT NOT NULL);
CREATE TABLE passengers (pax_id INTEGER PRIMARY KEY, first_nm TEXT NOT NULL, last_nm TEXT NOT NULL, nationality TEXT NOT NULL, ffp_tier TEXT);
CREATE TABLE tickets (tkt_id INTEGER PRIMARY KEY, flt_id INTEGER NOT NULL REFERENCES flights(flt_id), pax_id INTEGER NOT NULL REFERENCES passengers(pax_id),
  fare_amt REAL NOT NULL, cabin TEXT NOT NULL, booked_dt TEXT NOT NULL);
`;

const CARRIERS: [string, string, string, string | null][] = [
  ['AU', 'Aurora Air', 'Norway', 'Star'], ['BL', 'Bluewing', 'Canada', 'Oneworld'], ['CX', 'Coral Express', 'Portugal', null],
  ['DS', 'Desert Sky', 'Morocco', 'Star'], ['EQ', 'Equator Airways', 'Kenya', null], ['FJ', 'Fjord Jet', 'Iceland', 'SkyTeam'],
];
const AIRPORTS: [string, string, string, string][] = [
  ['OSL', 'Gardermoen', 'Oslo', 'Norway'], ['YVR', 'Vancouver International', 'Vancouver', 'Canada'], ['LIS', 'Humberto Delgado', 'Lisbon', 'Portugal'],
  ['RAK', 'Menara', 'Marrakesh', 'Morocco'], ['NBO', 'Jomo Kenyatta', 'Nairobi', 'Kenya'], ['KEF', 'Keflavik', 'Reykjavik', 'Iceland'],
  ['HND', 'Haneda', 'Tokyo', 'Japan'], ['GRU', 'Guarulhos', 'Sao Paulo', 'Brazil'],
];
const FIRST = ['Ana', 'Bjorn', 'Chidi', 'Dina', 'Emil', 'Fatima', 'Goro', 'Hugo', 'Ines', 'Jonas', 'Keiko', 'Lena'];
const LAST = ['Berg', 'Costa', 'Diallo', 'Endo', 'Fischer', 'Gomez', 'Haddad', 'Ivanova', 'Jensen'];
const NATIONALITIES = ['Norwegian', 'Canadian', 'Portuguese', 'Kenyan', 'Japanese', 'Brazilian'];
const TIERS = [null, null, 'Silver', 'Gold', 'Platinum'];
const CABINS: [string, number][] = [['economy', 1], ['economy', 1], ['economy', 1], ['premium economy', 1.6], ['business', 3.2], ['first', 5.5]];

const EPOCH_START = Date.UTC(2023, 0, 1) / 1000;

export function createAviationDatabase(): FixtureDatabase {
  return writeFixtureDatabase('aviation', (db) => {
    const rnd = random(7151);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    db.exec(DDL);
    db.transaction(() => {
      CARRIERS.forEach((c) => db.prepare('INSERT INTO carriers VALUES (?, ?, ?, ?)').run(...c));
      AIRPORTS.forEach((a, i) => db.prepare('INSERT INTO airports VALUES (?, ?, ?, ?, ?)').run(i + 1, ...a));
      for (let p = 1; p <= 900; p++) {
        db.prepare('INSERT INTO passengers VALUES (?, ?, ?, ?, ?)').run(p, pick(FIRST), pick(LAST), pick(NATIONALITIES), pick(TIERS));
      }
      let ticket = 1;
      for (let f = 1; f <= 2400; f++) {
        const carrier = CARRIERS[Math.floor(rnd() * rnd() * CARRIERS.length)];
        const orig = 1 + Math.floor(rnd() * AIRPORTS.length);
        let dest = 1 + Math.floor(rnd() * AIRPORTS.length);
        if (dest === orig) dest = (dest % AIRPORTS.length) + 1;
        const day = Math.floor(rnd() * DAYS);
        const ts = EPOCH_START + day * 86400 + (5 + Math.floor(rnd() * 17)) * 3600 + Math.floor(rnd() * 4) * 900;
        const r = rnd();
        const status = r < 0.06 ? 'cancelled' : r < 0.08 ? 'diverted' : 'landed';
        const delay = status === 'cancelled' ? null : Math.floor(rnd() * rnd() * 180) - 5;
        const dist = 400 + Math.abs(orig - dest) * 900 + Math.floor(rnd() * 300);
        const seats = pick([120, 150, 180, 220, 300]);
        db.prepare('INSERT INTO flights VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(f, carrier[0], `${carrier[0]}${100 + (f % 400)}`, orig, dest, ts, delay, dist, seats, status);
        const sold = 1 + Math.floor(rnd() * 4);
        for (let t = 0; t < sold; t++) {
          const [cabin, factor] = pick(CABINS);
          const booked = Math.max(0, day - Math.floor(rnd() * 90));
          db.prepare('INSERT INTO tickets VALUES (?, ?, ?, ?, ?, ?)').run(ticket++, f, 1 + Math.floor(rnd() * 900), Math.round((60 + dist * 0.08 + rnd() * 80) * factor * 100) / 100, cabin, dayIso(booked));
        }
      }
    })();
  });
}
