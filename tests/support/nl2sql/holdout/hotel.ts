/** Held-out fixture: a hotel group (bookings, rooms, guests, reviews), a second unseen domain.
 *  Deterministic SQLite file in a temp dir, with or without declared foreign keys. */
import { DAYS, dayIso, fk, random, writeFixtureDatabase, type FixtureDatabase } from './fixtureKit';

function ddl(declaredKeys: boolean): string {
  return `
CREATE TABLE hotels (hotel_id INTEGER PRIMARY KEY, hotel_name TEXT NOT NULL, city TEXT NOT NULL, star_rating INTEGER NOT NULL);
CREATE TABLE rooms (room_id INTEGER PRIMARY KEY, hotel_id INTEGER NOT NULL${fk(declaredKeys, 'hotels(hotel_id)')}, room_type TEXT NOT NULL, nightly_rate REAL NOT NULL);
CREATE TABLE guests (guest_id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, email TEXT NOT NULL, loyalty_level TEXT NOT NULL, country TEXT NOT NULL);
CREATE TABLE bookings (booking_id INTEGER PRIMARY KEY, guest_id INTEGER NOT NULL${fk(declaredKeys, 'guests(guest_id)')},
  room_id INTEGER NOT NULL${fk(declaredKeys, 'rooms(room_id)')}, booked_on DATE NOT NULL, check_in DATE NOT NULL, nights INTEGER NOT NULL,
  total_price REAL NOT NULL, status TEXT NOT NULL, channel TEXT NOT NULL);
CREATE TABLE reviews (review_id INTEGER PRIMARY KEY, booking_id INTEGER NOT NULL${fk(declaredKeys, 'bookings(booking_id)')}, rating INTEGER NOT NULL, review_date DATE NOT NULL);
`;
}

const HOTELS: [string, string, number][] = [
  ['Harbour View', 'Lisbon', 4], ['Old Town Inn', 'Prague', 3], ['Grand Plaza', 'Vienna', 5], ['Seaside Lodge', 'Lisbon', 3], ['Alpine Retreat', 'Innsbruck', 4],
];
const ROOM_TYPES: [string, number][] = [['Single', 80], ['Double', 120], ['Suite', 260]];
const LEVELS = ['Bronze', 'Silver', 'Platinum'];
const COUNTRIES = ['Spain', 'Germany', 'United States', 'Japan'];
const CHANNELS = ['direct', 'travel agent', 'online agency'];

/** Writes hotel.sqlite into a fresh temp dir. `declaredKeys: false` leaves keys to naming. */
export function createHotelDatabase(declaredKeys: boolean): FixtureDatabase {
  return writeFixtureDatabase('hotel', (db) => {
    const rnd = random(4242);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    db.exec(ddl(declaredKeys));
    db.transaction(() => {
      HOTELS.forEach(([name, city, stars], i) => db.prepare('INSERT INTO hotels VALUES (?, ?, ?, ?)').run(i + 1, name, city, stars));
      const rooms: { id: number; rate: number }[] = [];
      for (let r = 1; r <= 60; r++) {
        const hotel = 1 + ((r * 7) % 11) % 5;
        const [type, base] = ROOM_TYPES[r % 3];
        const rate = base + HOTELS[hotel - 1][2] * 10;
        db.prepare('INSERT INTO rooms VALUES (?, ?, ?, ?)').run(r, hotel, type, rate);
        rooms.push({ id: r, rate });
      }
      for (let g = 1; g <= 400; g++) {
        db.prepare('INSERT INTO guests VALUES (?, ?, ?, ?, ?)').run(g, `Guest ${g}`, `guest${g}@mail.example`, LEVELS[g % 7 === 0 ? 2 : g % 3 === 0 ? 1 : 0], pick(COUNTRIES));
      }
      let reviewId = 1;
      for (let b = 1; b <= 2500; b++) {
        const room = pick(rooms);
        const booked = Math.floor(rnd() * (DAYS - 60));
        const checkIn = booked + 1 + Math.floor(rnd() * 60);
        const nights = 1 + Math.floor(rnd() * 6);
        const u = rnd();
        const status = u < 0.12 ? 'cancelled' : u < 0.17 ? 'no-show' : 'completed';
        db.prepare('INSERT INTO bookings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(b, 1 + Math.floor(rnd() * 400), room.id, dayIso(booked), dayIso(checkIn), nights, room.rate * nights, status, pick(CHANNELS));
        if (status === 'completed' && rnd() < 0.4) {
          db.prepare('INSERT INTO reviews VALUES (?, ?, ?, ?)').run(reviewId++, b, 1 + Math.floor(rnd() * 5), dayIso(Math.min(DAYS, checkIn + nights + Math.floor(rnd() * 10))));
        }
      }
    })();
  });
}
