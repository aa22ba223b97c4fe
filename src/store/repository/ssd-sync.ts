// Named operations for the SSD sync (src/store/ssd/): create a batch of cases, update one case with
// only what changed in the extract, close a case the extract no longer has. Each audits what it did
// and marks its cases for re-planning. Only rows the extract made (source keys set) are compared or
// changed: invitations, answers, reports, dissent and events recorded in Quorum are never touched.
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { SsdCaseDraft, SsdConference, SsdEvent } from '../ssd/assemble.js';
import { addMember, upsertPerson } from '../people.js';
import { cases, children, conferences, events } from '../schema.js';
import { audit, type OpContext } from './context.js';
import { appendAuditMany } from '../audit.js';
import { insertColumns } from '../ssd/bulk.js';

export interface SsdTarget {
  partnershipId: number;
  profile: string;
}

const SOURCE = 'ssd';

const conferenceRow = (caseId: number, c: SsdConference) => ({
  caseId,
  key: c.key,
  sourceKey: c.key,
  type: c.type,
  scheduledAt: new Date(c.at),
  status: c.status,
  outcome: c.outcome,
  outcomes: c.outcomes,
  prebirth: c.prebirth,
  transferIn: c.transferIn,
  quorumDecision: c.quorum,
});

const eventRow = (caseId: number, e: SsdEvent) => ({ caseId, kind: e.kind, at: new Date(e.at), source: SOURCE, sourceKey: e.key });

/** Creates the cases of a batch; a reference already used by another case is refused, named in the result. */
export async function createSsdCases(ctx: OpContext, target: SsdTarget, drafts: SsdCaseDraft[]): Promise<{ created: SsdCaseDraft[]; refused: { draft: SsdCaseDraft; reason: string }[] }> {
  if (drafts.length === 0) return { created: [], refused: [] };
  const taken = await ctx.tx
    .select({ ref: cases.ref })
    .from(cases)
    .where(sql`lower(${cases.ref}) = any(${`{${drafts.map((d) => `"${d.ref.toLowerCase()}"`).join(',')}}`}::text[])`);
  const inUse = new Set(taken.map((t) => t.ref.toLowerCase()));
  const refused = drafts.filter((d) => inUse.has(d.ref.toLowerCase())).map((draft) => ({ draft, reason: `case reference ${draft.ref} is already used by a case not from this extract` }));
  const fresh = drafts.filter((d) => !inUse.has(d.ref.toLowerCase()));
  if (fresh.length === 0) return { created: [], refused };
  const now = ctx.now;
  // The lead social workers first (one look-up per person, not per case), so each case row names its own.
  const leads = new Map<string, number>();
  for (const d of fresh) if (d.lead && !leads.has(d.lead.email.toLowerCase())) leads.set(d.lead.email.toLowerCase(), await upsertLead(ctx, d.lead));
  const leadOf = (d: SsdCaseDraft) => (d.lead ? leads.get(d.lead.email.toLowerCase())! : null);
  const rows = await insertColumns<{ id: number; ref: string }>(
    ctx.tx,
    'cases',
    { ref: 'text', profile: 'text', partnership_id: 'int', status: 'text', closed_at: 'timestamptz', lead_social_worker_id: 'int', import_hash: 'text', source: 'text', source_key: 'text', created_at: 'timestamptz', updated_at: 'timestamptz' },
    fresh.map((d) => [d.ref, target.profile, target.partnershipId, d.status, d.closedAt, leadOf(d), d.hash, SOURCE, d.key, now, now]),
    { returning: 'id, ref' },
  );
  const idOf = new Map(rows.map((r) => [r.ref, Number(r.id)]));
  const pairs = fresh.map((d) => ({ d, id: idOf.get(d.ref)! }));
  await insertColumns(
    ctx.tx,
    'children',
    { case_id: 'int', ref: 'text', source_key: 'text', unborn: 'boolean', date_of_birth: 'date', expected_date: 'date' },
    pairs.flatMap(({ d, id }) => d.children.map((ch) => [id, ch.ref, ch.ref, ch.unborn, ch.dateOfBirth ?? null, ch.expectedDate ?? null])),
  );
  await insertColumns(
    ctx.tx,
    'conferences',
    { case_id: 'int', key: 'text', source_key: 'text', type: 'text', scheduled_at: 'timestamptz', status: 'text', outcome: 'text', outcomes: 'jsonb', prebirth: 'boolean', transfer_in: 'boolean', quorum_decision: 'text' },
    pairs.flatMap(({ d, id }) => d.conferences.map((c) => [id, c.key, c.key, c.type, c.at, c.status, c.outcome ?? null, c.outcomes ? JSON.stringify(c.outcomes) : null, c.prebirth, c.transferIn, c.quorum])),
  );
  await insertColumns(
    ctx.tx,
    'events',
    { case_id: 'int', kind: 'text', at: 'timestamptz', source: 'text', source_key: 'text' },
    pairs.flatMap(({ d, id }) => d.events.map((e) => [id, e.kind, e.at, SOURCE, e.key])),
  );
  await insertColumns(ctx.tx, 'case_members', { case_id: 'int', person_id: 'int', role: 'text' }, pairs.filter(({ d }) => d.lead).map(({ d, id }) => [id, leadOf(d), 'social_worker']), { onConflictDoNothing: true });
  await appendAuditMany(
    ctx.tx,
    pairs.map(({ d, id }) => ({ actor: ctx.actor, action: 'SSD_CASE_IMPORTED' as const, subjectType: 'case', subjectId: id, caseRef: d.ref, correlationId: ctx.correlationId, detail: { source: SOURCE, children: d.children.length, conferences: d.conferences.length, events: d.events.length, leadSocialWorker: Boolean(d.lead) } })),
  );
  // A new case already closed (history, for the figures) has no nudges to plan or to withdraw.
  for (const { d, id } of pairs) if (d.status === 'open') ctx.changed.add(id);
  return { created: fresh, refused };
}

