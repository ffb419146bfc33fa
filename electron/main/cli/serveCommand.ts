import { createHttpServer, listen, type Readiness } from '../api/httpTransport';
import { loadConfig, type AppConfig } from '../config';
import { publishServedAiState } from '../ai/servedState';
import { createContainer, type Container } from '../container';
import { generatePassword } from '../security/passwords';
import { DEFAULT_SIGN_IN_LIMITS, SignInRateLimiter } from '../security/rateLimit';
import type { Store } from '../store';
import { completeSetupDeferringDemo, needsSetup } from '../setup/firstRun';
import { StartupWork } from '../startup';
import { prewarmSqlParser } from '../sql/guard';
import { flag, parseArgs } from './args';

export interface RunningServer {
  url: string;
  container: Container;
  /** Settles when the work left for after listening (first-run demo data) is done; /readyz says ready from then on. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Server mode: the same container and handler map as the desktop app, over HTTP + SSE. */
export async function startServer(config: AppConfig, log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<RunningServer> {
  const container = await createContainer(config);
  const { services } = container;
  let afterListen: () => Promise<void> = async () => undefined;
  if (await needsSetup(services)) {
    const password = config.adminPassword ?? generatePassword();
    const setup = await completeSetupDeferringDemo(services, { organizationName: config.orgName, name: 'Administrator', email: config.adminEmail, password });
    afterListen = setup.finishDemo;
    log(`First run: created the administrator ${config.adminEmail}.`);
    if (!config.adminPassword) log(`Its password (shown once, change it after signing in): ${password}`);
  }
  services.reportScheduler.start(); // catches up missed runs, then checks every 30 s
  prewarmSqlParser(); // loads on its own thread, so the first query does not wait for it
  const servedAi = publishServedAiState(config.dataDir, services.ai.pool);
  const startup = new StartupWork();
  const server = createHttpServer({
    dispatcher: container.dispatcher, logger: services.logger, staticDir: config.rendererDir, secureCookies: config.secureCookies,
    metricsToken: config.metricsToken, readiness: async () => startup.combine(await storeReadiness(services.store)),
    signInLimiter: new SignInRateLimiter(DEFAULT_SIGN_IN_LIMITS, services.store.rateCounters),
  });
  const { url } = await listen(server, config.host, config.port);
  if (config.host !== '127.0.0.1' && config.host !== 'localhost' && config.host !== '::1') {
    log(`Warning: listening on ${config.host}; anyone who can reach this address can try to sign in. Put it behind TLS.`);
  }
  log(`Aiser is running at ${url}`);
  const ready = startup.run('demo', afterListen, (error) => services.logger.error('setup.demo_failed', { error: error.message }));
  return {
    url,
    container,
    ready,
    async close() {
      await ready;
      servedAi.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await container.dispose();
    },
  };
}

/** Ready when the store answers and no migration is pending (an instance started before an
 *  upgrade's migrations ran must not take traffic). */
async function storeReadiness(store: Store): Promise<Readiness> {
  try {
    const { pending } = await store.migrationStatus();
    return pending.length ? { ready: false, checks: { store: 'ok', migrations: `${pending.length} pending` } } : { ready: true, checks: { store: 'ok', migrations: 'ok' } };
  } catch {
    return { ready: false, checks: { store: 'unreachable', migrations: 'unknown' } };
  }
}

export async function runServeCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, { values: ['host', 'port', 'data-dir'] });
  const env = { ...process.env };
  if (flag(parsed, 'host')) env.AISER_HOST = flag(parsed, 'host');
  if (flag(parsed, 'port')) env.AISER_PORT = flag(parsed, 'port');
  if (flag(parsed, 'data-dir')) env.AISER_DATA_DIR = flag(parsed, 'data-dir');
  const running = await startServer(loadConfig(env));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  // Everything that holds data is closed and flushed: a background worker still busy (indexing a
  // source, say) must not keep a stopped server alive for its supervisor to kill.
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  return 0;
}

const SHUTDOWN_GRACE_MS = 2_000;
