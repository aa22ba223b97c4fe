// Cases, and the case facts the rules engine reads, rebuilt from the store. Loading is batched
// (a handful of queries for any number of cases) because the scheduler sweeps every open case.
import { asc, eq, sql } from 'drizzle-orm';
import type { CaseFacts, Conference, Invitee } from '../rules/case-facts.js';
import { inIds, queryRows, type Executor } from './db.js';
import { cases, children, conferences, dissents, events, invitations } from './schema.js';

export type CaseRow = typeof cases.$inferSelect;
export type ConferenceRow = typeof conferences.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;

export async function findCaseByRef(db: Executor, ref: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.ref, ref));
  return row;
}




export interface LoadedCase {
  row: CaseRow;
  facts: CaseFacts;
  /** conference key → row, invitee index → invitation row, for commands that act on them. */
  conferences: Map<string, ConferenceRow>;
  invitations: Map<string, (InvitationRow & { personName: string; personEmail: string | null })[]>;
}

export async function loadCase(db: Executor, caseId: number): Promise<LoadedCase | undefined> {
  return (await loadCases(db, [caseId])).get(caseId);
}

export async function loadCases(db: Executor, caseIds: number[]): Promise<Map<number, LoadedCase>> {
  const out = new Map<number, LoadedCase>();
  if (caseIds.length === 0) return out;
  const [caseRows, childRows, confRows, inviteRows, eventRows, dissentRows] = await Promise.all([
    db.select().from(cases).where(inIds(cases.id, caseIds)),
    db.select().from(children).where(inIds(children.caseId, caseIds)).orderBy(asc(children.id)),
    db.select().from(conferences).where(inIds(conferences.caseId, caseIds)).orderBy(asc(conferences.scheduledAt), asc(conferences.id)),
    loadInvitationRows(db, caseIds),
    loadEventRows(db, caseIds),
    db.select().from(dissents).where(inIds(dissents.caseId, caseIds)).orderBy(asc(dissents.id)),
  ]);

  for (const row of caseRows) {
    out.set(row.id, {
      row,
      facts: { ref: row.ref, profile: row.profile, status: row.status as 'open' | 'closed', closedAt: iso(row.closedAt), children: [], events: [], conferences: [], dissents: [] },
      conferences: new Map(),
      invitations: new Map(),
    });
  }
  for (const c of childRows) {
    out.get(c.caseId)?.facts.children.push({ ref: c.ref, initials: c.initials, unborn: c.unborn, dateOfBirth: c.dateOfBirth, expectedDate: c.expectedDate });
  }
  const confById = new Map<number, { loaded: LoadedCase; conf: Conference }>();
  for (const c of confRows) {
    const loaded = out.get(c.caseId);
    if (!loaded) continue;
    const conf: Conference = {
      id: c.key,
      type: c.type,
      at: c.scheduledAt.toISOString(),
      status: c.status,
      statusReason: c.statusReason,
      outcome: c.outcome,
      outcomes: (c.outcomes as Conference['outcomes']) ?? null,
      prebirth: c.prebirth,
      transferIn: c.transferIn,
      quorum: c.quorumDecision ? { decision: c.quorumDecision, reason: c.inquorateReason } : null,
      firstCoreGroupDate: c.firstCoreGroupDate,
      bookedAt: iso(c.bookedAt),
      invitationsSentAt: iso(c.invitationsSentAt),
      reportsCirculatedAt: iso(c.reportsCirculatedAt),
      invitees: [],
    };
    loaded.facts.conferences.push(conf);
    loaded.conferences.set(c.key, c);
    loaded.invitations.set(c.key, []);
    confById.set(c.id, { loaded, conf });
  }
  for (const r of inviteRows) {
    const entry = confById.get(r.inv.conferenceId);
    if (!entry) continue;
    const i = r.inv;
    const invitee: Invitee = {
      name: r.name,
      agency: i.agency,
      sector: i.sector as Invitee['sector'],
      role: i.role as Invitee['role'],
      response: i.response as Invitee['response'],
      deputy: i.deputy,
      respondedAt: iso(i.respondedAt),
      reportSubmittedAt: iso(i.reportSubmittedAt),
      reportSharedAt: iso(i.reportSharedAt),
      reportWithheldReason: i.reportWithheldReason,
      email: r.email,
    };
    entry.conf.invitees.push(invitee);
    entry.loaded.invitations.get(entry.conf.id)!.push({ ...i, personName: r.name, personEmail: r.email });
  }
  for (const e of eventRows) {
    out.get(e.caseId)?.facts.events.push({ kind: e.kind as CaseFacts['events'][number]['kind'], at: e.at.toISOString(), conference: e.conferenceKey, note: e.note });
  }
  const superseded = new Set(dissentRows.map((d) => d.supersedes).filter((id): id is number => id !== null));
  for (const d of dissentRows) {
    const loaded = out.get(d.caseId);
    const conf = confById.get(d.conferenceId);
    if (!loaded || !conf) continue;
    // A superseded entry stays stored; the facts carry the latest view of each person.
    if (superseded.has(d.id)) continue;
    loaded.facts.dissents.push({
      conference: conf.conf.id,
      by: d.byName,
      decision: d.decision,
      view: d.view,
      formal: d.formal,
      lodgedAt: d.lodgedAt.toISOString(),
      reviewOutcome: d.reviewOutcome,
      reviewedAt: iso(d.reviewedAt),
    });
  }
  return out;
}

// The two largest reads (about eight invitations and a dozen events a case) skip the ORM's row
// mapping, which profiling showed costs more than the planning itself; timestamps come as epoch ms.
const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);
const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(Number(v)));

async function loadInvitationRows(db: Executor, caseIds: number[]) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select i.id, i.conference_id, i.person_id, i.agency, i.sector, i.role, i.response, i.deputy, ${ms('i.responded_at')} as responded_at,
      ${ms('i.report_submitted_at')} as report_submitted_at, ${ms('i.report_shared_at')} as report_shared_at, i.report_withheld_reason,
      ${ms('i.created_at')} as created_at, p.name, p.email, conferences.case_id
      from invitations i join conferences on conferences.id = i.conference_id join people p on p.id = i.person_id
      where ${inIds(conferences.caseId, caseIds)} and i.removed_at is null order by i.id`,
  );
  return rows.map((r) => ({
    caseId: Number(r.case_id),
    name: r.name as string,
    email: (r.email as string | null) ?? null,
    inv: {
      id: Number(r.id),
      conferenceId: Number(r.conference_id),
      personId: Number(r.person_id),
      agency: r.agency as string,
      sector: r.sector as string,
      role: r.role as string,
      response: r.response as string,
      deputy: (r.deputy as string | null) ?? null,
      respondedAt: toDate(r.responded_at),
      reportSubmittedAt: toDate(r.report_submitted_at),
      reportSharedAt: toDate(r.report_shared_at),
      reportWithheldReason: (r.report_withheld_reason as string | null) ?? null,
      removedAt: null,
      removedReason: null,
      createdAt: toDate(r.created_at)!,
    } satisfies InvitationRow,
  }));
}

async function loadEventRows(db: Executor, caseIds: number[]) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select case_id, kind, ${ms('at')} as at, conference_key, note from events where ${inIds(events.caseId, caseIds)} and superseded_by is null order by at, id`,
  );
  return rows.map((r) => ({ caseId: Number(r.case_id), kind: r.kind as string, at: toDate(r.at)!, conferenceKey: (r.conference_key as string | null) ?? null, note: (r.note as string | null) ?? null }));
}

function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}
