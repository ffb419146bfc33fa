import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSaasDatabase } from '../../../tests/support/nl2sql/saas';
import { runNl2sqlCommand } from '../cli/nl2sqlCommand';

let dir: string;
let db: { file: string; cleanup: () => void };

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-nl2sql-cli-'));
  db = createSaasDatabase();
  fs.writeFileSync(path.join(dir, 'glossary.json'), JSON.stringify({
    metrics: [{ name: 'billings', synonyms: ['revenue'], expression: 'SUM(invoices.amount)', filter: "invoices.status <> 'void'", time: 'invoices.invoice_date' }],
  }));
  fs.writeFileSync(path.join(dir, 'q.jsonl'), [
    JSON.stringify({ id: 'a', question: 'Revenue last year' }),
    JSON.stringify({ id: 'b', conversation: ['Revenue by industry in 2025', 'Only Germany'] }),
    JSON.stringify({ id: 'c', question: 'parking fees of the moon' }),
  ].join('\n'));
});
afterAll(() => { db.cleanup(); fs.rmSync(dir, { recursive: true, force: true }); });

describe('aiser nl2sql', () => {
  it('writes one prediction per question with sql, ms and confidence', async () => {
    const out = path.join(dir, 'p.jsonl');
    const code = await runNl2sqlCommand(['--db', db.file, '--semantic', path.join(dir, 'glossary.json'), '--now', '2026-07-01', '--in', path.join(dir, 'q.jsonl'), '--out', out]);
    expect(code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c']);
    expect(lines[0].sql).toBe("SELECT SUM(invoices.amount) AS billings FROM invoices WHERE invoices.status <> 'void' AND invoices.invoice_date >= '2025-01-01' AND invoices.invoice_date < '2026-01-01'");
    expect(lines[1].sql).toContain("accounts.country = 'Germany'");
    for (const l of lines) {
      expect(typeof l.ms).toBe('number');
      expect(l.confidence).toBeGreaterThanOrEqual(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
    }
    expect(lines[2].sql).toBe('');
    expect(lines[2].clarification).toMatch(/could not find what to measure/);
  });

  it('rejects missing options and bad dates with a usage message (exit 2)', async () => {
    expect(await runNl2sqlCommand(['--db', db.file])).toBe(2);
    expect(await runNl2sqlCommand(['--db', db.file, '--in', path.join(dir, 'q.jsonl'), '--out', path.join(dir, 'x.jsonl'), '--now', '01/07/2026'])).toBe(2);
    expect(await runNl2sqlCommand(['--db', path.join(dir, 'missing.sqlite'), '--in', path.join(dir, 'q.jsonl'), '--out', path.join(dir, 'x.jsonl')])).toBe(1);
  });
});
