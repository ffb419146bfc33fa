import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../shared/types/auth';
import type { SchemaInfo } from '../../../shared/types/schema';
import type { Glossary } from '../../../shared/types/semantic';
import { ContextManager, createContextManager } from '../../../electron/main/context/contextManager';
import type { ApprovedExample, ApprovedExamplesSource } from '../../../electron/main/context/examples';
import { tableEmbeddingText } from '../../../electron/main/context/ranking/schemaIndex';
import { splitWords } from '../../../electron/main/context/ranking/text';
import { renderContext } from '../../../electron/main/context/render';
import { writeTinyEmbeddingModel } from '../../../electron/main/context/testing/tinyEmbeddingModel';
import type { ContextRequest, ConversationTurn } from '../../../electron/main/context/types';
import { introspectRetail, loadRetailGlossary } from './retailFixture';

const ctxA: RequestContext = { userId: 'ann', orgId: 'org-a', role: 'analyst', projectIds: ['p1'], sessionId: 's-a', department: 'Finance', expertise: 'analyst' };
const ctxB: RequestContext = { userId: 'bob', orgId: 'org-b', role: 'analyst', projectIds: [], sessionId: 's-b' };

const retail = await introspectRetail();
const retailGlossary = loadRetailGlossary();
// Org B deliberately reuses A's source id and schema version: only the organization differs.
const sourceA = { orgId: 'org-a', sourceId: 'warehouse', name: 'Retail warehouse', schema: { ...retail, version: 'v1' }, glossary: retailGlossary };
const schemaB: SchemaInfo = {
  dialect: 'postgres',
  version: 'v1',
  tables: [
    { name: 'clinic_regions', primaryKey: ['id'], rowCountEstimate: null, columns: [{ name: 'id', type: 'int', kind: 'number', nullable: false, isPrimaryKey: true }, { name: 'region_label', type: 'text', kind: 'text', nullable: false, isPrimaryKey: false }] },
    { name: 'patient_revenue', primaryKey: ['id'], rowCountEstimate: null, columns: [{ name: 'id', type: 'int', kind: 'number', nullable: false, isPrimaryKey: true }, { name: 'clinic_region_id', type: 'int', kind: 'number', nullable: false, isPrimaryKey: false }, { name: 'revenue_amount', type: 'numeric', kind: 'number', nullable: false, isPrimaryKey: false }] },
  ],
  foreignKeys: [{ fromTable: 'patient_revenue', fromColumns: ['clinic_region_id'], toTable: 'clinic_regions', toColumns: ['id'], inferred: false }],
};
const glossaryB: Glossary = {
  metrics: [{ name: 'revenue', synonyms: ['sales', 'clinic takings'], expression: 'SUM(patient_revenue.revenue_amount)', time: null, description: 'Confidential clinic revenue.' }],
  synonyms: { clinic_regions: ['region', 'area'] },
  pii: [],
};
const sourceB = { orgId: 'org-b', sourceId: 'warehouse', name: 'Clinic data', schema: schemaB, glossary: glossaryB };

/** An org-scoped store of approved examples, as the store layer provides. */
class ExamplesByOrg implements ApprovedExamplesSource {
  constructor(private readonly rows: { orgId: string; sourceId: string; example: ApprovedExample }[]) {}
  async listApproved(ctx: RequestContext, sourceId: string): Promise<ApprovedExample[]> {
    return this.rows.filter((r) => r.orgId === ctx.orgId && r.sourceId === sourceId).map((r) => r.example);
  }
}

const examples = new ExamplesByOrg([
  { orgId: 'org-a', sourceId: 'warehouse', example: { id: 'a-1', question: 'Revenue by region for 2024', sql: 'SELECT regions.region_name, SUM(order_items.net_amount) FROM orders JOIN order_items ON 1=1 GROUP BY 1' } },
  { orgId: 'org-a', sourceId: 'warehouse', example: { id: 'a-2', question: 'How many customers signed up last month?', sql: 'SELECT COUNT(*) FROM customers' } },
  { orgId: 'org-b', sourceId: 'warehouse', example: { id: 'b-1', question: 'Revenue by region this year', sql: 'SELECT clinic_regions.region_label FROM patient_revenue' } },
]);

