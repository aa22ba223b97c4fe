// Composition root: checks the configuration and the profiles, opens the store, migrates or checks it
// (prepareStore), mounts every endpoint on one server and starts the scheduler. Everything a running
// Quorum is made of is wired here, and only here.
import { assertConfig, emailEnabled, listenHost, loadConfig, slackEnabled, teamsAllowedTenants, teamsMode, type Config } from './config.js';
import { healthRoute } from './health.js';
import { validateAllProfiles } from './rules/profiles.js';
import { logger } from './log.js';
import { startServer, type Route, type RunningServer } from './server.js';
import { openStore, type Store } from './store/db.js';
import { prepareStore } from './store/migrate.js';
import type { AppContext, Mounted, SchedulerHandle } from './bot/plugin.js';
import { createCoreDeps } from './bot/core/deps.js';
import { startScheduler } from './bot/scheduler/index.js';

export interface RunningApp {
  config: Config;
  store: Store;
  server: RunningServer;
  /**
   * Shuts down in order (docs/operations.md): /healthz says 503 and new requests are refused at
   * once, in-flight requests and chat turns finish, the scheduler finishes its batch, the server and
   * then the database close. Resolves true when all of it finished within SHUTDOWN_BUDGET_MS, false
   * when it gave up waiting (and closed anyway).
   */
  stop(): Promise<boolean>;
}

/** Orchestrators allow 10 s between SIGTERM and SIGKILL by default (Docker, ECS; Kubernetes 30 s). */
export const SHUTDOWN_BUDGET_MS = 8_000;

export async function startApp(config: Config = loadConfig()): Promise<RunningApp> {
  // Every refusal comes before any database work: a refused configuration opens and migrates nothing.
  assertConfig(config);
  const log = logger();
  const started = new Date();
  // Every partnership profile is checked before anything else: a typo stops the start, naming the file.
  validateAllProfiles();
  announcePlatforms(config);
  // A platform's module and its SDK load only when it is configured. Before the database opens, not
  // while: loading blocks the event loop for seconds on a busy machine, which the connect timeout counts.
  const none = async () => ({ mount: async (): Promise<Mounted> => ({}) });
  const platforms = await Promise.all([
    slackEnabled(config) ? import('./bot/slack/index.js').then((m) => ({ mount: m.mountSlack })) : none(),
    teamsMode(config) !== 'off' ? import('./bot/teams/index.js').then((m) => ({ mount: m.mountTeams })) : none(),
    emailEnabled(config) ? import('./bot/email/index.js').then((m) => ({ mount: m.mountEmail })) : none(),
  ]);
  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.QUORUM_DATA_DIR });
  // Before serving: a production role that could rewrite the audit log is refused, and only a role
  // that owns the schema migrates (docs/operations.md, "Database roles").
  const prepared = await prepareStore(store, { production: config.NODE_ENV === 'production' }).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  log.info({ driver: store.kind, applied: prepared.applied.length, schema: prepared.mode }, 'database ready');
  if (config.DATABASE_OWNER_URL) log.warn({ code: 'DB_OWNER_URL_IN_APP_ENV' }, 'DATABASE_OWNER_URL is set, but serve never uses it: keep the owner credentials out of the app environment');

  let scheduler: SchedulerHandle | undefined = undefined;
  // The core is built once, the same way the CLI builds it: re-planning and notices are always on.
  const ctx: AppContext = { config, store, log, core: createCoreDeps(config, store, () => scheduler?.kick()) };
  let draining = false;
  const routes: Route[] = [healthRoute(store, started, () => draining)];
  const stoppers: (() => Promise<void> | void)[] = [];
  const senders = [];
  // Email last: the sender order is no preference (reach.ts puts chat first), but its log line reads best after the chat platforms'.
  for (const { mount } of platforms) {
    const part = await mount(ctx);
    routes.push(...(part.routes ?? []));
    senders.push(...(part.senders ?? []));
    if (part.stop) stoppers.push(part.stop);
  }
  // `case` says who none of the running channels reaches (their nudges are stored undeliverable):
  // the senders actually mounted are the truth.
  ctx.core.channels = senders.map((s) => s.channel);
  scheduler = await startScheduler(ctx, senders);
  stoppers.push(() => scheduler?.stop());

  const server = await startServer({ port: config.PORT, host: listenHost(config), routes });
  log.info({ port: server.port, startupMs: Date.now() - started.getTime() }, 'quorum is listening');
  let stopping: Promise<boolean> | undefined;
  const stop = async (): Promise<boolean> => {
    const t0 = Date.now();
    draining = true;
    server.drain();
    // Turns before the scheduler: a turn may kick a dispatch, which the scheduler's stop then awaits.
    const drained = async () => {
      await server.idle();
      for (const s of stoppers) await s();
      return true;
    };
    const clean = await Promise.race([drained(), new Promise<false>((r) => setTimeout(() => r(false), SHUTDOWN_BUDGET_MS).unref())]);
    await server.close();
    await store.close().catch(() => {});
    const fields = { code: clean ? 'SHUTDOWN' : 'SHUTDOWN_TIMEOUT', ms: Date.now() - t0 };
    if (clean) log.info(fields, 'quorum stopped');
    else log.warn(fields, `quorum stopped without waiting longer than ${SHUTDOWN_BUDGET_MS} ms for work in flight`);
    return clean;
  };
  return { config, store, server, stop: () => (stopping ??= stop()) };
}

function announcePlatforms(config: Config): void {
  const log = logger();
  const db = config.DATABASE_URL ? 'Postgres (DATABASE_URL)' : `embedded PGlite in ${config.QUORUM_DATA_DIR} (set DATABASE_URL for a Postgres server)`;
  log.info({ database: db }, `database: ${db}`);
  if (slackEnabled(config)) log.info('Slack: on, at POST /slack/events');
  else log.info('Slack: off. Set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to turn it on.');
  const teams = teamsMode(config);
  if (teams === 'authenticated') {
    log.info({ tenants: teamsAllowedTenants(config).size }, 'Teams: on, at POST /api/messages, with Bot Framework authentication; activities from other tenants are refused');
  } else if (teams === 'local') {
    // A warning, so it shows at every log level a developer might pick.
    log.warn(
      { host: listenHost(config), localUser: config.QUORUM_TEAMS_LOCAL_USER ? 'set' : 'unset' },
      `Teams: LOCAL MODE (QUORUM_TEAMS_LOCAL=true): no authentication, POST /api/messages on ${listenHost(config)} only, every activity acts as QUORUM_TEAMS_LOCAL_USER; refused in production. Never use it with real data.`,
    );
  } else {
    log.info('Teams: off. Set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID to turn it on (or QUORUM_TEAMS_LOCAL=true to try it locally, unauthenticated).');
  }
  if (!emailEnabled(config)) log.info('Email: off. Set SMTP_URL, QUORUM_MAIL_FROM and QUORUM_PUBLIC_URL to email invitees no chat platform reaches (without it their nudges are stored undeliverable and reported).');
}
