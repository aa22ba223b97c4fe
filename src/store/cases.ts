// Cases, and the case facts the rules engine reads, rebuilt from the store. Loading is batched
// (one query for any number of cases) because the scheduler sweeps every open case.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { CaseFacts, Conference, Invitee } from '../rules/case-facts.js';
import { inIds, queryRows, type Executor } from './db.js';
import { cases, conferences, invitations, type Role } from './schema.js';

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

export interface CaseForPerson {
  loaded: LoadedCase;
  /** The person's roles on this case (none if not a member). */
  roles: Role[];
  /** Whether the person is a QA manager on any case of this case's partnership. */
  partnershipQa: boolean;
}

/**
 * A case by reference with one person's roles on it, in one query: every chat request about a case
 * starts here. The caller decides what a non-member may learn (nothing).
 */
export async function loadCaseForPerson(db: Executor, ref: string, personId: number): Promise<CaseForPerson | undefined> {
  const [r] = await loadRows<{ roles: Role[] | null; partnership_qa: boolean }>(
    db,
    sql`c.ref = ${ref}`,
    sql`, (select array_agg(m.role::text) from case_members m where m.case_id = c.id and m.person_id = ${personId}) as roles,
      exists (select 1 from case_members q join cases qc on qc.id = q.case_id
        where q.person_id = ${personId} and q.role = 'qa_manager' and qc.partnership_id = c.partnership_id) as partnership_qa`,
  );
  return r ? { loaded: buildLoadedCase(r), roles: r.roles ?? [], partnershipQa: Boolean(r.partnership_qa) } : undefined;
}

/**
 * One query for any number of cases: each case's children, conferences, invitations, events and
 * dissents come back as JSON arrays beside its row. A chat request reads one case on every call and
 * the sweep 500 at a time; one round trip and no ORM row mapping keep both cheap (docs/benchmarks.md).
 */
export async function loadCases(db: Executor, caseIds: number[]): Promise<Map<number, LoadedCase>> {
  const out = new Map<number, LoadedCase>();
  // A big batch goes as several queries at once: on a pool they run on several backends (cores).
  const chunks: number[][] = [];
  for (let i = 0; i < caseIds.length; i += LOAD_CHUNK) chunks.push(caseIds.slice(i, i + LOAD_CHUNK));
  for (const rows of await Promise.all(chunks.map((ids) => loadRows(db, inIds(sql.raw('c.id'), ids))))) {
    for (const r of rows) {
      const loaded = buildLoadedCase(r);
      out.set(loaded.row.id, loaded);
    }
  }
  return out;
}

const LOAD_CHUNK = 100;

function loadRows<Extra = unknown>(db: Executor, where: SQL, extraColumns: SQL = sql``): Promise<(LoadRow & Extra)[]> {
  return queryRows<LoadRow & Extra>(db, sql`select c.id, c.ref, c.partnership_id, c.profile, c.status, ${ms('c.closed_at')} as closed_at,
      c.lead_social_worker_id, c.import_hash, ${ms('c.created_at')} as created_at, ${ms('c.updated_at')} as updated_at,
      (select json_agg(json_build_array(ch.id, ch.ref, ch.initials, ch.unborn, ch.date_of_birth, ch.expected_date) order by ch.id)
        from children ch where ch.case_id = c.id) as children,
      (select json_agg(json_build_array(f.id, f.key, f.type, f.prebirth, f.transfer_in, ${ms('f.scheduled_at')}, f.status, f.status_reason, f.outcome,
          f.outcomes, f.quorum_decision, f.inquorate_reason, f.first_core_group_date, ${ms('f.booked_at')}, ${ms('f.invitations_sent_at')},
          ${ms('f.reports_circulated_at')}, ${ms('f.created_at')}, ${ms('f.updated_at')}) order by f.scheduled_at, f.id)
        from conferences f where f.case_id = c.id) as conferences,
      (select json_agg(json_build_array(i.id, i.conference_id, i.person_id, i.agency, i.sector, i.role, i.response, i.deputy, ${ms('i.responded_at')},
          ${ms('i.report_submitted_at')}, ${ms('i.report_shared_at')}, i.report_withheld_reason, ${ms('i.created_at')}, p.name, p.email) order by i.id)
        from invitations i join conferences f on f.id = i.conference_id join people p on p.id = i.person_id
        where f.case_id = c.id and i.removed_at is null) as invitations,
      (select json_agg(json_build_array(e.kind, ${ms('e.at')}, e.conference_key, e.note) order by e.at, e.id)
        from events e where e.case_id = c.id and e.superseded_by is null) as events,
      (select json_agg(json_build_array(d.id, d.conference_id, d.by_name, d.decision, d.view, d.formal, ${ms('d.lodged_at')}, d.supersedes,
          d.review_outcome, ${ms('d.reviewed_at')}) order by d.id)
        from dissents d where d.case_id = c.id) as dissents${extraColumns}
    from cases c where ${where}`);
}

type Json<T> = T[] | string | null;
type InvitationTuple = [number, number, number, string, string, string, string, string | null, number | null, number | null, number | null, string | null, number, string, string | null];
type LoadRow = {
  id: number;
  ref: string;
  partnership_id: number | null;
  profile: string;
  status: string;
  closed_at: number | null;
  lead_social_worker_id: number | null;
  import_hash: string | null;
  created_at: number;
  updated_at: number;
  children: Json<[number, string, string, boolean, string | null, string | null]>;
  conferences: Json<unknown[]>;
  invitations: Json<unknown[]>;
  events: Json<[string, number, string | null, string | null]>;
  dissents: Json<unknown[]>;
};

