import { ROLES, type RequestContext, type Role } from '../../../shared/types/auth';
import { createConnector } from '../connectors/registry';
import { loadConfig } from '../config';
import { createContainer } from '../container';
import { roleHas } from '../../../shared/types/permissions';
import { executeGuarded } from '../query/executeGuarded';
import { protectedColumns } from '../query/protectedColumns';
import { ephemeralMaskingKeys } from '../security/maskingKeys';
import { DEFAULT_MAX_ROWS } from '../query/queryService';
import { adHocSourceConfig } from './adHocSource';
import { UsageError, flag, parseArgs } from './args';
import { formatTable } from './formatTable';

const USAGE = 'Usage: aiser sql --source <source id | sqlite/csv/parquet file or folder | postgres:// or mysql:// URL> "<SELECT …>" [--json] [--max-rows N] [--role analyst|executive|viewer|admin]';

/** Exit codes: 0 ok, 2 usage, 3 refused by the guard, 4 the source failed. */
export async function runSqlCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { values: ['source', 'max-rows', 'role'], booleans: ['json'] });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const source = flag(parsed, 'source');
  const sql = parsed.positional.join(' ').trim();
  const maxRows = Number(flag(parsed, 'max-rows') ?? DEFAULT_MAX_ROWS);
  const role = (flag(parsed, 'role') ?? 'analyst') as Role;
  if (!source || !sql || !Number.isInteger(maxRows) || maxRows < 1 || !ROLES.includes(role)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    const result = await runSql(source, sql, maxRows, role);
    process.stdout.write(parsed.flags.json ? `${JSON.stringify(result)}\n` : `${formatTable(result)}\n`);
    return 0;
  } catch (error) {
    const err = error as Error & { code?: string; hint?: string };
    if (err.name === 'SqlGuardError') {
      process.stderr.write(`Refused: ${err.message}\n`);
      return 3;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`Error${err.code ? ` (${err.code})` : ''}: ${err.message}${err.hint ? `\n${err.hint}` : ''}\n`);
    return 4;
  }
}

async function runSql(source: string, sql: string, maxRows: number, role: Role) {
  const adHoc = adHocSourceConfig(source);
  if (adHoc) {
    const connector = createConnector(adHoc);
    try {
      const schema = await connector.introspect({ distinctValueCap: 0 });
      const ctx: RequestContext = { userId: 'cli', orgId: 'cli', role, projectIds: [], sessionId: 'cli' };
      const protectedCols = protectedColumns({ semanticModel: null }, schema, new Map());
      const masking = roleHas(role, 'pii:see') ? null : { tables: protectedCols.tables, key: ephemeralMaskingKeys().forOrganization('cli') };
      const { tables: _t, columnsRead: _c, ...shown } = await executeGuarded({
        connector, dialect: connector.dialect, sql, ctx, maxRows, allowedTables: new Set(schema.tables.map((t) => t.name.toLowerCase())),
        masking, columnStyles: protectedCols.resultStyles,
      });
      return shown;
    } finally {
      await connector.close();
    }
  }
  return runOnSavedSource(source, sql, maxRows);
}

/** A saved source runs as the person signed in with AISER_EMAIL / AISER_PASSWORD. */
async function runOnSavedSource(sourceId: string, sql: string, maxRows: number) {
  const email = process.env.AISER_EMAIL;
  const password = process.env.AISER_PASSWORD;
  if (!email || !password) throw new UsageError('A saved source id needs AISER_EMAIL and AISER_PASSWORD so the query runs as you (with your permissions and masking).');
  const container = await createContainer(loadConfig());
  try {
    const { ctx } = await container.services.auth.signIn(email, password, { userAgent: 'aiser-cli' });
    return await container.services.query.run(ctx, sourceId, sql, { maxRows, origin: 'cli' });
  } finally {
    await container.dispose();
  }
}
