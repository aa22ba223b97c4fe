// Conference operations: book, move, cancel, and the chair's outcome. Each writes its rows and its
// audit entry, marks the case for re-planning and returns the case as it now is.
import { eq, sql } from 'drizzle-orm';
import type { ChildOutcome, Conference } from '../../rules/case-facts.js';
import type { ChangeReason } from '../../rules/reasons.js';
import type { StoredCase, StoredConference } from '../case-model.js';
import { cases, conferences, events } from '../schema.js';
import { audit, changed, type OpContext } from './context.js';

export interface Booking {
  type: Conference['type'];
  prebirth: boolean;
  transferIn: boolean;
  at: Date;
}

export async function bookConference(ctx: OpContext, c: StoredCase, b: Booking, detail: Record<string, unknown>): Promise<{ after: StoredCase; conference: StoredConference }> {
  const key = nextConferenceKey(c, b.type);
  const [row] = await ctx.tx
    .insert(conferences)
    .values({ caseId: c.id, key, type: b.type, prebirth: b.prebirth, transferIn: b.transferIn, scheduledAt: b.at, status: 'scheduled', bookedAt: ctx.now })
    .returning({ id: conferences.id });
  await audit(ctx, c.ref, 'CONFERENCE_SCHEDULED', { type: 'conference', id: row!.id }, { conference: key, type: b.type, at: b.at.toISOString(), prebirth: b.prebirth, transferIn: b.transferIn, ...detail });
  const after = await changed(ctx, c.id);
  return { after, conference: after.facts.conferences.find((f) => f.id === key)! };
}

/** A fresh case-scoped key: icpc-N for an initial, rcpc-N for a review. */
function nextConferenceKey(c: StoredCase, type: Conference['type']): string {
  const prefix = type === 'initial' ? 'icpc' : 'rcpc';
  const taken = new Set(c.facts.conferences.map((f) => f.id));
  let n = c.facts.conferences.filter((f) => f.type === type).length + 1;
  while (taken.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

export interface Change {
  code: ChangeReason;
  /** Free text: stored for the roles that may read it, never in an audit entry or a nudge. */
  note: string | null;
}

export async function moveConference(ctx: OpContext, c: StoredCase, conf: StoredConference, move: Change & { at: Date }, detail: Record<string, unknown>): Promise<StoredCase> {
  // SEQUENCE + 1: calendars that hold the invitation replace it with the new time.
  await ctx.tx
    .update(conferences)
    .set({ scheduledAt: move.at, statusCode: move.code, statusReason: move.note, bookedAt: ctx.now, updatedAt: ctx.now, calendarSequence: sql`${conferences.calendarSequence} + 1` })
    .where(eq(conferences.id, conf.dbId));
  await audit(ctx, c.ref, 'CONFERENCE_MOVED', { type: 'conference', id: conf.dbId }, { conference: conf.id, from: conf.at, to: move.at.toISOString(), reason: move.code, ...detail });
  return changed(ctx, c.id);
}

export async function cancelConference(ctx: OpContext, c: StoredCase, conf: StoredConference, change: Change, detail: Record<string, unknown>): Promise<StoredCase> {
  await ctx.tx
    .update(conferences)
    .set({ status: 'cancelled', statusCode: change.code, statusReason: change.note, updatedAt: ctx.now, calendarSequence: sql`${conferences.calendarSequence} + 1` })
    .where(eq(conferences.id, conf.dbId));
  await audit(ctx, c.ref, 'CONFERENCE_CANCELLED', { type: 'conference', id: conf.dbId }, { conference: conf.id, at: conf.at, reason: change.code, ...detail });
  return changed(ctx, c.id);
}

export interface Outcome {
  outcomes: ChildOutcome[];
  quorum: 'quorate' | 'proceeded_inquorate';
  inquorateReason: string | null;
  firstCoreGroupDate: string | null;
  leadSocialWorkerId: number | null;
  /** The conference starts a plan (none was running): a plan_started event is recorded with it. */
  startsPlan: boolean;
}

export async function recordOutcome(ctx: OpContext, c: StoredCase, conf: StoredConference, o: Outcome): Promise<StoredCase> {
  const anyPlan = o.outcomes.some((x) => x.plan);
  await ctx.tx
    .update(conferences)
    .set({ status: 'held', outcome: anyPlan ? 'plan' : 'no_plan', outcomes: o.outcomes, quorumDecision: o.quorum, inquorateReason: o.inquorateReason, firstCoreGroupDate: o.firstCoreGroupDate, updatedAt: ctx.now })
    .where(eq(conferences.id, conf.dbId));
  if (o.leadSocialWorkerId !== null && o.leadSocialWorkerId !== c.leadSocialWorkerId) {
    await ctx.tx.update(cases).set({ leadSocialWorkerId: o.leadSocialWorkerId, updatedAt: ctx.now }).where(eq(cases.id, c.id));
  }
  if (o.startsPlan) {
    await ctx.tx.insert(events).values({ caseId: c.id, kind: 'plan_started', at: new Date(conf.at), conferenceKey: conf.id, authorPersonId: personOf(ctx), source: ctx.source });
  }
  await audit(ctx, c.ref, 'OUTCOME_RECORDED', { type: 'conference', id: conf.dbId }, {
    conference: conf.id,
    outcome: anyPlan ? 'plan' : 'no_plan',
    categories: o.outcomes.map((x) => x.category),
    quorum: o.quorum,
    firstCoreGroupDate: o.firstCoreGroupDate,
    leadSocialWorkerId: o.leadSocialWorkerId,
    planStarted: o.startsPlan,
  });
  return changed(ctx, c.id);
}

/** The acting person's id, for the author columns (null for system actors). */
export function personOf(ctx: OpContext): number | null {
  const m = /^person:(\d+)$/.exec(ctx.actor);
  return m ? Number(m[1]) : null;
}
