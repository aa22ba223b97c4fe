// Every store test runs on both drivers: embedded PGlite always, and the Postgres at
// TEST_DATABASE_URL when it is set (global-setup says loudly when it is not).
//
// Migrating costs more than the tests that need the schema, so global-setup migrates once per
// driver (test/support/templates.ts) and every test database starts as a copy of that: a
// `CREATE DATABASE … TEMPLATE` on Postgres, a PGlite started from the migrated data dump. On Postgres a test's
// store connects as a runtime role of its own, as production does: the migrations ran as the
// owner, and the store may only do what `quorum migrate` grants (src/store/db-roles.ts).
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openStore, type Store } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';

export type DbKind = 'pglite' | 'postgres';

export const DB_KINDS: DbKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestStore extends Store {
  /** For Postgres: the URL this store connects with (the runtime role's unless `as: 'owner'`), to start other processes against it. */
  url?: string;
  /** For Postgres: the owner's URL (the superuser of TEST_DATABASE_URL), for what only the owner may do. */
  ownerUrl?: string;
  /** For Postgres: the runtime role's name. */
  runtimeRole?: string;
}

export interface TestStoreOptions {
  /** `runtime` (default): connect as the granted runtime role; `owner`: as the role that migrated. */
  as?: 'runtime' | 'owner';
}

let pgliteDump: Blob | undefined;

/** Fills an empty PGlite data directory with the migrated template, so a CLI run on it skips initdb and migrations. */
export async function seedPgliteDataDir(dataDir: string): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  pgliteDump ??= new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
  const pg = new PGlite(dataDir, { loadDataDir: pgliteDump });
  await pg.waitReady;
  await pg.close();
}

/** A fresh, migrated database of that kind; `close()` also drops it (and its runtime role). */
export async function openTestStore(kind: DbKind, opts: TestStoreOptions = {}): Promise<TestStore> {
  if (kind === 'pglite') {
    // Read once per test file: every PGlite of the file starts from the same (immutable) Blob.
    pgliteDump ??= new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
    return openStore({ dataDir: 'memory://', loadDataDir: pgliteDump });
  }
  const { url: ownerUrl, drop } = await createTestDatabase();
  const runtime = await createTestRole(ownerUrl);
  const owner = await openStore({ databaseUrl: ownerUrl, poolSize: 2 });
  try {
    // The copy is migrated already: this only grants the runtime role its rights.
    await migrate(owner, { runtimeRole: runtime.name });
  } finally {
    await owner.close();
  }
  const url = opts.as === 'owner' ? ownerUrl : runtime.url;
  const store = await openStore({ databaseUrl: url, poolSize: 8 });
  return {
    ...store,
    url,
    ownerUrl,
    runtimeRole: runtime.name,
    close: async () => {
      await store.close();
      await drop();
      await runtime.drop();
    },
  };
}

/** A login role with a unique name and no rights of its own, and the URL that connects as it (trust auth). */
export async function createTestRole(databaseUrl: string, prefix = 'quorum_rt'): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create role ${name} login`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.username = name;
  url.password = '';
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      // Its grants went with the test database; anything else it holds goes here.
      await a.unsafe(`drop owned by ${name}`).catch(() => {});
      await a.unsafe(`drop role if exists ${name}`);
      await a.end();
    },
  };
}

/**
 * A Postgres database of its own, dropped by `drop()`: migrated (a copy of the template), or empty
 * (`{ empty: true }`, or owned by `owner`) for tests of migrating itself.
 */
export async function createTestDatabase(opts: { empty?: boolean; owner?: string } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `quorum_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    const from = opts.empty || opts.owner ? '' : ` template ${inject('postgresTemplate')}`;
    await admin.unsafe(`create database ${name}${opts.owner ? ` owner ${opts.owner}` : ''}${from}`);
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
