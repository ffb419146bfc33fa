/** Vague measures get a clarifying question with concrete options instead of a silent guess. */
import { describe, expect, it } from 'vitest';
import { createConnector } from '../connectors/registry';
import { createSaasDatabase, HOSPITAL_SCHEMA, SAAS_GLOSSARY } from '../../../tests/support/nl2sql/saas';
import { Nl2SqlEngine } from './engine';

describe('clarifying vague measures', () => {
  it('offers the glossary metrics, most important first, each with a confidence', async () => {
    const fixture = createSaasDatabase();
    const connector = createConnector({ type: 'sqlite', path: fixture.file });
    const engine = new Nl2SqlEngine(await connector.introspect(), SAAS_GLOSSARY);
    await connector.close();
    fixture.cleanup();
    const answer = engine.ask('how are we doing by plan?', { now: '2026-07-01' });
    expect(answer.sql).toBeUndefined();
    expect(answer.clarification?.question).toMatch(/Which figure should I show by plan/);
    const options = answer.clarification!.options;
    expect(options.map((o) => o.label)).toEqual(SAAS_GLOSSARY.metrics.slice(0, options.length).map((m) => m.name));
    expect(options.length).toBeGreaterThanOrEqual(2);
    expect(options[0].confidence).toBeGreaterThan(options[1].confidence);
    expect(options.reduce((s, o) => s + o.confidence, 0)).toBeCloseTo(1, 1);
    expect(answer.confidence).toBeLessThan(0.45);
    // Choosing an option answers the question with that metric.
    const chosen = engine.ask(`how are we doing by plan? (${options[0].label})`, { now: '2026-07-01' });
    expect(chosen.sql).toBeTruthy();
    expect(chosen.clarification).toBeUndefined();
  });

  it('offers measure columns and counts when there is no glossary', () => {
    const engine = new Nl2SqlEngine(HOSPITAL_SCHEMA);
    const answer = engine.ask('show performance by department', { now: '2026-07-01' });
    expect(answer.clarification?.options.length).toBeGreaterThanOrEqual(2);
    expect(answer.clarification!.options.some((o) => /^(total|number of) /.test(o.label))).toBe(true);
  });

  it('does not ask when the measure is named', () => {
    const engine = new Nl2SqlEngine(HOSPITAL_SCHEMA);
    expect(engine.ask('how many admissions by department', { now: '2026-07-01' }).clarification).toBeUndefined();
  });
});
