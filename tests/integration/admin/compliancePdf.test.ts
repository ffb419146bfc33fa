import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, run } from '../../support/reportWorkspace';
import { post, signIn, startTempServer } from '../../support/tempServer';
import { addMember, cleanup, createSecondOrg, expectRefused, ok, type TestServer } from '../security/fixtures';

type PdfFile = { filename: string; mimeType: string; base64: string; rows: number; sections: Record<string, number> };
type CsvFile = { rows: number; sections: Record<string, number> };

describe('the compliance report as a PDF', () => {
  let server: TestServer;
  let admin: string;
  const period = { from: '2000-01-01', to: '2100-01-01' };

  beforeAll(async () => {
    server = await startTempServer();
    admin = await signIn(server.url);
    await ok(server, 'policies/set', { masking: { 'customers.email': 'redact' } }, admin);
    await ok(server, 'audit/export', { format: 'csv' }, admin);
  });
  afterAll(() => cleanup(server));

  it('prints every section with the period’s events, the same counts as the CSV, and nothing of another organization', async () => {
    const other = await createSecondOrg(server, 'elsewhere');
    await ok(server, 'policies/set', { masking: { 'accounts.contact_email': 'hash' } }, other.adminToken);
    const csv = await ok<CsvFile>(server, 'compliance/export', period, admin);
    const pdf = await ok<PdfFile>(server, 'compliance/exportPdf', period, admin);
    expect(pdf.mimeType).toBe('application/pdf');
    expect(pdf.filename).toBe('compliance-2000-01-01-to-2100-01-01.pdf');
    // The CSV export in between is itself recorded as an export.
    expect(pdf.rows).toBe(csv.rows + 1);
    expect(pdf.sections).toEqual({ ...csv.sections, exports: csv.sections.exports + 1 });
    const file = path.join(artifactsDir(), 'compliance-report.pdf');
    fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = run('pdftotext', [file, '-']).replace(/\s+/g, ' ');
    // Table cells wrap inside words: identifiers are looked for with the whitespace taken out.
    const compact = text.replace(/\s+/g, '');
    expect(text).toContain('Compliance report');
    for (const title of ['Who accessed what', 'Exports', 'AI operations', 'Policy changes', 'Alerts']) expect(text).toContain(title);
    expect(text).toContain(`Policy changes: ${pdf.sections['policy changes']} event`);
    expect(compact).toContain('policies.update');
    expect(compact).toContain('audit.export');
    expect(compact).toContain('compliance.export');
    expect(compact).not.toContain('admin@elsewhere.example.org');
    expect(compact).not.toContain('accounts.contact_email');
    run('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', file, path.join(artifactsDir(), 'compliance-report')]);
  });

  it('is for people who may read the audit trail only', async () => {
    const analyst = await addMember(server, admin, 'analyst', 'analyst-compliance@example.com');
    expectRefused(await post(server.url, 'compliance/exportPdf', period, analyst.token), 403, 'FORBIDDEN');
  });
});