const request = (source: ContextRequest['source'], question: string, extra: Partial<ContextRequest> = {}): ContextRequest => ({ source, question, ...extra });

function assertOnlyOrgA(text: string): void {
  for (const secret of ['clinic', 'patient', 'b-1', 'Confidential', 'region_label']) expect(text).not.toContain(secret);
}

describe('ContextManager organization isolation', () => {
  let modelsDir: string;
  let hybrid: ContextManager;

  beforeAll(async () => {
    modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-ctx-models-'));
    const texts = [...retail.tables.map((t) => tableEmbeddingText(t, retailGlossary)), ...schemaB.tables.map((t) => tableEmbeddingText(t, glossaryB)), 'revenue by region this year 2024'];
    writeTinyEmbeddingModel(modelsDir, 'tiny', { vocabulary: texts.flatMap((t) => splitWords(t)) });
    const created = await createContextManager({ modelsDir, examples });
    expect(created.embeddingProblem).toBeUndefined();
    hybrid = created.manager;
  });

  afterAll(async () => {
    await hybrid?.dispose();
    fs.rmSync(modelsDir, { recursive: true, force: true });
  });

  it.each([
    ['lexical', () => new ContextManager({ examples })],
    ['hybrid', () => hybrid],
  ])('never includes another organization’s schema, glossary or examples (%s ranking)', async (mode, manager) => {
    const m = manager();
    expect(m.rankingMode).toBe(mode);
    // Warm every cache with org B's data under the same source id and schema version first.
    const forB = await m.build(ctxB, request(sourceB, 'Revenue by region this year'));
    expect(forB.contextUsed.tables.sort()).toEqual(['clinic_regions', 'patient_revenue']);
    expect(forB.contextUsed.examples).toEqual(['b-1']);

    const forA = await m.build(ctxA, request(sourceA, 'Revenue by region this year'));
    const retailTables = new Set(retail.tables.map((t) => t.name));
    expect(forA.bundle.tables.length).toBeGreaterThan(0);
    expect(forA.bundle.tables.every((t) => retailTables.has(t.name))).toBe(true);
    expect(forA.contextUsed.examples).toContain('a-1');
    expect(forA.contextUsed.examples).not.toContain('b-1');
    assertOnlyOrgA(renderContext(forA.bundle));
    assertOnlyOrgA(JSON.stringify(forA));

    // And the other way round: B's context holds nothing of A's.
    const againB = JSON.stringify(await m.build(ctxB, request(sourceB, 'Revenue by region this year')));
    for (const secretOfA of ['order_items', 'a-1', 'Net sales after line discounts']) expect(againB).not.toContain(secretOfA);
  });

  it('refuses a source of another organization or one the caller may not use', async () => {
    await expect(new ContextManager().build(ctxA, request(sourceB, 'Revenue by region'))).rejects.toThrow(/another organization/);
    await expect(new ContextManager().build(ctxA, request(sourceA, 'Revenue', { permittedSources: [{ id: 'other', name: 'Other' }] }))).rejects.toThrow(/not among the sources you may use/);
  });

  it('ranks with the embedding model when one is installed', async () => {
    const { bundle, contextUsed } = await hybrid.build(ctxA, request(sourceA, 'How much did we refund customers last year?'));
    expect(contextUsed.rankingMode).toBe('hybrid');
    expect(bundle.tables.map((t) => t.name)).toContain('returns');
  });
});

