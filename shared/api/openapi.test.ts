import { describe, expect, it } from 'vitest';
import { CALL_KEYS, contract } from './contract';
import { buildOpenApiDocument } from './openapi';

/** Reads a nested field of a JSON document, `undefined` when any step is missing. */
const at = (value: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);

describe('API reference generated from the contract', () => {
  const document = buildOpenApiDocument('test');

  it('describes every call of the contract as a POST with its request and response schemas', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toHaveLength(CALL_KEYS.length);
    for (const key of CALL_KEYS) {
      const operation = at(document.paths, `/api/v1/${key}`, 'post');
      expect(operation, key).toBeDefined();
      expect(at(operation, 'summary')).toBe(contract[key].summary);
      expect(at(operation, 'x-aiser-access')).toBe(contract[key].access);
      const request = at(operation, 'requestBody', 'content', 'application/json', 'schema');
      expect(at(request, 'type') ?? at(request, 'anyOf') ?? at(request, 'oneOf'), key).toBeDefined();
      expect(at(operation, 'responses', '200', 'content', 'application/json', 'schema', 'properties', 'data'), key).toBeDefined();
    }
  });

  it('keeps field rules from the zod schemas (required fields, limits) and marks public calls', () => {
    const signIn = at(document.paths, '/api/v1/auth/signIn', 'post');
    const schema = at(signIn, 'requestBody', 'content', 'application/json', 'schema');
    expect(at(schema, 'required')).toEqual(expect.arrayContaining(['email', 'password']));
    expect(at(schema, 'properties', 'password', 'maxLength')).toBeGreaterThan(0);
    expect(at(signIn, 'security')).toEqual([]);
  });
});
