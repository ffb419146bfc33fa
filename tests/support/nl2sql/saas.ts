/** Test fixture: a small SaaS subscriptions database (real SQLite file) and its glossary. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SchemaInfo } from '../../../shared/types/schema';
import { parseGlossary, type Glossary } from '../../../shared/types/semantic';

const DDL = `
CREATE TABLE plans (plan_id INTEGER PRIMARY KEY, plan_name TEXT NOT NULL, tier TEXT NOT NULL, monthly_price NUMERIC NOT NULL);
CREATE TABLE accounts (account_id INTEGER PRIMARY KEY, company_name TEXT NOT NULL, industry TEXT NOT NULL, country TEXT NOT NULL, signup_date DATE NOT NULL, is_active INTEGER NOT NULL);
CREATE TABLE agents (agent_id INTEGER PRIMARY KEY, agent_name TEXT NOT NULL, team TEXT NOT NULL);
CREATE TABLE subscriptions (subscription_id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(account_id), plan_id INTEGER NOT NULL REFERENCES plans(plan_id), start_date DATE NOT NULL, end_date DATE, seats INTEGER NOT NULL);
CREATE TABLE invoices (invoice_id INTEGER PRIMARY KEY, subscription_id INTEGER NOT NULL REFERENCES subscriptions(subscription_id), invoice_date DATE NOT NULL, amount NUMERIC NOT NULL, status TEXT NOT NULL);
CREATE TABLE support_tickets (ticket_id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(account_id), agent_id INTEGER REFERENCES agents(agent_id), opened_on DATE NOT NULL, closed_on DATE, priority TEXT NOT NULL);
`;

const INDUSTRIES = ['Healthcare', 'Finance', 'Retail', 'Education'];
const COUNTRIES = ['Germany', 'France', 'Canada', 'Japan'];
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Creates the database in a fresh temp dir; deterministic content. Call `cleanup` when done. */
export function createSaasDatabase(): { file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-nl2sql-saas-'));
  const file = path.join(dir, 'saas.sqlite');
  const db = new Database(file);
  db.exec(DDL);
  const plans = [[1, 'Starter', 'Basic', 29], [2, 'Team', 'Pro', 99], [3, 'Scale', 'Pro', 199], [4, 'Corporate', 'Enterprise', 499]];
  plans.forEach((p) => db.prepare('INSERT INTO plans VALUES (?, ?, ?, ?)').run(...p));
  ['Ada', 'Grace', 'Linus'].forEach((n, i) => db.prepare('INSERT INTO agents VALUES (?, ?, ?)').run(i + 1, n, i < 2 ? 'Tier 1' : 'Tier 2'));
  let invoiceId = 1;
  let ticketId = 1;
  for (let a = 1; a <= 24; a++) {
    const signup = new Date(Date.UTC(2024, (a * 5) % 24, 1 + (a % 27)));
    db.prepare('INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?)').run(a, `Company ${a}`, INDUSTRIES[a % 4], COUNTRIES[(a * 3) % 4], iso(signup), a % 5 === 0 ? 0 : 1);
    const start = new Date(signup.getTime() + 86_400_000 * (a % 9));
    const end = a % 4 === 0 ? iso(new Date(start.getTime() + 86_400_000 * 200)) : null;
    db.prepare('INSERT INTO subscriptions VALUES (?, ?, ?, ?, ?, ?)').run(a, a, 1 + (a % 4), iso(start), end, 1 + (a % 7) * 3);
    for (let m = 0; m < 14; m++) {
      const date = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 3));
      if (date >= new Date(Date.UTC(2026, 6, 1)) || (end && iso(date) >= end)) break;
      const status = (a + m) % 11 === 0 ? 'void' : (a + m) % 7 === 0 ? 'open' : 'paid';
      db.prepare('INSERT INTO invoices VALUES (?, ?, ?, ?, ?)').run(invoiceId++, a, iso(date), (plans[a % 4][3] as number) * (1 + (a % 7) * 3), status);
    }
    for (let t = 0; t < a % 5; t++) {
      const opened = new Date(start.getTime() + 86_400_000 * (20 + t * 37));
      const closed = (a + t) % 3 === 0 ? null : iso(new Date(opened.getTime() + 86_400_000 * (1 + ((a + t) % 6))));
      db.prepare('INSERT INTO support_tickets VALUES (?, ?, ?, ?, ?, ?)').run(ticketId++, a, (a + t) % 4 === 0 ? null : 1 + ((a + t) % 3), iso(opened), closed, ['low', 'high', 'urgent'][(a + t) % 3]);
    }
  }
  db.close();
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const SAAS_GLOSSARY: Glossary = parseGlossary({
  now: '2026-07-01',
  metrics: [
    { name: 'billings', synonyms: ['invoiced revenue', 'revenue', 'sales'], expression: 'SUM(invoices.amount)', filter: "invoices.status <> 'void'", time: 'invoices.invoice_date', format: 'currency', description: 'Invoiced amounts, excluding void invoices.' },
    { name: 'seats sold', synonyms: ['seats', 'licenses'], expression: 'SUM(subscriptions.seats)', time: 'subscriptions.start_date', format: 'integer' },
    { name: 'active subscriptions', synonyms: ['live subscriptions'], expression: 'COUNT(DISTINCT subscriptions.subscription_id)', filter: 'subscriptions.start_date <= {as_of} AND (subscriptions.end_date IS NULL OR subscriptions.end_date > {as_of})', time: null, format: 'integer' },
  ],
  synonyms: { accounts: ['clients', 'customers'], 'plans.tier': ['plan tier', 'package'], 'accounts.industry': ['vertical', 'sector'], support_tickets: ['tickets', 'cases'] },
  pii: ['accounts.company_name'],
});

