// The app as the runtime role: import, tick and serve work; serve never migrates as it, and says
// what to run when the schema is behind; in production serve refuses a role that could rewrite the
// audit log, before it writes anything. Postgres only: PGlite has no roles (db-roles.test.ts says so when skipped).
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { runTick } from '../../src/bot/scheduler/tick.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openStore } from '../../src/store/db.js';
import { DbRoleError } from '../../src/store/db-roles.js';
import { importCases } from '../../src/store/import.js';
import { purgeClosedCases } from '../../src/store/purge.js';
import { createTestDatabase, createTestRole } from '../support/databases.js';
import { runCli } from '../support/run-cli.js';
import { silentInviteesCase } from '../scheduler/support/fixtures.js';
import { createRecordingSender } from '../scheduler/support/recording-sender.js';
import { at9 } from '../scheduler/support/seed.js';
import { createTwoRoles, type TwoRoles } from './support/two-roles.js';

const enabled = Boolean(process.env.TEST_DATABASE_URL);
// Production wants Bot Framework credentials; none of them is used to reach anything here.
const TEAMS = { MICROSOFT_APP_ID: 'test-app', MICROSOFT_APP_PASSWORD: 'test-secret', MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-000000000000' };

function appConfig(databaseUrl: string, production = false): Config {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', QUORUM_SWEEP_CRON: '0 0 1 1 *', QUORUM_LOG_LEVEL: 'silent' });
  // Production's other rules (platform credentials) are not what this file tests: the check on the role comes first.
  return production ? { ...config, NODE_ENV: 'production', ...TEAMS } : config;
}

async function refusalOf(config: Config): Promise<string> {
  try {
    const app = await startApp(config);
    await app.stop();
    return 'started';
  } catch (err) {
    return err instanceof DbRoleError ? `${err.code}: ${err.message}` : `unexpected: ${String(err)}`;
  }
}

describe.runIf(enabled)('serve, import and tick as the runtime role (postgres)', () => {
  let roles: TwoRoles;
  let owner: postgres.Sql;
  beforeAll(async () => {
    roles = await createTwoRoles();
    owner = postgres(roles.ownerUrl, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await owner?.end();
    await roles?.drop();
  });

  it('imports, ticks and purges as the runtime role', async () => {
    const store = await openStore({ databaseUrl: roles.runtimeUrl, poolSize: 2 });
    try {
      const imported = await importCases(store, { cases: [silentInviteesCase('CP-RT-1'), silentInviteesCase('CP-RT-2', { status: 'closed', closedAt: '2024-01-01T10:00:00Z' } as never)] }, { actor: 'test', correlationId: 'rt-import' });
      expect(imported.created).toHaveLength(2);
      const sender = createRecordingSender();
      // Everyone reachable on Slack; an update of people the runtime role may do.
      await store.db.execute(sql`update people set slack_user_id = 'U0P' || id`);
      const lines = await runTick(store.db, at9('2026-01-07'), { senders: [sender] });
      expect(lines.filter((l) => l.status === 'sent').length).toBeGreaterThan(0);
      expect(sender.sent.length).toBe(lines.filter((l) => l.status === 'sent').length);
      const purged = await purgeClosedCases(store, { closedBefore: '2025-01-01', now: new Date(), actor: 'test', correlationId: 'rt-purge' });
      expect(purged.cases.map((c) => c.ref)).toEqual(['CP-RT-2']);
    } finally {
      await store.close();
    }
  });

  it('serves as the runtime role, in production too, without migrating', async () => {
    for (const production of [false, true]) {
      const app = await startApp(appConfig(roles.runtimeUrl, production));
      try {
        const res = await fetch(`${app.server.url}/healthz`);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ status: 'ok', database: 'up' });
      } finally {
        await app.stop();
      }
    }
  });

  it('the CLI works as the runtime role: import and tick', async () => {
    const env = { DATABASE_URL: roles.runtimeUrl, NODE_ENV: 'production', ...TEAMS };
    const imported = await runCli(['import', 'docs/examples/import.json'], env);
    expect([imported.code, imported.stderr]).toEqual([0, '']);
    const tick = await runCli(['tick', '--at', '2026-01-07T09:00:00Z', '--dry-run'], env);
    expect([tick.code, tick.stderr]).toEqual([0, '']);
    // Two real CLI processes, each starting Node, tsx and the store: seconds each on two cores.
  }, 30_000);

  it('refuses, in one line, to start in production as the owner or a superuser, before writing anything', async () => {
    const before = await owner`select count(*)::int as n from audit_log`;
    const asOwner = await refusalOf(appConfig(roles.ownerUrl, true));
    expect(asOwner).toMatch(new RegExp(`^DB_ROLE_UNSAFE: Refusing to start in production: database role "${roles.ownerRole}" owns the tables \\(`));
    expect(asOwner).not.toContain('\n');
    const superuser = new URL(roles.ownerUrl);
    superuser.username = 'postgres';
    expect(await refusalOf(appConfig(superuser.toString(), true))).toMatch(/^DB_ROLE_UNSAFE: .* "postgres" is a superuser/);
    expect(await owner`select count(*)::int as n from audit_log`).toEqual(before);
    // The CLI says the same on one line, with its code, and exits 2: a refusal.
    const cli = await runCli(['tick', '--dry-run'], { DATABASE_URL: roles.ownerUrl, NODE_ENV: 'production' });
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toContain('(DB_ROLE_UNSAFE)');
  });

  it('refuses a runtime role that was given UPDATE, DELETE or TRUNCATE on audit_log by hand', async () => {
    await owner.unsafe(`grant update, truncate on audit_log to ${roles.runtimeRole}`);
    try {
      expect(await refusalOf(appConfig(roles.runtimeUrl, true))).toMatch(/^DB_ROLE_UNSAFE: .* can UPDATE, TRUNCATE audit_log/);
    } finally {
      await owner.unsafe(`revoke update, truncate on audit_log from ${roles.runtimeRole}`);
    }
  });

  it('does not migrate as the runtime role: a pending migration or a missing grant names `quorum migrate`', async () => {
    const [last] = await owner<{ hash: string; folder_millis: string }[]>`select hash, folder_millis::text from quorum_migrations order by folder_millis desc limit 1`;
    await owner`delete from quorum_migrations where hash = ${last!.hash}`;
    try {
      expect(await refusalOf(appConfig(roles.runtimeUrl))).toMatch(/^DB_MIGRATIONS_PENDING: The database is 1 migration\(s\) behind this release, and role ".*" does not apply migrations: run `quorum migrate`/);
    } finally {
      await owner`insert into quorum_migrations (hash, folder_millis) values (${last!.hash}, ${last!.folder_millis})`;
    }
    await owner.unsafe(`revoke insert on nudges from ${roles.runtimeRole}`);
    expect(await refusalOf(appConfig(roles.runtimeUrl))).toMatch(new RegExp(`^DB_ROLE_MISSING_PRIVILEGES: .* lacks INSERT on nudges: run \`quorum migrate\` with QUORUM_DB_RUNTIME_ROLE=${roles.runtimeRole}`));
    // `quorum migrate` with both connection strings puts it back.
    const migrated = await runCli(['migrate'], { DATABASE_OWNER_URL: roles.ownerUrl, DATABASE_URL: roles.runtimeUrl, QUORUM_DB_RUNTIME_ROLE: roles.runtimeRole });
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toContain('Database is up to date.');
    expect(migrated.stdout).toContain(`Runtime role ${roles.runtimeRole} may now: SELECT, INSERT on audit_log;`);
    expect(await refusalOf(appConfig(roles.runtimeUrl))).toBe('started');
  });

  it('`quorum migrate` as the runtime role says to set DATABASE_OWNER_URL', async () => {
    const res = await runCli(['migrate'], { DATABASE_URL: roles.runtimeUrl });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^This role may not change the schema \(.*\): set DATABASE_OWNER_URL to the owner's connection/);
  });

  it('refuses a fresh database the runtime role cannot create tables in', async () => {
    const fresh = await createTestDatabase({ owner: roles.ownerRole });
    const role = await createTestRole(fresh.url, 'quorum_rt');
    try {
      expect(await refusalOf(appConfig(role.url))).toMatch(/^DB_NOT_MIGRATED: The database has no Quorum tables yet, and role ".*" does not apply migrations/);
      const tables = postgres(fresh.url, { max: 1, onnotice: () => {} });
      expect(await tables`select count(*)::int as n from pg_tables where schemaname = 'public'`).toEqual([{ n: 0 }]);
      await tables.end();
    } finally {
      await fresh.drop();
      await role.drop();
    }
  });
});

describe('quorum migrate without Postgres', () => {
  it('refuses QUORUM_DB_RUNTIME_ROLE on the embedded database, which has no roles', async () => {
    const res = await runCli(['migrate'], { QUORUM_DATA_DIR: 'memory://', QUORUM_DB_RUNTIME_ROLE: 'quorum_app' });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('QUORUM_DB_RUNTIME_ROLE needs a Postgres server (DATABASE_URL): the embedded PGlite database has no roles\n');
  }, 60_000);
});
