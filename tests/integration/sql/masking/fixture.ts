import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { SourceConfig } from '../../../../electron/main/connectors/types';
import type { Dialect } from '../../../../shared/types/schema';

type Contact = [id: number, fullName: string, email: string | null, phone: string, birthDate: string, city: string, segment: string, score: number];

/** Two datasets with the same shape and public columns; the protected values differ only in the
 *  parts masking hides (e-mail local part, name, birth date, all but a phone's last two digits). */
export const DATASETS: Record<'a' | 'b', Contact[]> = {
  a: [
    [1, 'Ana Lopez', 'qx.ana.lopez@acme.example', '+44 20 7946 0958', '1984-03-12', 'Leeds', 'enterprise', 7],
    [2, 'Bruno Keller', 'vk.bruno.keller@acme.example', '+41 44 668 1800', '1979-11-02', 'Zurich', 'consumer', 3],
    [3, 'Chen Wei', 'zz.chen.wei@beta.example', '+86 10 6552 9988', '1991-07-30', 'Beijing', 'consumer', 9],
    [4, 'Dana Scully', 'dana.scully@gamma.example', '+1 202 555 0147', '1964-02-23', 'Washington', 'enterprise', 5],
    [5, 'Emeka Obi', 'emeka.obi@beta.example', '+234 1 280 5533', '1988-05-17', 'Lagos', 'smb', 8],
    [6, 'Farah Haddad', null, '+961 1 344 221', '2000-01-01', 'Beirut', 'smb', 4],
  ],
  b: [
    [1, 'Ola Nordmann', 'pp.ola.nordmann@acme.example', '+47 22 11 43 58', '1972-08-01', 'Leeds', 'enterprise', 7],
    [2, 'Yuki Tanaka', 'tanaka.yuki@acme.example', '+81 3 1234 5600', '1995-12-24', 'Zurich', 'consumer', 3],
    [3, 'Maria Rossi', 'm.rossi@beta.example', '+39 06 4567 8988', '1969-04-05', 'Beijing', 'consumer', 9],
    [4, 'Ivan Petrov', 'ivan.p@gamma.example', '+7 495 765 4447', '1983-10-10', 'Washington', 'enterprise', 5],
    [5, 'Sara Berg', 'sberg77@beta.example', '+46 8 999 1133', '1999-09-09', 'Lagos', 'smb', 8],
    [6, 'Omar Said', null, '+20 2 777 0021', '1958-06-30', 'Beirut', 'smb', 4],
  ],
};

/** Tickets reference a contact and repeat its e-mail (a second protected column, for joins). */
const TICKETS: Array<[id: number, contactId: number, subject: string, amount: number, openedOn: string]> = [
  [1, 1, 'Invoice question', 120.5, '2024-01-03'],
  [2, 1, 'Login problem', 0, '2024-02-11'],
  [3, 2, 'Refund', 75, '2024-02-20'],
  [4, 3, 'Upgrade', 300, '2024-03-05'],
  [5, 4, 'Invoice question', 42.25, '2024-03-17'],
  [6, 5, 'Cancellation', 10, '2024-04-01'],
  [7, 6, 'Login problem', 0, '2024-04-09'],
];

function tickets(dataset: 'a' | 'b'): Array<[number, number, string | null, string, number, string]> {
  const emailOf = new Map(DATASETS[dataset].map((c) => [c[0], c[2]]));
  return TICKETS.map(([id, contactId, subject, amount, openedOn]) => [id, contactId, emailOf.get(contactId) ?? null, subject, amount, openedOn]);
}

const literal = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);
function statements(dataset: 'a' | 'b'): string[] {
  return [
    'CREATE TABLE contacts (id INTEGER PRIMARY KEY, full_name VARCHAR(80), email VARCHAR(120), phone VARCHAR(40), birth_date DATE, city VARCHAR(40), segment VARCHAR(20), score INTEGER)',
    'CREATE TABLE tickets (id INTEGER PRIMARY KEY, contact_id INTEGER, contact_email VARCHAR(120), subject VARCHAR(80), amount DECIMAL(10,2), opened_on DATE)',
    `INSERT INTO contacts VALUES ${DATASETS[dataset].map((r) => `(${r.map(literal).join(', ')})`).join(', ')}`,
    `INSERT INTO tickets VALUES ${tickets(dataset).map((r) => `(${r.map(literal).join(', ')})`).join(', ')}`,
  ];
}

export interface MaskingFixture {
  config: SourceConfig;
  /** Names of this dataset's schema/database/file, which engines may quote in errors. */
  names: string[];
  drop(): Promise<void>;
}

const unique = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;
const PG_URL = process.env.AISER_TEST_PG_URL ?? 'postgres://aiser:aiser@127.0.0.1:5432/aiser_src';
const MYSQL_URL = process.env.AISER_TEST_MYSQL_URL ?? 'mysql://aiser:aiser@127.0.0.1:3306/aiser_src';

export async function openMaskingFixture(dialect: Dialect, dataset: 'a' | 'b'): Promise<MaskingFixture> {
  if (dialect === 'postgres') {
    const schema = unique(`mask_${dataset}`);
    const admin = new pg.Client(PG_URL);
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(`SET search_path TO ${schema}`);
    for (const sql of statements(dataset)) await admin.query(sql);
    return { config: { type: 'postgres', url: PG_URL, schema }, names: [schema], drop: async () => { await admin.query(`DROP SCHEMA ${schema} CASCADE`); await admin.end(); } };
  }
  if (dialect === 'mysql') {
    const database = unique(`mask_${dataset}`);
    const admin = await mysql.createConnection({ uri: MYSQL_URL });
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.query(`USE ${database}`);
    for (const sql of statements(dataset)) await admin.query(sql);
    return { config: { type: 'mysql', url: MYSQL_URL, database }, names: [database], drop: async () => { await admin.query(`DROP DATABASE ${database}`); await admin.end(); } };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aiser-mask-${dataset}-`));
  const drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    const file = path.join(dir, 'crm.sqlite');
    const db = new Database(file);
    for (const sql of statements(dataset)) db.exec(sql);
    db.close();
    return { config: { type: 'sqlite', path: file }, names: [dir], drop };
  }
  const csv = (rows: Array<Array<string | number | null>>) => rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\n') + '\n';
  fs.writeFileSync(path.join(dir, 'contacts.csv'), 'id,full_name,email,phone,birth_date,city,segment,score\n' + csv(DATASETS[dataset]));
  fs.writeFileSync(path.join(dir, 'tickets.csv'), 'id,contact_id,contact_email,subject,amount,opened_on\n' + csv(tickets(dataset)));
  return { config: { type: 'files', path: dir }, names: [dir], drop };
}

/** Every protected value of a dataset and the fragments that would identify it. */
export function protectedFragments(dataset: 'a' | 'b'): string[] {
  const out = new Set<string>();
  for (const [, name, email, phone, birth] of DATASETS[dataset]) {
    out.add(name);
    for (const part of name.split(' ')) if (part.length >= 4) out.add(part);
    if (email) {
      out.add(email);
      out.add(email.slice(0, email.indexOf('@')));
    }
    out.add(phone);
    out.add(phone.replace(/\D/g, ''));
    out.add(birth);
  }
  return [...out];
}
