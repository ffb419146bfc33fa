/** Held-out fixture: a bank (customers, accounts, transactions, merchants) with prefixed camelCase
 *  identifiers (`sbCustCountry`), only some keys declared, text timestamps and nullable merchants. */
import { DAYS, dayIso, random, writeFixtureDatabase, type FixtureDatabase } from './fixtureKit';

const DDL = `
CREATE TABLE sbCustomer (sbCustId INTEGER PRIMARY KEY, sbCustName TEXT NOT NULL, sbCustCountry TEXT NOT NULL, sbCustSegment TEXT NOT NULL, sbCustJoinDate TEXT NOT NULL);
CREATE TABLE sbAccount (sbAcctId INTEGER PRIMARY KEY, sbAcctCustId INTEGER NOT NULL REFERENCES sbCustomer(sbCustId), sbAcctType TEXT NOT NULL,
  sbAcctOpenDate DATE NOT NULL, sbAcctStatus TEXT NOT NULL, sbAcctBalance REAL NOT NULL);
CREATE TABLE sbMerchant (sbMerchantId INTEGER PRIMARY KEY, sbMerchantName TEXT NOT NULL, sbMerchantCategory TEXT NOT NULL);
CREATE TABLE sbTransaction (sbTxId INTEGER PRIMARY KEY, sbTxAcctId INTEGER NOT NULL, sbTxType TEXT NOT NULL, sbTxAmount REAL NOT NULL,
  sbTxDateTime TEXT NOT NULL, sbTxStatus TEXT NOT NULL, sbTxMerchantId INTEGER);
`;

const COUNTRIES = ['Germany', 'France', 'Netherlands', 'Poland', 'Ireland'];
const SEGMENTS = ['retail', 'retail', 'retail', 'private', 'corporate'];
const ACCOUNT_TYPES = ['checking', 'savings', 'brokerage'];
const NAMES = ['Adler', 'Bakker', 'Clement', 'Duval', 'Eriksen', 'Fontaine', 'Gruber', 'Hendriks', 'Jansen', 'Kowal', 'Lemaire', 'Murphy', 'Nowak', 'OBrien'];
const MERCHANTS: [string, string][] = [
  ['FreshMart', 'groceries'], ['CityFuel', 'fuel'], ['Bistro 9', 'restaurants'], ['RailLink', 'travel'], ['SkyBooking', 'travel'],
  ['PharmaPlus', 'health'], ['MegaGrocer', 'groceries'], ['StreamBox', 'entertainment'],
];

export function createFinanceDatabase(): FixtureDatabase {
  return writeFixtureDatabase('finance', (db) => {
    const rnd = random(31337);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    db.exec(DDL);
    db.transaction(() => {
      MERCHANTS.forEach((m, i) => db.prepare('INSERT INTO sbMerchant VALUES (?, ?, ?)').run(i + 1, ...m));
      let account = 1;
      const accounts: { id: number; opened: number }[] = [];
      for (let c = 1; c <= 400; c++) {
        const joined = Math.floor(rnd() * (DAYS - 30));
        const segment = pick(SEGMENTS);
        db.prepare('INSERT INTO sbCustomer VALUES (?, ?, ?, ?, ?)').run(c, `${pick(NAMES)} ${segment === 'corporate' ? 'GmbH' : String.fromCharCode(65 + (c % 26)) + '.'} ${c}`, pick(COUNTRIES), segment, dayIso(joined));
        for (let a = 1 + Math.floor(rnd() * 3); a > 0; a--) {
          const opened = Math.min(DAYS - 1, joined + Math.floor(rnd() * 200));
          const type = pick(ACCOUNT_TYPES);
          const balance = Math.round(rnd() * rnd() * (segment === 'corporate' ? 400000 : 80000) * 100) / 100;
          db.prepare('INSERT INTO sbAccount VALUES (?, ?, ?, ?, ?, ?)').run(account, c, type, dayIso(opened), rnd() < 0.12 ? 'closed' : 'open', balance);
          accounts.push({ id: account++, opened });
        }
      }
      for (let t = 1; t <= 6000; t++) {
        const acct = pick(accounts);
        const day = acct.opened + Math.floor(rnd() * (DAYS - acct.opened));
        const r = rnd();
        const type = r < 0.3 ? 'deposit' : r < 0.75 ? 'withdrawal' : r < 0.85 ? 'fee' : 'transfer';
        const amount = type === 'fee' ? 2 + Math.floor(rnd() * 6) * 2.5 : Math.round((20 + rnd() * rnd() * 3000) * 100) / 100;
        const merchant = type === 'withdrawal' && rnd() < 0.7 ? 1 + Math.floor(rnd() * MERCHANTS.length) : null;
        const status = rnd() < 0.05 ? 'reversed' : rnd() < 0.08 ? 'pending' : 'posted';
        const time = `${String(Math.floor(rnd() * 24)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}`;
        db.prepare('INSERT INTO sbTransaction VALUES (?, ?, ?, ?, ?, ?, ?)').run(t, acct.id, type, amount, `${dayIso(day)} ${time}`, status, merchant);
      }
    })();
  });
}