describe('ContextManager assembly', () => {
  const manager = new ContextManager({ examples });

  it('includes who asks, where, and under which rules', async () => {
    const { bundle } = await manager.build(ctxA, request(sourceA, 'Revenue by loyalty tier', {
      person: { displayName: 'Ann Lee' },
      organization: { name: 'Acme Retail' },
      project: { id: 'p1', name: 'Q3 review' },
      permittedSources: [{ id: 'warehouse', name: 'Retail warehouse' }],
      policies: ['Never show customer emails'],
    }));
    expect(bundle.person).toEqual({ userId: 'ann', displayName: 'Ann Lee', role: 'analyst', department: 'Finance', expertise: 'analyst' });
    const text = renderContext(bundle);
    for (const expected of ['Ann Lee', 'department Finance', 'Acme Retail', 'Q3 review', 'Retail warehouse', 'policy: Never show customer emails']) expect(text).toContain(expected);
    expect(bundle.tables.find((t) => t.name === 'customers')?.columns.find((c) => c.name === 'email')?.pii).toBe(true);
    expect(bundle.glossary[0].id).toBe('metric:revenue');
    expect(bundle.tables.find((t) => t.name === 'orders')?.joins).toContain('orders.customer_id = customers.customer_id');
  });

  it('offers the most similar approved example with its SQL', async () => {
    const { bundle, contextUsed } = await manager.build(ctxA, request(sourceA, 'Revenue by region in 2025'));
    expect(bundle.examples[0]).toMatchObject({ id: 'a-1', sql: expect.stringContaining('regions.region_name') });
    expect(contextUsed.examples[0]).toBe('a-1');
  });

  it('keeps the last turns verbatim and summarises earlier ones', async () => {
    const conversation: ConversationTurn[] = Array.from({ length: 10 }, (_, i) =>
      i % 2 === 0 ? { role: 'user', text: `Question number ${i / 2} about stores` } : { role: 'assistant', text: `Answer ${i}`, sql: 'SELECT 1' },
    );
    const { bundle, contextUsed } = await manager.build(ctxA, request(sourceA, 'And by region?', { conversation }));
    expect(bundle.conversation.recentTurns).toEqual(conversation.slice(-6));
    expect(bundle.conversation.summary).toContain('Question number 0 about stores');
    expect(bundle.conversation.summary).toContain('Question number 1 about stores');
    expect(bundle.conversation.summary).not.toContain('Question number 2');
    expect(contextUsed.conversation).toEqual({ summarisedTurns: 4, verbatimTurns: 6 });
  });

  it('ranks a follow-up with the question it refines', async () => {
    const conversation: ConversationTurn[] = [
      { role: 'user', text: 'Revenue by product category last quarter' },
      { role: 'assistant', text: 'Here it is.' },
    ];
    const { contextUsed } = await manager.build(ctxA, request(sourceA, 'Only for Europe', { conversation }));
    expect(contextUsed.tables).toEqual(expect.arrayContaining(['product_categories', 'products', 'order_items', 'orders', 'regions']));
  });

  it('trims to the token budget, dropping the least relevant items first', async () => {
    const full = await manager.build(ctxA, request(sourceA, 'Revenue by loyalty tier'));
    const budget = Math.floor(full.contextUsed.estimatedTokens * 0.7);
    const trimmed = await manager.build(ctxA, request(sourceA, 'Revenue by loyalty tier', { tokenBudget: budget }));
    expect(trimmed.contextUsed.estimatedTokens).toBeLessThanOrEqual(budget + 10);
    expect(trimmed.contextUsed.droppedForBudget).toBeGreaterThan(0);
    expect(trimmed.contextUsed.tables.length).toBeLessThan(full.contextUsed.tables.length);
    expect(trimmed.contextUsed.tables).toEqual(expect.arrayContaining(['customers', 'orders', 'order_items']));
    expect(trimmed.contextUsed.glossary[0]).toBe('metric:revenue');
  });

  it('rejects an empty question and a non-positive budget with a clear message', async () => {
    await expect(manager.build(ctxA, request(sourceA, '   '))).rejects.toThrow(/question is empty/);
    await expect(manager.build(ctxA, request(sourceA, 'Revenue', { tokenBudget: 0 }))).rejects.toThrow(/token budget must be a positive number/);
  });

  it('ranks lexically when no model is installed', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'aiser-ctx-nomodel-'));
    try {
      const { manager: lexical, embeddingProblem } = await createContextManager({ modelsDir: empty });
      expect(lexical.rankingMode).toBe('lexical');
      expect(embeddingProblem).toBeUndefined();
      expect((await lexical.build(ctxA, request(sourceA, 'Refunds by reason'))).contextUsed.tables[0]).toBe('returns');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
