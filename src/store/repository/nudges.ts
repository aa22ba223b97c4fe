// Outbox writes that belong to a case operation: notices written with the change that causes them,
// and a snooze (the chain of the nudge a person clicked comes back on the next working morning).
import { and, eq, ne, sql } from 'drizzle-orm';
import { enqueue, type OutboxRow } from '../outbox.js';
import { nudges } from '../schema.js';
import { audit, type OpContext } from './context.js';

export async function enqueueNotices(ctx: OpContext, rows: OutboxRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  ctx.wroteOutbox = true;
  return enqueue(ctx.tx, rows);
}

export interface Snooze {
  nudgeId: number;
  personId: number;
  /** The case the button named: a click carrying another case's reference is refused. */
  caseRef: string;
  until: Date;
  step: string;
}

/**
 * A snooze row covers the chain's steps due before it, so they are not sent on top of it. Returns
 * false, writing nothing, when the nudge is not this person's or not on that case (the same answer
 * either way: nobody learns whose it is).
 */
export async function snoozeNudge(ctx: OpContext, s: Snooze): Promise<boolean> {
  const [row] = await ctx.tx
    .select({ n: nudges, ref: sql<string>`(select ref from cases where cases.id = ${nudges.caseId})` })
    .from(nudges)
    .where(eq(nudges.id, s.nudgeId));
  if (!row || row.n.recipientId !== s.personId || row.ref.toLowerCase() !== s.caseRef.toLowerCase()) return false;
  const n = row.n;
  const payload = n.payload as { view?: unknown; chain?: string; ref?: string };
  const chain = payload.chain ?? n.key.slice(0, n.key.lastIndexOf(':'));
  const key = `${chain}:${s.step}`;
  await ctx.tx
    .insert(nudges)
    .values({ key, kind: n.kind, caseId: n.caseId, conferenceId: n.conferenceId, recipientId: n.recipientId, channel: 'pending', step: s.step, deadline: n.deadline, dueAt: s.until, payload: { view: payload.view, chain, ref: payload.ref } })
    .onConflictDoNothing({ target: nudges.key });
  // Anything of the chain still waiting would arrive before the snooze ends: drop it.
  await ctx.tx
    .update(nudges)
    .set({ status: 'cancelled', updatedAt: ctx.now })
    .where(and(eq(nudges.caseId, n.caseId), eq(nudges.recipientId, s.personId), eq(nudges.status, 'pending'), ne(nudges.key, key), sql`${nudges.payload}->>'chain' = ${chain}`));
  await audit(ctx, row.ref, 'NUDGE_SNOOZED', { type: 'nudge', id: s.nudgeId }, { until: s.until.toISOString() });
  ctx.wroteOutbox = true;
  return true;
}
