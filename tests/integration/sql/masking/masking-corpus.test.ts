import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createConnector } from '../../../../electron/main/connectors/registry';
import type { Connector } from '../../../../electron/main/connectors/types';
import { executeGuarded } from '../../../../electron/main/query/executeGuarded';
import { protectedColumns } from '../../../../electron/main/query/protectedColumns';
import type { ColumnMaskSetting } from '../../../../electron/main/security/masking';
import { MaskingKeys } from '../../../../electron/main/security/maskingKeys';
import type { RequestContext, Role } from '../../../../shared/types/auth';
import type { Dialect, SchemaInfo } from '../../../../shared/types/schema';
import { loadMaskingCorpus, type MaskingProbe } from './corpus';
import { DATASETS, openMaskingFixture, protectedFragments, type MaskingFixture } from './fixture';

const corpus = loadMaskingCorpus();
const keys = new MaskingKeys(() => Buffer.alloc(32, 7));
const as = (role: Role, orgId = 'org-1'): RequestContext => ({ userId: `u-${role}`, orgId, role, projectIds: [], sessionId: 's' });
const VIEWER = as('executive');
const ADMIN = as('admin');

interface Side { fixture: MaskingFixture; connector: Connector; schema: SchemaInfo }

/** One query as a person would run it; the outcome (rows or error text) as comparable text. */
async function outcome(side: Side, dialect: Dialect, sql: string, ctx: RequestContext, styles: Map<string, ColumnMaskSetting> = new Map()): Promise<string> {
  const cols = protectedColumns({ semanticModel: null }, side.schema, styles);
  const masking = ctx.role === 'admin' ? null : { tables: cols.tables, key: keys.forOrganization(ctx.orgId) };
  try {
    const result = await executeGuarded({
      connector: side.connector, dialect, sql, ctx, maxRows: 1000, masking, columnStyles: cols.resultStyles,
      allowedTables: new Set(side.schema.tables.map((t) => t.name.toLowerCase())),
    });
    const rows = result.rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort();
    return `rows ${rows.join('\n')}`;
  } catch (error) {
    const e = error as Error & { hint?: string; code?: string };
    let text = `error ${e.code ?? e.name}: ${e.message} ${e.hint ?? ''} ${e.stack ?? ''}`;
    for (const name of side.fixture.names) text = text.split(name).join('<fixture>');
    return text.replace(/\n\s+at .*/g, '');
  }
}

const leaked = (text: string, fragments: string[]) => fragments.filter((f) => text.includes(f));
const firstCell = (text: string) => (text.startsWith('rows ') ? (JSON.parse(text.slice(5).split('\n')[0] || '[null]') as unknown[])[0] : text);

