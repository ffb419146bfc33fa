import type pg from 'pg';

/**
 * The Aiser platform tables this importer reads (schema `public`). Only `id` and the columns
 * marked required must exist; every other column is optional and read when present (found via
 * information_schema), so older and newer platform versions import alike.
 *
 *   organizations(id*, name*, slug, is_active)
 *   projects(id*, organization_id*, name*, description)
 *   users(id*, email, username, first_name, last_name, role, organization_id, hashed_password, is_active)
 *   user_sessions(id*, user_id, …)                       — counted, never imported
 *   data_sources(id*, name*, type*, connection_config jsonb {host, port, database, username, password,
 *                ssl/sslmode, url/connection_string, file_path/path}, organization_id, project_id)
 *   dashboards(id*, name*, project_id, organization_id, created_by, layout jsonb, description)
 *   widgets(id*, title, name, query, sql, chart_type, config jsonb, data_source_id)
 *   dashboard_widgets(dashboard_id*, widget_id*, position jsonb {x, y, w, h})
 *   conversations(id*, title, user_id, project_id, data_source_id)
 *   messages(id*, conversation_id*, role*, content*, created_at)
 */
export const PLATFORM_TABLES = {
  organizations: { required: ['id', 'name'], optional: ['slug', 'is_active'] },
  projects: { required: ['id', 'organization_id', 'name'], optional: ['description'] },
  users: {
    required: ['id'],
    optional: ['email', 'username', 'first_name', 'last_name', 'role', 'organization_id', 'hashed_password', 'is_active'],
  },
  user_sessions: { required: ['id'], optional: [] },
  data_sources: { required: ['id', 'name', 'type'], optional: ['connection_config', 'organization_id', 'project_id'] },
  dashboards: { required: ['id', 'name'], optional: ['project_id', 'organization_id', 'created_by', 'layout', 'description'] },
  widgets: { required: ['id'], optional: ['title', 'name', 'query', 'sql', 'chart_type', 'config', 'data_source_id'] },
  dashboard_widgets: { required: ['dashboard_id', 'widget_id'], optional: ['position'] },
  conversations: { required: ['id'], optional: ['title', 'user_id', 'project_id', 'data_source_id'] },
  messages: { required: ['id', 'conversation_id', 'role', 'content'], optional: ['created_at'] },
} as const satisfies Record<string, { required: readonly string[]; optional: readonly string[] }>;

export type PlatformTable = keyof typeof PLATFORM_TABLES;
export type PlatformRow = Record<string, unknown>;

export class PlatformSchemaError extends Error {
  override name = 'PlatformSchemaError';
}

/** Rows of one platform table with the columns that exist (missing optional ones read as null).
 *  A missing table reads as empty; a missing required column is an error naming it. */
export async function readPlatformTable(client: pg.Client, table: PlatformTable): Promise<{ rows: PlatformRow[]; present: boolean }> {
  const { rows: columnRows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  if (columnRows.length === 0) return { rows: [], present: false };
  const existing = new Set(columnRows.map((row) => row.column_name));
  const spec = PLATFORM_TABLES[table];
  const missing = spec.required.filter((column) => !existing.has(column));
  if (missing.length > 0) {
    throw new PlatformSchemaError(
      `The platform table "${table}" has no column ${missing.map((c) => `"${c}"`).join(', ')}; ` +
        'is --from the Aiser platform database? The expected tables and columns are listed in the README (aiser import).',
    );
  }
  const columns = [...spec.required, ...spec.optional].filter((column) => existing.has(column));
  const orderBy = table === 'messages' && existing.has('created_at') ? 'conversation_id, created_at, id' : spec.required.join(', ');
  const { rows } = await client.query<PlatformRow>(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY ${orderBy}`);
  return { rows, present: true };
}

/** Text of a cell, trimmed; null when empty or absent. */
export function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

export function objectOf(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      return objectOf(JSON.parse(value));
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function keyOf(value: unknown): string {
  return String(value);
}
