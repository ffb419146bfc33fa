import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_PLAN_LIMITS, type PlanLimits } from './connectors/postgres/plan-estimate';
import { WitnessConfigError, checkWitnessConfig } from './security/auditWitness';

const schema = z.object({
  AISER_DATA_DIR: z.string().min(1).optional(),
  AISER_DATABASE_URL: z.string().regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres:// (or sqlite:<file>)').optional(),
  AISER_HOST: z.string().min(1).default('127.0.0.1'),
  AISER_PORT: z.coerce.number().int().min(0).max(65535).default(7420),
  AISER_ADMIN_EMAIL: z.string().email().default('admin@aiser.local'),
  AISER_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  AISER_ORG_NAME: z.string().min(1).default('My Organization'),
  AISER_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  AISER_SESSION_HOURS: z.coerce.number().min(0.01).max(24 * 90).default(12),
  AISER_IDLE_MINUTES: z.coerce.number().min(1).max(60 * 24 * 30).default(120),
  AISER_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  AISER_RENDERER_DIR: z.string().optional(),
  AISER_NO_DEMO: z.enum(['1', 'true', '0', 'false']).optional(),
  AISER_FILE_ROOTS: z.string().optional(),
  AISER_MODELS_DIR: z.string().optional(),
  AISER_POLICY_FILE: z.string().min(1).optional(),
  AISER_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  AISER_OUTBOUND_ALLOW: z.string().optional(),
  AISER_QUERY_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  AISER_PG_MAX_PLAN_COST: z.coerce.number().min(1).max(1e15).default(DEFAULT_PLAN_LIMITS.maxTotalCost),
  AISER_PG_MAX_STEP_ROWS: z.coerce.number().min(1).max(1e15).default(DEFAULT_PLAN_LIMITS.maxStepRows),
  AISER_AUDIT_WITNESS_FILE: z.string().min(1).optional(),
  AISER_AUDIT_SYSLOG: z.string().min(1).optional(),
});

export interface AppConfig {
  dataDir: string;
  databaseUrl?: string;
  host: string;
  port: number;
  adminEmail: string;
  adminPassword?: string;
  orgName: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  sessionTtlMs: number;
  idleTimeoutMs: number;
  secureCookies: boolean;
  rendererDir: string;
  createDemo: boolean;
  /** Folders file sources must live in (`{orgId}` = the caller's organization). */
  fileRoots: string[];
  /** Server mode (default): without `fileRoots`, no file source may be added. The desktop app
   *  sets false: there the person's own files are theirs to read. */
  fileRootsRequired: boolean;
  /** Internal hosts, addresses or CIDR ranges REST sources may reach (AISER_OUTBOUND_ALLOW). */
  outboundAllow: string[];
  /** Statement timeout of source queries. */
  queryTimeoutMs: number;
  /** PostgreSQL planner estimates above which a source query is refused before it runs;
   *  an organization's own limits (org settings `queryCost`) can only tighten them. */
  planLimits: PlanLimits;
  /** On-device embedding models (resources/models; packaged: the app's resources). */
  modelsDir: string;
  /** Bearer token for Prometheus scrapers of /metrics (all organizations); unset = administrators only. */
  metricsToken?: string;
  /** AISER_POLICY_FILE: the machine policy, instead of the operating system's standard place. */
  policyFile?: string;
  /** External witnesses of signed audit checkpoints: a file outside the data folder and/or `udp://host:port` syslog. */
  auditWitness: { file?: string; syslog?: string };
}

/** The folder holding package.json: two levels up from the sources, three from a bundle in dist/. */
function appRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return path.resolve(from, '..', '..');
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads configuration from environment variables; a bad value names the variable to fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Configuration error: ${issue.path.join('.')} ${issue.message}. Fix the environment variable and start again.`);
  }
  const e = parsed.data;
  const repoRoot = appRoot(import.meta.dirname);
  const config: AppConfig = {
    dataDir: path.resolve(e.AISER_DATA_DIR ?? path.join(os.homedir(), '.aiser')),
    databaseUrl: e.AISER_DATABASE_URL,
    host: e.AISER_HOST,
    port: e.AISER_PORT,
    adminEmail: e.AISER_ADMIN_EMAIL,
    adminPassword: e.AISER_ADMIN_PASSWORD,
    orgName: e.AISER_ORG_NAME,
    logLevel: e.AISER_LOG_LEVEL,
    sessionTtlMs: e.AISER_SESSION_HOURS * 3_600_000,
    idleTimeoutMs: e.AISER_IDLE_MINUTES * 60_000,
    secureCookies: e.AISER_SECURE_COOKIES === 'true',
    rendererDir: path.resolve(e.AISER_RENDERER_DIR ?? path.join(repoRoot, 'dist', 'renderer')),
    createDemo: !(e.AISER_NO_DEMO === '1' || e.AISER_NO_DEMO === 'true'),
    modelsDir: path.resolve(e.AISER_MODELS_DIR ?? path.join(repoRoot, 'resources', 'models')),
    metricsToken: e.AISER_METRICS_TOKEN,
    policyFile: e.AISER_POLICY_FILE,
    fileRoots: (e.AISER_FILE_ROOTS ?? '').split(path.delimiter).map((r) => r.trim()).filter(Boolean),
    fileRootsRequired: true,
    outboundAllow: (e.AISER_OUTBOUND_ALLOW ?? '').split(/[\s,]+/).filter(Boolean),
    queryTimeoutMs: e.AISER_QUERY_TIMEOUT_SECONDS * 1000,
    planLimits: { maxTotalCost: e.AISER_PG_MAX_PLAN_COST, maxStepRows: e.AISER_PG_MAX_STEP_ROWS },
    auditWitness: { file: e.AISER_AUDIT_WITNESS_FILE ? path.resolve(e.AISER_AUDIT_WITNESS_FILE) : undefined, syslog: e.AISER_AUDIT_SYSLOG },
    ...overrides,
  };
  try {
    checkWitnessConfig(config.dataDir, config.auditWitness);
  } catch (error) {
    if (error instanceof WitnessConfigError) throw new ConfigError(`Configuration error: ${error.message}`);
    throw error;
  }
  return config;
}
