import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A PostgreSQL database shaped like an Aiser platform install (the schema the importer documents),
 *  with two organizations and rows the importer must take, and rows it must skip. */
export const PLATFORM_SCHEMA = `
CREATE TABLE organizations (id serial PRIMARY KEY, name varchar(200) NOT NULL, slug varchar(100));
CREATE TABLE projects (id serial PRIMARY KEY, organization_id int REFERENCES organizations(id), name varchar(200) NOT NULL, description text);
CREATE TABLE users (id serial PRIMARY KEY, email varchar(320), username varchar(100), first_name varchar(100), last_name varchar(100),
  role varchar(40), organization_id int REFERENCES organizations(id), hashed_password text, is_active boolean DEFAULT true);
CREATE TABLE user_sessions (id serial PRIMARY KEY, user_id int REFERENCES users(id), session_token text, expires_at timestamptz);
CREATE TABLE data_sources (id serial PRIMARY KEY, name varchar(200) NOT NULL, type varchar(40) NOT NULL, connection_config jsonb,
  organization_id int REFERENCES organizations(id), project_id int REFERENCES projects(id));
CREATE TABLE dashboards (id serial PRIMARY KEY, name varchar(200) NOT NULL, project_id int REFERENCES projects(id), created_by int REFERENCES users(id), layout jsonb);
CREATE TABLE widgets (id serial PRIMARY KEY, title varchar(300), query text, sql text, chart_type varchar(40), config jsonb, data_source_id int);
CREATE TABLE dashboard_widgets (dashboard_id int REFERENCES dashboards(id), widget_id int REFERENCES widgets(id), position jsonb);
CREATE TABLE conversations (id serial PRIMARY KEY, title varchar(300), user_id int REFERENCES users(id), project_id int REFERENCES projects(id));
CREATE TABLE messages (id serial PRIMARY KEY, conversation_id int REFERENCES conversations(id), role varchar(20) NOT NULL, content text NOT NULL, created_at timestamptz NOT NULL);
`;

export const WAREHOUSE_PASSWORD = 'S3cret-warehouse-pw!';
export const GLOBEX_PASSWORD = 'globex-mysql-pw';
export const SNOWFLAKE_PASSWORD = 'snowflake-pw-never-imported';

export function platformData(bobHash: string): string {
  const json = (value: unknown) => `'${JSON.stringify(value).replace(/'/g, "''")}'::jsonb`;
  return `
INSERT INTO organizations (id, name, slug) VALUES (1, 'Acme Corp', 'acme'), (2, 'Globex', 'globex');
INSERT INTO projects (id, organization_id, name, description) VALUES (10, 1, 'Sales', 'Revenue work'), (11, 1, 'Ops', NULL), (20, 2, 'Main', NULL);
INSERT INTO users (id, email, username, first_name, last_name, role, organization_id, hashed_password, is_active) VALUES
  (1, 'Alice@Acme.test', 'alice', 'Alice', 'Admin', 'admin', 1, '$2b$12$KIXQJ1p2bCzq0eU9mPjv1uQ0JtA9hTf3sQ3N0V0lY8v0Kx1o9bW2a', true),
  (2, 'bob@acme.test', 'bob', 'Bob', 'Builder', 'analyst', 1, '${bobHash}', true),
  (3, 'carol@acme.test', 'carol', NULL, NULL, 'viewer', 1, NULL, false),
  (4, NULL, 'ghost', 'Ghost', NULL, 'analyst', 1, NULL, true),
  (5, 'dave@globex.test', 'dave', 'Dave', 'Director', 'manager', 2, '$2b$12$abc', true),
  (6, 'eve@globex.test', 'eve', 'Eve', NULL, 'superhero', 2, NULL, true);
INSERT INTO user_sessions (user_id, session_token, expires_at) VALUES (1, 't1', now()), (2, 't2', now()), (5, 't3', now());
INSERT INTO data_sources (id, name, type, connection_config, organization_id, project_id) VALUES
  (1, 'Warehouse', 'postgresql', ${json({ host: 'db.acme.internal', port: 5432, database: 'warehouse', username: 'reporter', password: WAREHOUSE_PASSWORD, sslmode: 'require' })}, 1, 10),
  (2, 'Sales CSV', 'csv', ${json({ file_path: '/data/sales.csv' })}, 1, NULL),
  (3, 'Snowflake', 'snowflake', ${json({ account: 'acme', username: 'sf', password: SNOWFLAKE_PASSWORD })}, 1, 10),
  (4, 'Globex MySQL', 'mysql', ${json({ host: 'mysql.globex', port: 3306, database: 'shop', username: 'ro', password: GLOBEX_PASSWORD })}, 2, 20);
INSERT INTO dashboards (id, name, project_id, created_by, layout) VALUES
  (1, 'Sales overview', 10, 1, ${json({ columns: 12 })}), (2, 'Globex KPIs', 20, 5, ${json([{ i: 'w4' }])});
INSERT INTO widgets (id, title, query, sql, chart_type, config, data_source_id) VALUES
  (1, 'Revenue by month', 'Revenue by month?', 'SELECT month, sum(amount) FROM sales GROUP BY month', 'line', ${json({ xAxis: 'month' })}, 1),
  (2, 'Top products', NULL, 'SELECT product, count(*) FROM sales GROUP BY product', 'bar', NULL, 2),
  (3, 'Snow widget', NULL, 'SELECT 1', 'table', NULL, 3),
  (4, 'Globex orders', NULL, 'SELECT count(*) FROM orders', 'kpi', NULL, 4),
  (5, 'Empty widget', 'What happened?', NULL, 'table', NULL, 1);
INSERT INTO dashboard_widgets (dashboard_id, widget_id, position) VALUES
  (1, 1, ${json({ x: 0, y: 0, w: 6, h: 4 })}), (1, 2, ${json({ x: 10, y: 4, w: 6, h: 3 })}), (1, 3, ${json({ x: 0, y: 8, w: 4, h: 3 })}),
  (1, 5, ${json({ x: 4, y: 8, w: 4, h: 3 })}), (2, 4, ${json({ x: 0, y: 0, w: 3, h: 2 })});
INSERT INTO conversations (id, title, user_id, project_id) VALUES (1, 'Revenue questions', 2, 10), (2, 'Globex chat', 5, 20), (3, 'Ghost chat', 4, 10);
INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES
  (7, 1, 'assistant', 'Revenue was 42.', '2025-01-01T10:00:02Z'),
  (5, 1, 'user', 'What was revenue?', '2025-01-01T10:00:01Z'),
  (9, 1, 'user', 'Thanks', '2025-01-01T10:00:03Z'),
  (10, 2, 'user', 'How many orders?', '2025-02-01T09:00:00Z'),
  (11, 2, 'assistant', '17 orders.', '2025-02-01T09:00:05Z'),
  (12, 3, 'user', 'Boo', '2025-03-01T09:00:00Z');
`;
}

/** Creates a fresh database from `adminUrl` and returns its URL and a drop function. */
export async function createScratchDatabase(adminUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
