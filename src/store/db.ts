// One store interface over two drivers: postgres.js for a real server, PGlite embedded otherwise.
// Repositories take a `Db` (or a transaction) and never know which one runs underneath.
import fs from 'node:fs';
import path from 'node:path';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.js';
import { preparingStatements } from './prepared-statements.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle is used exactly like the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export interface Store {
  readonly db: Db;
  readonly kind: 'postgres' | 'pglite';
  /** Answers true when the database answers a trivial query within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export class StoreLockedError extends Error {
  readonly code = 'STORE_LOCKED';
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is in use by another Quorum process (pid ${pid}). ` +
        'PGlite is single-process: stop that process, or set DATABASE_URL to share a Postgres server.',
    );
  }
}

/** Raw results differ between drivers (an array for postgres.js, `{ rows }` for PGlite). */
export async function queryRows<T = Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data directory; `memory://` for a throwaway in-memory database. */
  dataDir?: string;
  /** With `memory://`: start from this `dumpDataDir()` tarball instead of an empty database (tests start migrated). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openStore(opts: OpenOptions): Promise<Store> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10) : openPglite(opts.dataDir ?? './.quorum', opts.loadDataDir);
}

async function openPostgres(url: string, max: number): Promise<Store> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 5, idle_timeout: 30, backoff: reconnectDelaySeconds });
  const db = drizzle(preparingStatements(client), { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    ping: (timeoutMs = 2000) => withTimeout(client`select 1`.then(() => true), timeoutMs),
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * postgres.js's default backoff grows to 20 s after a few failed connects and its counter is shared
 * by the pool, so after an outage a chat request could wait that long for its "try again" answer,
 * and the first requests after recovery as long again. A second at most keeps both prompt.
 */
export function reconnectDelaySeconds(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 1);
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Store> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const memory = dataDir.startsWith('memory://');
  const release = memory ? () => {} : lockDataDir(dataDir);
  let client;
  try {
    client = memory ? new PGlite({ loadDataDir }) : new PGlite(path.resolve(dataDir));
    await client.waitReady;
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: (timeoutMs = 2000) => withTimeout(client.query('select 1').then(() => true), timeoutMs),
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

async function withTimeout(p: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([p.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A pid file beside the data: a second process gets a clear refusal instead of a corrupt database. */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'quorum.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new StoreLockedError(dataDir, pid);
      fs.unlinkSync(lockPath); // left by a process that died
    }
  }
  throw new StoreLockedError(dataDir, -1);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drizzle wraps driver errors: the Postgres code and message are on the cause. */
export function dbErrorOf(err: unknown): { code?: string; message: string } {
  let e = err as { code?: string; message?: string; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string') return { code: e.code, message: String(e.message ?? '') };
    e = e.cause as typeof e;
  }
  return { message: String((err as Error)?.message ?? err) };
}

/** `column = any(ids)` with the ids as one array parameter: a batch of 500 ids is one parameter, not 500. */
export function inIds(column: AnyColumn | SQL, ids: readonly number[]): SQL {
  return sql`${column} = any(${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::int[])`;
}