async function upsertLead(ctx: OpContext, lead: { name: string; email: string }): Promise<number> {
  const { person } = await upsertPerson(ctx.tx, { name: lead.name, organisation: "Children's social care", sector: 'childrens_social_care', email: lead.email });
  return person.id;
}

async function setLead(ctx: OpContext, caseId: number, lead: { name: string; email: string }): Promise<number> {
  const person = { id: await upsertLead(ctx, lead) };
  await addMember(ctx.tx, caseId, person.id, 'social_worker');
  await ctx.tx.update(cases).set({ leadSocialWorkerId: person.id }).where(eq(cases.id, caseId));
  return person.id;
}

// jsonb keeps its own key order: compare outcomes field by field.
const outcomeKey = (list: unknown): string =>
  JSON.stringify(((list ?? []) as { child: string; plan: boolean; category?: string | null }[]).map((o) => [o.child, o.plan, o.category ?? null]));
const same = (a: unknown, b: unknown) => outcomeKey(a) === outcomeKey(b);

/** Applies what changed in the extract to one case; returns the change codes (empty: nothing changed). */
export async function updateSsdCase(ctx: OpContext, caseId: number, draft: SsdCaseDraft, target: SsdTarget): Promise<string[]> {
  const changes: string[] = [];
  const tx = ctx.tx;
  const [row] = await tx.select().from(cases).where(eq(cases.id, caseId));
  if (!row) throw new Error(`case ${caseId} vanished inside its own transaction`);

  const kids = await tx.select().from(children).where(eq(children.caseId, caseId));
  for (const ch of draft.children) {
    const had = kids.find((k) => k.sourceKey === ch.ref);
    const values = { unborn: ch.unborn, dateOfBirth: ch.dateOfBirth ?? null, expectedDate: ch.expectedDate ?? null };
    if (!had) {
      await tx.insert(children).values({ caseId, ref: ch.ref, sourceKey: ch.ref, initials: null, ...values });
      changes.push(`child_added:${ch.ref}`);
    } else if (had.unborn !== values.unborn || had.dateOfBirth !== values.dateOfBirth || had.expectedDate !== values.expectedDate) {
      await tx.update(children).set(values).where(eq(children.id, had.id));
      changes.push(`child_updated:${ch.ref}`);
    }
  }

  const confs = await tx.select().from(conferences).where(and(eq(conferences.caseId, caseId), isNotNull(conferences.sourceKey)));
  for (const c of draft.conferences) {
    const had = confs.find((f) => f.sourceKey === c.key);
    if (!had) {
      await tx.insert(conferences).values(conferenceRow(caseId, c));
      changes.push(`conference_added:${c.key}`);
      continue;
    }
    const patch: Partial<typeof conferences.$inferInsert> = {};
    if (had.type !== c.type) patch.type = c.type;
    if (had.scheduledAt.getTime() !== new Date(c.at).getTime()) patch.scheduledAt = new Date(c.at);
    if (had.status !== c.status) patch.status = c.status;
    if (had.prebirth !== c.prebirth) patch.prebirth = c.prebirth;
    if (had.transferIn !== c.transferIn) patch.transferIn = c.transferIn;
    // A decision the extract does not hold (yet) leaves one recorded in Quorum as it is.
    if (c.outcome !== null && had.outcome !== c.outcome) patch.outcome = c.outcome;
    if (c.outcomes !== null && !same(had.outcomes, c.outcomes)) patch.outcomes = c.outcomes;
    if (c.quorum !== null && had.quorumDecision !== c.quorum) patch.quorumDecision = c.quorum;
    const fields = Object.keys(patch);
    if (fields.length === 0) continue;
    await tx
      .update(conferences)
      .set({ ...patch, updatedAt: ctx.now, ...(patch.scheduledAt ? { calendarSequence: sql`${conferences.calendarSequence} + 1` } : {}) })
      .where(eq(conferences.id, had.id));
    changes.push(`conference_updated:${c.key}:${fields.join(',')}`);
  }

  const evs = await tx.select().from(events).where(and(eq(events.caseId, caseId), eq(events.source, SOURCE), isNull(events.supersededBy)));
  const wanted = new Set(draft.events.map((e) => e.key));
  const have = new Set(evs.map((v) => v.sourceKey));
  const stale = evs.filter((v) => v.sourceKey !== null && !wanted.has(v.sourceKey));
  for (const e of draft.events) {
    if (have.has(e.key)) continue;
    const [added] = await tx.insert(events).values(eventRow(caseId, e)).returning({ id: events.id });
    // Events are never edited: a date that moved is a new event the old one (same kind) points at.
    const i = stale.findIndex((v) => v.kind === e.kind);
    if (i < 0) {
      changes.push(`event_added:${e.key}`);
      continue;
    }
    const [old] = stale.splice(i, 1);
    await tx.update(events).set({ supersededBy: added!.id }).where(eq(events.id, old!.id));
    changes.push(`event_corrected:${old!.sourceKey}>${e.key}`);
  }
  // Gone from the extract with nothing in its place: kept, pointing at itself (withdrawn by the source).
  for (const v of stale) {
    await tx.update(events).set({ supersededBy: v.id }).where(eq(events.id, v.id));
    changes.push(`event_withdrawn:${v.sourceKey}`);
  }

  const closedAt = draft.closedAt ? new Date(draft.closedAt) : null;
  const casePatch: Partial<typeof cases.$inferInsert> = {};
  if (row.status !== draft.status) casePatch.status = draft.status;
  if ((row.closedAt?.getTime() ?? null) !== (closedAt?.getTime() ?? null)) casePatch.closedAt = closedAt;
  if (row.profile !== target.profile) casePatch.profile = target.profile;
  if (Object.keys(casePatch).length) changes.push(`case_updated:${Object.keys(casePatch).join(',')}`);
  if (draft.lead) {
    const personId = await setLead(ctx, caseId, draft.lead);
    if (personId !== row.leadSocialWorkerId) changes.push('lead_social_worker');
  }
  await tx.update(cases).set({ ...casePatch, importHash: draft.hash, updatedAt: ctx.now }).where(eq(cases.id, caseId));
  if (changes.length) {
    await audit(ctx, row.ref, 'SSD_CASE_UPDATED', { type: 'case', id: caseId }, { source: SOURCE, changes });
    ctx.changed.add(caseId);
  }
  return changes;
}