describe.each(['postgres', 'mysql', 'sqlite', 'duckdb'] as const)('masking attack corpus on real %s', (dialect) => {
  const sides: Partial<Record<'a' | 'b', Side>> = {};
  const probes = corpus.filter((p) => p.dialect === dialect);

  beforeAll(async () => {
    for (const dataset of ['a', 'b'] as const) {
      const fixture = await openMaskingFixture(dialect, dataset);
      const connector = createConnector(fixture.config);
      sides[dataset] = { fixture, connector, schema: await connector.introspect({ distinctValueCap: 0 }) };
    }
  }, 120_000);
  afterAll(async () => {
    for (const side of Object.values(sides)) {
      await side?.connector.close();
      await side?.fixture.drop();
    }
  });

  it(`has a corpus of at least 90 probes covering every attack class (${probes.length})`, () => {
    expect(probes.length).toBeGreaterThanOrEqual(90);
    const classes = new Set(probes.map((p) => p.cls));
    for (const cls of ['cte', 'subquery', 'set-operation', 'window', 'function', 'filter-oracle', 'join-oracle', 'cast', 'error']) expect(classes).toContain(cls);
    expect(corpus.length).toBeGreaterThanOrEqual(150);
  });

  it('returns no protected value (whole or in identifying parts) in any result or error, with the default masks', async () => {
    const fragments = protectedFragments('a');
    const unkeyed = DATASETS.a.map((c) => createHash('sha256').update(c[1]).digest('hex').slice(0, 8));
    const leaks: string[] = [];
    for (const probe of probes) {
      const text = await outcome(sides.a!, dialect, probe.sql, VIEWER);
      const found = [...leaked(text, fragments), ...leaked(text, unkeyed)];
      if (found.length) leaks.push(`[${probe.cls}] ${probe.sql}\n  leaked ${found.join(', ')} in ${text.slice(0, 300)}`);
    }
    expect(leaks).toEqual([]);
  });

  it('gives a person without PII access the same answer whatever the hidden parts of protected values are', async () => {
    // Full names are redacted here (hashes of different names differ by design); everything
    // else a probe computes from a protected column must not depend on what masking hides.
    const styles = new Map<string, ColumnMaskSetting>([['full_name', 'redact']]);
    const differences: string[] = [];
    for (const probe of probes) {
      const [a, b] = [await outcome(sides.a!, dialect, probe.sql, VIEWER, styles), await outcome(sides.b!, dialect, probe.sql, VIEWER, styles)];
      if (a !== b) differences.push(`[${probe.cls}] ${probe.sql}\n  A ${a.slice(0, 300)}\n  B ${b.slice(0, 300)}`);
    }
    expect(differences).toEqual([]);
  });

  it('runs the analytic-syntax probes (grouping sets, null-safe comparisons, FILTER) instead of refusing them', async () => {
    const analytic = probes.filter((p) => p.cls === 'grouping-sets');
    expect(analytic.length).toBeGreaterThanOrEqual(3);
    for (const probe of analytic) expect((await outcome(sides.a!, dialect, probe.sql, VIEWER)).slice(0, 300), probe.sql).toMatch(/^rows /);
  });

  it('closes filter and join oracles: a known protected value matches nothing without PII access, and matches with it', async () => {
    const oracles = probes.filter((p: MaskingProbe) => p.expect === 'no-match');
    expect(oracles.length).toBeGreaterThanOrEqual(10);
    for (const probe of oracles) {
      expect(Number(firstCell(await outcome(sides.a!, dialect, probe.sql, VIEWER))), probe.sql).toBe(0);
      expect(Number(firstCell(await outcome(sides.a!, dialect, probe.sql, ADMIN))), probe.sql).toBeGreaterThan(0);
    }
  });

  it('still shows raw values to a role with PII access, and most probes do read protected data', async () => {
    const all = await outcome(sides.a!, dialect, 'SELECT email, full_name, phone FROM contacts', ADMIN);
    expect(all).toContain(DATASETS.a[0][2]);
    expect(all).toContain(DATASETS.a[1][1]);
    let dependent = 0;
    for (const probe of probes) {
      if (await outcome(sides.a!, dialect, probe.sql, ADMIN) !== await outcome(sides.b!, dialect, probe.sql, ADMIN)) dependent += 1;
    }
    expect(dependent / probes.length).toBeGreaterThan(0.6);
  });

  it('keys hashes per organization: equal values group together, other organizations get other hashes', async () => {
    const sql = 'SELECT full_name, COUNT(*) AS n FROM contacts c JOIN tickets t ON t.contact_id = c.id GROUP BY full_name';
    const mine = await outcome(sides.a!, dialect, sql, VIEWER);
    const theirs = await outcome(sides.a!, dialect, sql, as('executive', 'org-2'));
    if (dialect === 'sqlite') {
      expect(mine).toContain('••••'); // no hash function in SQLite: hashed columns are redacted
      return;
    }
    expect(mine.match(/#[0-9a-f]{16}/g)?.length).toBe(DATASETS.a.length);
    expect(mine).toContain('"#');
    expect(mine).not.toBe(theirs);
  });
});
