// Every store test runs on both drivers: embedded PGlite always, and the Postgres at
// TEST_DATABASE_URL when it is set (global-setup says loudly when it is not).
//
// Migrating costs more than the tests that need the schema, so global-setup migrates once per
// driver (test/support/templates.ts) and every test database starts as a copy of that: a
// `CREATE DATABASE … TEMPLATE` on Postgres, a PGlite started from the migrated data dump.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openStore, type Store } from '../../src/store/db.js';

export type DbKind = 'pglite' | 'postgres';

export const DB_KINDS: DbKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestStore extends Store {
  /** For Postgres: the URL of this test's own database (to start other processes against it). */
  url?: string;
}

let pgliteDump: Blob | undefined;

/** A fresh, migrated database of that kind; `close()` also drops it. */
export async function openTestStore(kind: DbKind): Promise<TestStore> {
  if (kind === 'pglite') {
    // Read once per test file: every PGlite of the file starts from the same (immutable) Blob.
    pgliteDump ??= new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
    return openStore({ dataDir: 'memory://', loadDataDir: pgliteDump });
  }
  const { url, drop } = await createTestDatabase();
  const store = await openStore({ databaseUrl: url, poolSize: 8 });
  return {
    ...store,
    url,
    close: async () => {
      await store.close();
      await drop();
    },
  };
}

/**
 * A Postgres database of its own, dropped by `drop()`: migrated (a copy of the template), or
 * with `{ empty: true }` without even the migrations table, for tests of migrating itself.
 */
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `quorum_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(opts.empty ? `create database ${name}` : `create database ${name} template ${inject('postgresTemplate')}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}
