// The migrated databases every test database is copied from, built by global-setup. Both are
// named after a hash of what decides the schema (the migrations and the code that applies them),
// so a template built from other migrations is never reused, and both are kept between runs.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import { openStore, type Db } from '../../src/store/db.js';
import { MIGRATIONS_FOLDER, migrate } from '../../src/store/migrate.js';
import * as schema from '../../src/store/schema.js';

const MIGRATE_SOURCE = fileURLToPath(new URL('../../src/store/migrate.ts', import.meta.url));
const PREFIX = 'quorum_tmpl_';
// Another checkout with other migrations may be running its suite on the same server right now:
// its template is only dropped once no run has used it for this long.
const STALE_AFTER_MS = 24 * 3600_000;

export function schemaHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(`${path.relative(MIGRATIONS_FOLDER, full)}\0`).update(fs.readFileSync(full)).update('\0');
    }
  };
  walk(MIGRATIONS_FOLDER);
  hash.update(fs.readFileSync(MIGRATE_SOURCE));
  return hash.digest('hex').slice(0, 16);
}

/** A migrated PGlite data directory as a tar file (for `loadDataDir`); returns its path. */
export async function pgliteTemplate(hash: string): Promise<string> {
  // The dump is a PGlite data directory: another PGlite version may not read it.
  const dir = path.join(os.tmpdir(), 'quorum-test-templates');
  const file = path.join(dir, `pglite-${pgliteVersion()}-${hash}.tar`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(dir, { recursive: true });
  const pg = new PGlite();
  try {
    const db = drizzle(pg, { schema }) as unknown as Db;
    await migrate({ db, kind: 'pglite', ping: async () => true, close: async () => {} });
    const dump = await pg.dumpDataDir('none');
    // Written aside and renamed, so a concurrent run never reads half a file.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, file);
  } finally {
    await pg.close();
  }
  for (const old of fs.readdirSync(dir)) {
    const full = path.join(dir, old);
    if (full !== file && Date.now() - fs.statSync(full).mtimeMs > STALE_AFTER_MS) fs.rmSync(full, { force: true });
  }
  return file;
}

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      const { name, version } = JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
      if (name === '@electric-sql/pglite') return version ?? 'unknown';
    }
  }
  return 'unknown';
}

/**
 * A migrated Postgres database that tests copy with `CREATE DATABASE … TEMPLATE`; returns its name.
 * It refuses connections: Postgres cannot copy a database someone is connected to.
 */
export async function postgresTemplate(base: string, hash: string): Promise<string> {
  const name = `${PREFIX}${hash}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    const existing = await admin<{ datname: string; note: string | null }[]>`
      select datname, shobj_description(oid, 'pg_database') as note from pg_database where datname like ${`${PREFIX}%`}`;
    for (const db of existing) {
      const usedAt = Date.parse(db.note?.replace(/^used /, '') ?? '');
      if (db.datname !== name && Date.now() - usedAt > STALE_AFTER_MS) await dropTemplate(admin, db.datname);
    }
    if (existing.some((db) => db.datname === name)) {
      await markUsed(admin, name);
      return name;
    }

    // Built under a name of its own and renamed when complete: a run that crashed half way, or a
    // concurrent run, never leaves a half-migrated template under the real name.
    const build = `${PREFIX}build_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(`create database ${build}`);
    await markUsed(admin, build);
    try {
      const url = new URL(base);
      url.pathname = `/${build}`;
      const store = await openStore({ databaseUrl: url.toString(), poolSize: 1 });
      try {
        await migrate(store);
      } finally {
        await store.close();
      }
      await admin.unsafe(`alter database ${build} with allow_connections false is_template true`);
      await admin.unsafe(`alter database ${build} rename to ${name}`);
    } catch (err) {
      await dropTemplate(admin, build).catch(() => undefined);
      // A concurrent run renamed its build first: use that one.
      if ((err as { code?: string }).code === '42P04') return name;
      throw err;
    }
    return name;
  } finally {
    await admin.end();
  }
}

/** What the stale check reads; a template in use elsewhere is kept. */
async function markUsed(admin: postgres.Sql, name: string): Promise<void> {
  await admin.unsafe(`comment on database ${name} is 'used ${new Date().toISOString()}'`);
}

async function dropTemplate(admin: postgres.Sql, name: string): Promise<void> {
  await admin.unsafe(`alter database ${name} with is_template false`);
  await admin.unsafe(`drop database if exists ${name} with (force)`);
}
