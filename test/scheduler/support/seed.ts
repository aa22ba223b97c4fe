// Seeds a store through the real import, and reads back what the tests assert on.
import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor, Store } from '../../../src/store/db.js';
import { importCases } from '../../../src/store/import.js';
import { nudges, people } from '../../../src/store/schema.js';
import { silentInviteesCase } from './fixtures.js';

/** Imports the cases; everyone gets a Slack id, so a recording Slack sender reaches them all. */
export async function seed(store: Store, cases: Record<string, unknown>[] = [silentInviteesCase()]): Promise<Map<string, number>> {
  await importCases(store, { cases }, { actor: 'test', correlationId: 'seed' });
  await store.db.update(people).set({ slackUserId: sql`'U0P' || ${people.id}` }).where(isNull(people.slackUserId));
  const rows = await store.db.select({ id: people.id, email: people.email }).from(people);
  return new Map(rows.map((r) => [r.email!, r.id]));
}

export async function allNudges(db: Executor) {
  return db.select().from(nudges).orderBy(asc(nudges.id));
}

export async function nudgesWithStatus(db: Executor, status: string) {
  return db.select().from(nudges).where(eq(nudges.status, status)).orderBy(asc(nudges.id));
}

/** 09:00 London on a date (GMT in January, so 09:00Z). */
export const at9 = (date: string) => new Date(`${date}T09:00:00Z`);