/** A case the extract no longer has: closed (never deleted), on request only. */
export async function closeMissingSsdCase(ctx: OpContext, caseId: number, ref: string): Promise<void> {
  await ctx.tx.update(cases).set({ status: 'closed', closedAt: ctx.now, updatedAt: ctx.now }).where(and(eq(cases.id, caseId), eq(cases.status, 'open')));
  await audit(ctx, ref, 'SSD_CASE_CLOSED_MISSING', { type: 'case', id: caseId }, { source: SOURCE });
  ctx.changed.add(caseId);
}

/** The partnership's synced cases, and which case each synced child is on. */
export async function loadSsdIndex(ctx: OpContext, partnershipId: number): Promise<{ cases: Map<number, { id: number; ref: string; hash: string | null; status: string; key: string }>; byChild: Map<string, number> }> {
  const rows = await ctx.tx
    .select({ id: cases.id, ref: cases.ref, hash: cases.importHash, status: cases.status, key: cases.sourceKey })
    .from(cases)
    .where(and(eq(cases.partnershipId, partnershipId), eq(cases.source, SOURCE)));
  const byId = new Map(rows.map((r) => [r.id, { ...r, key: r.key ?? '' }]));
  const byChild = new Map<string, number>();
  const ids = [...byId.keys()];
  for (let i = 0; i < ids.length; i += 5000) {
    const kids = await ctx.tx
      .select({ caseId: children.caseId, key: children.sourceKey })
      .from(children)
      .where(and(inArray(children.caseId, ids.slice(i, i + 5000)), isNotNull(children.sourceKey)));
    for (const k of kids) byChild.set(k.key!, k.caseId);
  }
  return { cases: byId, byChild };
}
