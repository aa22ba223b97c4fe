// Applies the SQL drizzle-kit generated, in one transaction under an advisory lock, so replicas
// starting together wait for each other instead of racing. The same code runs on both drivers.
// `prepareStore` is what every command but `quorum migrate` runs at start: it migrates only where
// the connected role may (development, one role), and otherwise checks the schema is current.
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { dbErrorOf, queryRows, type Store } from './db.js';
import { DbRoleError, grantRuntimePrivileges, inspectRole, unsafeReason } from './db-roles.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));
// Any fixed 64-bit number; it names Quorum's migration lock among the server's advisory locks.
const MIGRATION_LOCK_KEY = 7_211_405_001;

export interface MigrateOptions {
  folder?: string;
  /** Grant this role exactly the runtime privileges, in the same transaction (Postgres only). */
  runtimeRole?: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
  /** What the runtime role was granted, when one was named. */
  granted?: string[];
}

export async function migrate(store: Store, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const { folder = MIGRATIONS_FOLDER, runtimeRole } = opts;
  if (runtimeRole && store.kind === 'pglite') {
    throw new DbRoleError('DB_RUNTIME_ROLE_INVALID', 'QUORUM_DB_RUNTIME_ROLE needs a Postgres server (DATABASE_URL): the embedded PGlite database has no roles');
  }
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  return store.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`create table if not exists quorum_migrations (
      hash text primary key,
      folder_millis bigint not null,
      applied_at timestamptz not null default now()
    )`);
    const done = new Set((await queryRows<{ hash: string }>(tx, sql`select hash from quorum_migrations`)).map((r) => r.hash));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.hash)) continue;
      for (const statement of m.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`insert into quorum_migrations (hash, folder_millis) values (${m.hash}, ${m.folderMillis})`);
      applied.push(String(m.folderMillis));
    }
    const granted = runtimeRole ? await grantRuntimePrivileges(tx, runtimeRole) : undefined;
    return { applied, alreadyApplied: done.size, ...(granted ? { granted } : {}) };
  });
}

export interface PreparedStore {
  /** Migrations this start applied (none where the role may not migrate). */
  applied: string[];
  /** `migrated`: this role owns the schema and brought it up to date; `checked`: a runtime role found it current. */
  mode: 'migrated' | 'checked';
  role?: string;
}

/**
 * In production the app must run as the runtime role: refused, before anything is written, when its
 * role is a superuser, owns the tables or can rewrite audit_log; it never migrates (`quorum migrate`
 * does, as the owner). Elsewhere a role that owns the schema (or a fresh database) migrates as before.
 */
export async function prepareStore(store: Store, opts: { production: boolean; folder?: string }): Promise<PreparedStore> {
  // PGlite is one embedded user with every right; production never runs on it (config refuses).
  if (store.kind === 'pglite') return { applied: (await migrate(store, { folder: opts.folder })).applied, mode: 'migrated' };
  const report = await inspectRole(store.db);
  const unsafe = unsafeReason(report);
  if (opts.production && unsafe) {
    throw new DbRoleError('DB_ROLE_UNSAFE', `Refusing to start in production: database role "${report.role}" ${unsafe}; set DATABASE_URL to the runtime role that \`quorum migrate\` grants to (QUORUM_DB_RUNTIME_ROLE, see docs/operations.md)`);
  }
  if (!opts.production && (!report.migrated || report.owned.includes('quorum_migrations'))) {
    try {
      return { applied: (await migrate(store, { folder: opts.folder })).applied, mode: 'migrated', role: report.role };
    } catch (err) {
      if (dbErrorOf(err).code !== '42501') throw err;
      // A fresh database and a role that may not create tables: the owner must migrate first.
    }
  }
  const stop = (code: 'DB_NOT_MIGRATED' | 'DB_MIGRATIONS_PENDING', what: string) =>
    new DbRoleError(code, `${what}, and role "${report.role}" does not apply migrations: run \`quorum migrate\` with the owner's connection (DATABASE_OWNER_URL) first`);
  if (!report.migrated) throw stop('DB_NOT_MIGRATED', 'The database has no Quorum tables yet');
  const pending = await pendingMigrations(store, opts.folder);
  if (pending > 0) throw stop('DB_MIGRATIONS_PENDING', `The database is ${pending} migration(s) behind this release`);
  if (report.missing.length) {
    throw new DbRoleError(
      'DB_ROLE_MISSING_PRIVILEGES',
      `Database role "${report.role}" lacks ${report.missing.slice(0, 3).join(', ')}${report.missing.length > 3 ? ` and ${report.missing.length - 3} more` : ''}: run \`quorum migrate\` with QUORUM_DB_RUNTIME_ROLE=${report.role}`,
    );
  }
  return { applied: [], mode: 'checked', role: report.role };
}

/** Migrations of this release not recorded in the database (a newer database is fine: they are backwards compatible). */
async function pendingMigrations(store: Store, folder = MIGRATIONS_FOLDER): Promise<number> {
  const done = new Set((await queryRows<{ hash: string }>(store.db, sql`select hash from quorum_migrations`)).map((r) => r.hash));
  return readMigrationFiles({ migrationsFolder: folder }).filter((m) => !done.has(m.hash)).length;
}
