// What happened on a case: events (entries are never edited; a correction is a new event the old
// one points at) and professional dissent (immutable; a change is a new entry that supersedes).
import { eq } from 'drizzle-orm';
import type { EventKind } from '../../rules/case-facts.js';
import type { StoredCase, StoredConference, StoredEvent } from '../case-model.js';
import { dissents, events } from '../schema.js';
import { audit, changed, type OpContext } from './context.js';
import { personOf } from './conferences.js';

export interface NewEvent {
  kind: EventKind;
  at: Date;
  conferenceKey: string | null;
  /** The entry this one corrects: kept, but no longer counted. */
  corrects?: StoredEvent;
}

export async function recordEvent(ctx: OpContext, c: StoredCase, e: NewEvent, detail: Record<string, unknown>): Promise<{ after: StoredCase; eventId: number }> {
  const [row] = await ctx.tx
    .insert(events)
    .values({ caseId: c.id, kind: e.kind, at: e.at, conferenceKey: e.conferenceKey, authorPersonId: personOf(ctx), source: ctx.source })
    .returning({ id: events.id });
  if (e.corrects) await ctx.tx.update(events).set({ supersededBy: row!.id }).where(eq(events.id, e.corrects.id));
  await audit(ctx, c.ref, e.corrects ? 'EVENT_CORRECTED' : 'EVENT_RECORDED', { type: 'event', id: row!.id }, {
    kind: e.kind,
    conference: e.conferenceKey,
    source: ctx.source,
    supersedes: e.corrects?.id ?? null,
    ...detail,
  });
  return { after: await changed(ctx, c.id), eventId: row!.id };
}

export interface NewDissent {
  personId: number;
  byName: string;
  decision: 'plan' | 'category' | 'other';
  view: string;
  formal: boolean;
}

export async function lodgeDissent(ctx: OpContext, c: StoredCase, conf: StoredConference, d: NewDissent): Promise<{ after: StoredCase; dissentId: number; superseded: boolean }> {
  const previous = c.facts.dissents.find((x) => x.conference === conf.id && x.personId === d.personId);
  const [row] = await ctx.tx
    .insert(dissents)
    .values({ caseId: c.id, conferenceId: conf.dbId, personId: d.personId, byName: d.byName, decision: d.decision, view: d.view, formal: d.formal, lodgedAt: ctx.now, supersedes: previous?.id ?? null })
    .returning({ id: dissents.id });
  await audit(ctx, c.ref, previous ? 'DISSENT_SUPERSEDED' : 'DISSENT_RECORDED', { type: 'dissent', id: row!.id }, { decision: d.decision, formal: d.formal, supersedes: previous?.id ?? null });
  return { after: await changed(ctx, c.id), dissentId: row!.id, superseded: Boolean(previous) };
}
