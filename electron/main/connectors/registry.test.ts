import { describe, expect, it } from 'vitest';
import { CONNECTOR_IDS, CONNECTORS, createConnector } from './registry';
import { ConnectorError, type SourceConfig } from './types';

function failure(config: unknown): ConnectorError {
  try {
    createConnector(config as SourceConfig);
  } catch (error) {
    return error as ConnectorError;
  }
  throw new Error('expected createConnector to throw');
}

describe('connector registry', () => {
  it('knows every source type, each with its dialect', () => {
    expect(CONNECTOR_IDS).toEqual(['postgres', 'mysql', 'sqlite', 'files', 'rest']);
    expect(Object.values(CONNECTORS).map((definition) => definition.dialect)).toEqual(['postgres', 'mysql', 'sqlite', 'duckdb', 'duckdb']);
    expect(createConnector({ type: 'sqlite', path: '/tmp/whatever.db' }).dialect).toBe('sqlite');
  });

  it('names the known types when asked for an unknown one', () => {
    const error = failure({ type: 'oracle' });
    expect(error.code).toBe('UNKNOWN_SOURCE_TYPE');
    expect(error.message).toContain('"oracle"');
    expect(error.message).toContain('postgres, mysql, sqlite, files, rest');
    expect(failure(null).code).toBe('UNKNOWN_SOURCE_TYPE');
    expect(failure({ type: 'toString' }).code).toBe('UNKNOWN_SOURCE_TYPE');
  });

  it('rejects invalid settings with the field and a next step', () => {
    const missingHost = failure({ type: 'postgres', database: 'x' });
    expect(missingHost.code).toBe('INVALID_CONFIG');
    expect(missingHost.message).toMatch(/URL or a host/);
    expect(missingHost.hint).toBeTruthy();
    expect(failure({ type: 'mysql', host: 'db', port: 70000 }).message).toContain('port');
    expect(failure({ type: 'rest', url: 'ftp://example.com' }).message).toContain('http(s)');
    expect(failure({ type: 'files', path: '' }).code).toBe('INVALID_CONFIG');
  });
});
