// Synthetic cases for fault tests, through the bench's generator and bulk loader (no real data).
import postgres from 'postgres';
import { emptyBatch, generateCase, type Batch } from '../../../bench/generate.js';
import { copyRows, finishLoad, loadPool } from '../../../bench/load.js';
import { buildPool } from '../../../bench/people.js';
import { openStore } from '../../../src/store/db.js';
import { migrate } from '../../../src/store/migrate.js';

/** A Wednesday, 10:00 London: nudge hours on a working day. */
export const FAULT_NOW = new Date('2026-03-11T10:00:00Z');

export async function seedCases(url: string, count: number, now = FAULT_NOW): Promise<void> {
  const store = await openStore({ databaseUrl: url, poolSize: 1 });
  await migrate(store);
  await store.close();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const pool = buildPool(count);
    await loadPool(sql, pool);
    const batch = emptyBatch();
    const ids = { conference: 0, invitation: 0, event: 0, child: 0, dissent: 0 };
    for (let n = 1; n <= count; n++) generateCase(n, now, pool, ids, batch);
    for (const table of ['cases', 'children', 'case_members', 'conferences', 'invitations', 'events', 'dissents'] as (keyof Batch)[]) await copyRows(sql, table, batch[table]);
    await finishLoad(sql);
  } finally {
    await sql.end();
  }
}
