import { z } from 'zod';
import { glossarySchema } from '../../types/semantic';
import { DIALECTS } from '../../types/schema';
import { displayText, endpoint, id, ok } from '../endpoint';

const port = z.number().int().min(1).max(65535);
const secret = z.string().max(4096);
const dbUrl = (scheme: string) =>
  z.string().max(2048).refine((u) => u.startsWith(`${scheme}://`) || u.startsWith(`${scheme}ql://`), `Use a ${scheme}:// connection URL`);

/** Connection settings as the person enters them. Secrets come back masked as '••••'; sending
 *  '••••' back on update keeps the stored secret. */
export const sourceConfigSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('postgres'), url: dbUrl('postgres').optional(), host: z.string().max(255).optional(), port: port.optional(),
    database: z.string().max(255).optional(), user: z.string().max(255).optional(), password: secret.optional(),
    ssl: z.enum(['disable', 'require', 'verify-full']).optional(), schema: z.string().max(255).optional(),
  }),
  z.strictObject({
    type: z.literal('mysql'), url: dbUrl('mysql').optional(), host: z.string().max(255).optional(), port: port.optional(),
    database: z.string().max(255).optional(), user: z.string().max(255).optional(), password: secret.optional(),
    ssl: z.enum(['disable', 'require']).optional(),
  }),
  z.strictObject({ type: z.literal('sqlite'), path: z.string().min(1).max(4096) }),
  z.strictObject({ type: z.literal('files'), path: z.string().min(1).max(4096) }),
  z.strictObject({
    type: z.literal('rest'), url: z.string().url().max(4096), headers: z.record(z.string(), secret).optional(),
    recordsPath: z.string().max(512).optional(), pageParam: z.string().max(64).optional(),
    pageSize: z.number().int().min(1).max(10_000).optional(), maxPages: z.number().int().min(1).max(1000).optional(),
  }),
]);
export type SourceConfigInput = z.infer<typeof sourceConfigSchema>;

export const SOURCE_KINDS = ['database', 'file', 'api', 'cube'] as const;

export const sourceSchema = z.object({
  id,
  name: z.string(),
  projectId: id,
  kind: z.enum(SOURCE_KINDS),
  dialect: z.enum(DIALECTS),
  config: z.record(z.string(), z.unknown()),
  status: z.enum(['ready', 'error', 'unknown']),
  lastError: z.string().nullable(),
  schemaVersion: z.string().nullable(),
  hasGlossary: z.boolean(),
  createdAt: z.string(),
});
export type SourceView = z.infer<typeof sourceSchema>;

const columnSchema = z.object({
  name: z.string(), type: z.string(), kind: z.string(), nullable: z.boolean(), isPrimaryKey: z.boolean(),
  distinctValues: z.array(z.string()).optional(), distinctCount: z.number().optional(),
});
export const schemaInfoSchema = z.object({
  dialect: z.enum(DIALECTS),
  version: z.string(),
  tables: z.array(z.object({
    name: z.string(), schema: z.string().optional(), columns: z.array(columnSchema),
    primaryKey: z.array(z.string()), rowCountEstimate: z.number().nullable(),
  })),
  foreignKeys: z.array(z.object({
    fromTable: z.string(), fromColumns: z.array(z.string()), toTable: z.string(), toColumns: z.array(z.string()), inferred: z.boolean(),
  })),
});

const name = displayText(120, 'Give the data source a name');

export const sourcesApi = {
  'sources/list': endpoint({
    summary: 'Data sources of a project (or of all the caller’s projects).',
    access: 'sources:read',
    request: z.strictObject({ projectId: id.optional() }),
    response: z.array(sourceSchema),
  }),
  'sources/get': endpoint({
    summary: 'One data source, secrets masked.',
    access: 'sources:read',
    request: z.strictObject({ id }),
    response: sourceSchema,
  }),
  'sources/test': endpoint({
    summary: 'Tries a connection without saving it; the error says exactly what is wrong.',
    access: 'sources:manage',
    request: z.strictObject({ config: sourceConfigSchema, id: id.optional() }),
    response: z.object({ ok: z.boolean(), code: z.string().optional(), message: z.string(), hint: z.string().optional(), tables: z.number().optional() }),
  }),
  'sources/upload': endpoint({
    summary: 'Server mode: stores a data file (CSV, TSV, Parquet, JSON, Excel; at most 20 MB) in the organization’s file root after checking it; returns the path a files source reads.',
    access: 'sources:manage',
    request: z.strictObject({ fileName: z.string().trim().min(1).max(200), contentBase64: z.string().min(1).max(28_000_000) }),
    response: z.object({ path: z.string(), fileName: z.string(), bytes: z.number(), type: z.string() }),
    maxBodyBytes: 28_500_000,
  }),
  'sources/create': endpoint({
    summary: 'Saves a data source (secrets encrypted at rest) and reads its schema.',
    access: 'sources:manage',
    request: z.strictObject({ projectId: id, name, config: sourceConfigSchema }),
    response: sourceSchema,
  }),
  'sources/update': endpoint({
    summary: 'Renames a source or changes its connection settings.',
    access: 'sources:manage',
    request: z.strictObject({ id, name: name.optional(), config: sourceConfigSchema.optional() }),
    response: sourceSchema,
  }),
  'sources/remove': endpoint({
    summary: 'Deletes a data source (its data is untouched: only the connection is forgotten).',
    access: 'sources:manage',
    request: z.strictObject({ id }),
    response: ok,
  }),
  'sources/schema': endpoint({
    summary: 'The stored schema metadata of a source; `refresh` reads it again from the source.',
    access: 'sources:read',
    request: z.strictObject({ id, refresh: z.boolean().optional() }),
    response: schemaInfoSchema,
  }),
  'sources/glossary': endpoint({
    summary: 'The business glossary of a source (metrics, synonyms, PII columns), in the semantic.json format; null when none.',
    access: 'sources:read',
    request: z.strictObject({ id }),
    response: glossarySchema.nullable(),
  }),
  'sources/setGlossary': endpoint({
    summary: 'Imports or edits the business glossary of a source (validated); null removes it.',
    access: 'sources:manage',
    request: z.strictObject({ id, glossary: z.unknown() }),
    response: glossarySchema.nullable(),
  }),
};
