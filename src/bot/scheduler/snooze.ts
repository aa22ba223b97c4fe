// Snooze: the chain of the nudge a person clicked comes back to them on the next working morning.
// A snooze row covers the chain's steps due before it, so they are not sent on top of it.
import { and, eq, ne, sql } from 'drizzle-orm';
import { londonDate, nextWorkingMorning } from '../../rules/calendar.js';
import type { Executor } from '../../store/db.js';
import { nudges } from '../../store/schema.js';
import { CoreError } from '../core/errors.js';

export interface SnoozeOptions {
  morningHour?: number;
}

export async function snoozeNudge(db: Executor, nudgeId: number, personId: number, now: Date, opts: SnoozeOptions = {}): Promise<Date> {
  const [row] = await db.select().from(nudges).where(eq(nudges.id, nudgeId));
  // Same answer whether the nudge does not exist or is someone else's.
  if (!row || row.recipientId !== personId) throw new CoreError('NUDGE_NOT_YOURS', 'That reminder was not sent to you, so you cannot snooze it.');
  const payload = row.payload as { view?: unknown; chain?: string; ref?: string };
  const chain = payload.chain ?? row.key.slice(0, row.key.lastIndexOf(':'));
  const until = nextWorkingMorning(now, opts.morningHour ?? 9);
  const step = `snooze-${londonDate(until)}`;
  const key = `${chain}:${step}`;
  await db
    .insert(nudges)
    .values({
      key,
      kind: row.kind,
      caseId: row.caseId,
      conferenceId: row.conferenceId,
      recipientId: row.recipientId,
      channel: 'pending',
      step,
      deadline: row.deadline,
      dueAt: until,
      payload: { view: payload.view, chain, ref: payload.ref },
    })
    .onConflictDoNothing({ target: nudges.key });
  // Anything of the chain still waiting would arrive before the snooze ends: drop it.
  await db
    .update(nudges)
    .set({ status: 'cancelled', updatedAt: now })
    .where(and(eq(nudges.caseId, row.caseId), eq(nudges.recipientId, personId), eq(nudges.status, 'pending'), ne(nudges.key, key), sql`${nudges.payload}->>'chain' = ${chain}`));
  return until;
}
