import { describe, expect, it } from 'vitest';
import { parseSqlReply, UnusableReplyError } from './reply';

describe('parseSqlReply (untrusted model output)', () => {
  it('accepts the JSON object, with or without code fences', () => {
    expect(parseSqlReply('{"sql":"SELECT 1","explanation":"one","confidence":0.8}')).toEqual({ sql: 'SELECT 1', explanation: 'one', confidence: 0.8 });
    expect(parseSqlReply('```json\n{"sql": "SELECT 2"}\n```').sql).toBe('SELECT 2');
    expect(parseSqlReply('Sure! Here it is: {"sql": "SELECT 3"} hope that helps').sql).toBe('SELECT 3');
  });

  it('falls back to a ```sql block', () => {
    expect(parseSqlReply('Here:\n```sql\nSELECT region FROM stores\n```').sql).toBe('SELECT region FROM stores');
  });

  it('rejects replies without usable SQL or with out-of-range fields', () => {
    expect(() => parseSqlReply('I cannot help with that.')).toThrow(UnusableReplyError);
    expect(() => parseSqlReply('{"sql": ""}')).toThrow(UnusableReplyError);
    expect(() => parseSqlReply('{"sql": "SELECT 1", "confidence": 7}')).toThrow(UnusableReplyError);
    expect(() => parseSqlReply('{"query": "SELECT 1"}')).toThrow(UnusableReplyError);
  });
});
