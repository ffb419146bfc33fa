import { z } from 'zod';
import { ConnectorError, type SourceConfig } from './types';

const port = z.number().int().min(1).max(65_535);
const serverFields = {
  url: z.string().min(1).optional(),
  host: z.string().min(1).optional(),
  port: port.optional(),
  database: z.string().min(1).optional(),
  user: z.string().min(1).optional(),
  password: z.string().optional(),
};
const needsUrlOrHost = (config: { url?: string; host?: string }) => !!(config.url || config.host);
const urlOrHostMessage = { message: 'Give either a connection URL or a host (with database, user and password).' };

const sourceConfigSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('postgres'), ...serverFields, ssl: z.enum(['disable', 'require', 'verify-full']).optional(), schema: z.string().min(1).optional() }).refine(needsUrlOrHost, urlOrHostMessage),
  z.object({ type: z.literal('mysql'), ...serverFields, ssl: z.enum(['disable', 'require']).optional() }).refine(needsUrlOrHost, urlOrHostMessage),
  z.object({ type: z.literal('sqlite'), path: z.string().min(1, 'Choose the SQLite database file.') }),
  z.object({ type: z.literal('files'), path: z.string().min(1, 'Choose a data file or a folder of data files.') }),
  z.object({
    type: z.literal('rest'),
    url: z.url({ protocol: /^https?$/, error: 'The REST source needs an http(s) URL.' }),
    headers: z.record(z.string(), z.string()).optional(),
    recordsPath: z.string().optional(),
    pageParam: z.string().min(1).optional(),
    pageSize: z.number().int().positive().optional(),
    maxPages: z.number().int().positive().max(10_000).optional(),
    tableName: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Table names use letters, digits and underscores.').optional(),
  }),
]);

/** Validates a source configuration at the boundary; throws INVALID_CONFIG naming the bad field. */
export function validateSourceConfig<T extends SourceConfig>(config: T): T {
  const parsed = sourceConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new ConnectorError('INVALID_CONFIG', `Invalid ${config.type} source settings — ${field}${issue.message}`, 'Correct the source settings and test the connection again.');
  }
  return config;
}