/** PGlite and postgres.js both parse json; parse here too if a driver hands back text. */
function arrayOf<T>(v: Json<T>): T[] {
  if (v === null || v === undefined) return [];
  return typeof v === 'string' ? (JSON.parse(v) as T[]) : v;
}

function buildLoadedCase(r: LoadRow): LoadedCase {
  const row: CaseRow = {
    id: Number(r.id),
    ref: r.ref,
    partnershipId: r.partnership_id === null ? null : Number(r.partnership_id),
    profile: r.profile,
    status: r.status,
    closedAt: toDate(r.closed_at),
    leadSocialWorkerId: r.lead_social_worker_id === null ? null : Number(r.lead_social_worker_id),
    importHash: r.import_hash,
    createdAt: toDate(r.created_at)!,
    updatedAt: toDate(r.updated_at)!,
  };
  const facts: CaseFacts = { ref: row.ref, profile: row.profile, status: row.status as 'open' | 'closed', closedAt: iso(row.closedAt), children: [], events: [], conferences: [], dissents: [] };
  const loaded: LoadedCase = { row, facts, conferences: new Map(), invitations: new Map() };
  for (const [, ref, initials, unborn, dateOfBirth, expectedDate] of arrayOf(r.children)) {
    facts.children.push({ ref, initials, unborn, dateOfBirth, expectedDate });
  }
  const confById = new Map<number, Conference>();
  for (const f of arrayOf(r.conferences)) {
    const c = conferenceRow(row.id, f);
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
    facts.conferences.push(conf);
    loaded.conferences.set(c.key, c);
    loaded.invitations.set(c.key, []);
    confById.set(c.id, conf);
  }
  // Indexed reads, not destructuring: this runs for every invitation of every case a sweep reads.
  for (const v of arrayOf(r.invitations) as InvitationTuple[]) {
    const conf = confById.get(v[1]);
    if (!conf) continue;
    const respondedAt = toDate(v[8]);
    const reportSubmittedAt = toDate(v[9]);
    const reportSharedAt = toDate(v[10]);
    const inv = {
      id: v[0], conferenceId: v[1], personId: v[2], agency: v[3], sector: v[4], role: v[5], response: v[6], deputy: v[7],
      respondedAt, reportSubmittedAt, reportSharedAt, reportWithheldReason: v[11],
      removedAt: null, removedReason: null, createdAt: new Date(v[12]),
      personName: v[13], personEmail: v[14],
    };
    conf.invitees.push({
      name: inv.personName,
      agency: inv.agency,
      sector: inv.sector as Invitee['sector'],
      role: inv.role as Invitee['role'],
      response: inv.response as Invitee['response'],
      deputy: inv.deputy,
      respondedAt: iso(respondedAt),
      reportSubmittedAt: iso(reportSubmittedAt),
      reportSharedAt: iso(reportSharedAt),
      reportWithheldReason: inv.reportWithheldReason,
      email: inv.personEmail,
    });
    loaded.invitations.get(conf.id)!.push(inv);
  }
  for (const e of arrayOf(r.events)) {
    facts.events.push({ kind: e[0] as CaseFacts['events'][number]['kind'], at: new Date(e[1]).toISOString(), conference: e[2], note: e[3] });
  }
  const dissentRows = arrayOf(r.dissents) as [number, number, string, 'plan' | 'category' | 'other', string, boolean, number, number | null, string | null, number | null][];
  const superseded = new Set(dissentRows.map((d) => d[7]).filter((id): id is number => id !== null));
  for (const [id, conferenceId, byName, decision, view, formal, lodgedAt, , reviewOutcome, reviewedAt] of dissentRows) {
    const conf = confById.get(conferenceId);
    // A superseded entry stays stored; the facts carry the latest view of each person.
    if (!conf || superseded.has(id)) continue;
    facts.dissents.push({ conference: conf.id, by: byName, decision, view, formal, lodgedAt: new Date(lodgedAt).toISOString(), reviewOutcome, reviewedAt: iso(toDate(reviewedAt)) });
  }
  return loaded;
}

function conferenceRow(caseId: number, f: unknown[]): ConferenceRow {
  const [id, key, type, prebirth, transferIn, scheduledAt, status, statusReason, outcome, outcomes, quorumDecision, inquorateReason, firstCoreGroupDate, bookedAt, invitationsSentAt, reportsCirculatedAt, createdAt, updatedAt] = f as [
    number, string, ConferenceRow['type'], boolean, boolean, number, ConferenceRow['status'], string | null, ConferenceRow['outcome'], unknown[] | null,
    ConferenceRow['quorumDecision'], string | null, string | null, number | null, number | null, number | null, number, number,
  ];
  return {
    id, caseId, key, type, prebirth, transferIn,
    scheduledAt: toDate(scheduledAt)!,
    status, statusReason, outcome, outcomes, quorumDecision, inquorateReason, firstCoreGroupDate,
    bookedAt: toDate(bookedAt),
    invitationsSentAt: toDate(invitationsSentAt),
    reportsCirculatedAt: toDate(reportsCirculatedAt),
    createdAt: toDate(createdAt)!,
    updatedAt: toDate(updatedAt)!,
  };
}

// Timestamps travel as epoch milliseconds: no string parsing, and the same on both drivers.
const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);
const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(Number(v)));

function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}
