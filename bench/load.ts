// Bulk loading for the bench: a fresh database, the real migrations, then multi-row INSERTs through
// postgres.js (not the per-row importer), a few thousand rows a statement.
import postgres from 'postgres';
import { openStore } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { emptyBatch, generateCase, type Batch, type Ids } from './generate.js';
import { PROFILES, type Pool } from './people.js';

export type Sql = postgres.Sql;

const MAX_PARAMS = 60_000;

/** DATABASE_URL if set; otherwise a fresh `quorum_bench` on the local server (dropped and recreated). */
export async function prepareDatabase(): Promise<{ url: string; fresh: boolean }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, fresh: false };
  const admin = postgres('postgres://postgres@127.0.0.1:5432/postgres', { max: 1, onnotice: () => {} });
  await admin.unsafe('drop database if exists quorum_bench with (force)');
  await admin.unsafe('create database quorum_bench');
  await admin.end();
  return { url: 'postgres://postgres@127.0.0.1:5432/quorum_bench', fresh: true };
}

/** Applies the migrations and empties every table the bench writes. */
export async function resetSchema(url: string): Promise<void> {
  const store = await openStore({ databaseUrl: url, poolSize: 1 });
  try {
    await migrate(store);
  } finally {
    await store.close();
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql.unsafe(`truncate nudges, processed_requests, chat_identities, dissents, events, invitations, conferences, case_members, children, cases, people, partnerships restart identity cascade`);
  await sql.end();
}

/** COPY … FROM STDIN in text format: several times faster than INSERTs for big tables. */
export async function copyRows(sql: Sql, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const stream = await sql.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable();
  const lines: string[] = [];
  for (const row of rows) lines.push(columns.map((c) => copyValue(row[c])).join('\t'));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(`${lines.join('\n')}\n`);
  });
}

function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export async function insertRows(sql: Sql, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let i = 0; i < rows.length; i += chunk) {
    await sql`insert into ${sql(table)} ${sql(rows.slice(i, i + chunk) as Record<string, postgres.ParameterOrJSON<never>>[], columns)}`;
  }
}

export async function loadPool(sql: Sql, pool: Pool): Promise<void> {
  await insertRows(sql, 'partnerships', PROFILES.map((p, i) => ({ id: i + 1, name: `${p} (synthetic)`, profile: p })));
  await insertRows(sql, 'people', pool.people as unknown as Record<string, unknown>[]);
}

// Foreign keys order the stages; the tables of a stage go in parallel (the client has 3 connections).
const STAGES: (keyof Batch)[][] = [['cases'], ['children', 'case_members', 'conferences'], ['invitations', 'events', 'dissents']];

/** Generates and inserts cases `from`..`to` (inclusive), a thousand at a time. Returns rows written. */
export async function loadCases(sql: Sql, pool: Pool, from: number, to: number, now: Date, ids: Ids): Promise<number> {
  let rows = 0;
  for (let start = from; start <= to; start += 1000) {
    const batch = emptyBatch();
    for (let n = start; n <= Math.min(to, start + 999); n++) generateCase(n, now, pool, ids, batch);
    for (const stage of STAGES) {
      await Promise.all(stage.map((table) => copyRows(sql, table, batch[table])));
      for (const table of stage) rows += batch[table].length;
    }
  }
  return rows;
}

/** Moves the serial sequences past the ids the generator chose, and refreshes planner statistics. */
export async function finishLoad(sql: Sql): Promise<void> {
  for (const t of ['partnerships', 'people', 'cases', 'children', 'conferences', 'invitations', 'events', 'dissents']) {
    await sql.unsafe(`select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 0) + 1, false)`);
  }
  await sql.unsafe('analyze');
}

export async function tableCounts(sql: Sql): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['people', 'cases', 'children', 'case_members', 'conferences', 'invitations', 'events', 'dissents']) {
    const [row] = await sql.unsafe(`select count(*)::int as n from ${t}`);
    out[t] = Number(row!.n);
  }
  return out;
}
