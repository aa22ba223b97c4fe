// Every store test runs on both drivers: embedded PGlite always, and the Postgres at
// TEST_DATABASE_URL when it is set (global-setup says loudly when it is not).
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openStore, type Store } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';

export type DbKind = 'pglite' | 'postgres';

export const DB_KINDS: DbKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestStore extends Store {
  /** For Postgres: the URL of this test's own database (to start other processes against it). */
  url?: string;
}

/** A fresh, migrated database of that kind; `close()` also drops it. */
export async function openTestStore(kind: DbKind): Promise<TestStore> {
  if (kind === 'pglite') {
    const store = await openStore({ dataDir: 'memory://' });
    await migrate(store);
    return store;
  }
  const { url, drop } = await createTestDatabase();
  const store = await openStore({ databaseUrl: url, poolSize: 8 });
  await migrate(store);
  return {
    ...store,
    url,
    close: async () => {
      await store.close();
      await drop();
    },
  };
}

/** An empty Postgres database of its own, dropped by `drop()`. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `quorum_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
