import { describe, expect, it } from 'vitest';
import { HOSPITAL_SCHEMA } from '../../../tests/support/nl2sql/saas';
import { EngineCache, engineBytes } from './engineCache';

const version = (v: string) => ({ ...HOSPITAL_SCHEMA, version: v });

describe('offline engine cache', () => {
  it('reuses the engine of a schema version and keeps the engines within a memory budget', () => {
    const one = engineBytes(HOSPITAL_SCHEMA, undefined);
    const cache = new EngineCache(Math.floor(2.5 * one), 100);
    const first = cache.engineFor(version('a'), undefined).engine;
    expect(cache.engineFor(version('a'), undefined).engine).toBe(first);
    for (const v of ['b', 'c', 'd']) cache.engineFor(version(v), undefined);
    expect(cache.size).toBe(2);
    expect(cache.bytes).toBeLessThanOrEqual(2.5 * one);
    // 'a' was the least recently used: asking on it again builds a new engine.
    expect(cache.engineFor(version('a'), undefined).engine).not.toBe(first);
  });

  it('answers with an engine larger than the whole budget without keeping it', () => {
    const cache = new EngineCache(1_000, 100);
    const { engine } = cache.engineFor(version('big'), undefined);
    expect(engine.ask('how many patients').sql).toBeTruthy();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('sizes an engine by its schema and glossary', () => {
    const bigger = { ...HOSPITAL_SCHEMA, tables: [...HOSPITAL_SCHEMA.tables, ...HOSPITAL_SCHEMA.tables.map((t) => ({ ...t, name: `${t.name}_archive` }))] };
    expect(engineBytes(bigger, undefined)).toBeGreaterThan(engineBytes(HOSPITAL_SCHEMA, undefined));
  });
});