/** A hospital schema (metadata only) for tests that check SQL text, without a glossary. */
export const HOSPITAL_SCHEMA: SchemaInfo = {
  dialect: 'postgres',
  version: 'h1',
  tables: [
    { name: 'departments', primaryKey: ['department_id'], rowCountEstimate: 12, columns: [
      { name: 'department_id', type: 'integer', kind: 'number', nullable: false, isPrimaryKey: true },
      { name: 'department_name', type: 'text', kind: 'text', nullable: false, isPrimaryKey: false, distinctValues: ['Cardiology', 'Oncology', 'Pediatrics', 'Emergency'] },
      { name: 'wing', type: 'text', kind: 'text', nullable: false, isPrimaryKey: false, distinctValues: ['North', 'South'] },
    ] },
    { name: 'doctors', primaryKey: ['doctor_id'], rowCountEstimate: 80, columns: [
      { name: 'doctor_id', type: 'integer', kind: 'number', nullable: false, isPrimaryKey: true },
      { name: 'doctor_name', type: 'text', kind: 'text', nullable: false, isPrimaryKey: false },
      { name: 'department_id', type: 'integer', kind: 'number', nullable: false, isPrimaryKey: false },
      { name: 'hired_on', type: 'date', kind: 'date', nullable: false, isPrimaryKey: false },
    ] },
    { name: 'patients', primaryKey: ['patient_id'], rowCountEstimate: 5000, columns: [
      { name: 'patient_id', type: 'integer', kind: 'number', nullable: false, isPrimaryKey: true },
      { name: 'insurance_type', type: 'text', kind: 'text', nullable: false, isPrimaryKey: false, distinctValues: ['Private', 'Public', 'Uninsured'] },
      { name: 'birth_date', type: 'date', kind: 'date', nullable: true, isPrimaryKey: false },
    ] },
    { name: 'admissions', primaryKey: ['admission_id'], rowCountEstimate: 40000, columns: [
      { name: 'admission_id', type: 'integer', kind: 'number', nullable: false, isPrimaryKey: true },
      { name: 'patient_id', type: 'integer', kind: 'number', nullable: false, isPrimaryKey: false },
      { name: 'department_id', type: 'integer', kind: 'number', nullable: false, isPrimaryKey: false },
      { name: 'doctor_id', type: 'integer', kind: 'number', nullable: true, isPrimaryKey: false },
      { name: 'admitted_on', type: 'timestamp', kind: 'datetime', nullable: false, isPrimaryKey: false },
      { name: 'discharged_on', type: 'timestamp', kind: 'datetime', nullable: true, isPrimaryKey: false },
      { name: 'total_cost', type: 'numeric', kind: 'number', nullable: false, isPrimaryKey: false },
      { name: 'admission_type', type: 'text', kind: 'text', nullable: false, isPrimaryKey: false, distinctValues: ['emergency', 'elective', 'transfer'] },
    ] },
  ],
  foreignKeys: [
    { fromTable: 'doctors', fromColumns: ['department_id'], toTable: 'departments', toColumns: ['department_id'], inferred: false },
    { fromTable: 'admissions', fromColumns: ['patient_id'], toTable: 'patients', toColumns: ['patient_id'], inferred: false },
    { fromTable: 'admissions', fromColumns: ['department_id'], toTable: 'departments', toColumns: ['department_id'], inferred: false },
    { fromTable: 'admissions', fromColumns: ['doctor_id'], toTable: 'doctors', toColumns: ['doctor_id'], inferred: true },
  ],
};
