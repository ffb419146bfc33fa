import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../connectors/types';
import { explainForRole } from './userErrors';

describe('errors said for the person asking', () => {
  it('says a source that is out of reach is the problem, with the connector’s next step, not "rephrase the question"', () => {
    const error = explainForRole(new ConnectorError('FILE_NOT_FOUND', 'SQLite file not found: /data/shop.sqlite', 'Check the path, or choose the file again.'), 'executive');
    expect(error).toEqual({
      code: 'SOURCE_UNAVAILABLE', message: 'The data source cannot be reached right now.',
      hint: 'Check the path, or choose the file again. If you cannot change the source, ask an administrator to check it.',
    });
    expect(explainForRole(new ConnectorError('HOST_UNREACHABLE', 'connect ECONNREFUSED 127.0.0.1:1'), 'admin').message).toBe('The data source cannot be reached right now. (connect ECONNREFUSED 127.0.0.1:1)');
  });

  it('keeps "rephrase" for a query the database could not run', () => {
    const error = explainForRole(new ConnectorError('QUERY_FAILED', 'no such column: x'), 'viewer');
    expect(error).toEqual({ code: 'SOURCE_ERROR', message: 'The database could not run the query for this question.', hint: 'Rephrase the question or name the measure and period you need.' });
  });
});
