// Applies the SQL drizzle-kit generated, in one transaction under an advisory lock, so replicas
// starting together wait for each other instead of racing. The same code runs on both drivers.
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { queryRows, type Store } from './db.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));
// Any fixed 64-bit number; it names Quorum's migration lock among the server's advisory locks.
const MIGRATION_LOCK_KEY = 7_211_405_001;

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(store: Store, folder = MIGRATIONS_FOLDER): Promise<MigrateResult> {
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
    return { applied, alreadyApplied: done.size };
  });
}
