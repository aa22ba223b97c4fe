// Cases as the core sees them (StoredCase: case facts plus ids), rebuilt from the store. Loading is
// batched (one query for any number of cases) because the scheduler sweeps every open case.
import { sql, type SQL } from 'drizzle-orm';
import type { Conference, Invitee } from '../rules/case-facts.js';
import type { Role } from '../rules/roles.js';
import type { StoredCase, StoredConference, StoredFacts } from './case-model.js';
import { inIds, queryRows, type Executor } from './db.js';

export type { StoredCase, StoredConference, StoredEvent, StoredDissent, StoredFacts, StoredInvitee } from './case-model.js';

export async function loadCase(db: Executor, caseId: number): Promise<StoredCase | undefined> {
  return (await loadCases(db, [caseId])).get(caseId);
}

export interface CaseForPerson {
  case: StoredCase;
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
    sql`lower(c.ref) = lower(${ref})`,
    sql`, (select array_agg(m.role::text) from case_members m where m.case_id = c.id and m.person_id = ${personId}) as roles,
      exists (select 1 from case_members q join cases qc on qc.id = q.case_id
        where q.person_id = ${personId} and q.role = 'qa_manager' and qc.partnership_id = c.partnership_id) as partnership_qa`,
  );
  return r ? { case: buildCase(r), roles: r.roles ?? [], partnershipQa: Boolean(r.partnership_qa) } : undefined;
}

/**
 * One query for any number of cases: each case's children, conferences, invitations, events and
 * dissents come back as JSON arrays beside its row. A chat request reads one case on every call and
 * the sweep 500 at a time; one round trip and no ORM row mapping keep both cheap (docs/benchmarks.md).
 */
export async function loadCases(db: Executor, caseIds: number[]): Promise<Map<number, StoredCase>> {
  const out = new Map<number, StoredCase>();
  // A big batch goes as several queries at once: on a pool they run on several backends (cores).
  const chunks: number[][] = [];
  for (let i = 0; i < caseIds.length; i += LOAD_CHUNK) chunks.push(caseIds.slice(i, i + LOAD_CHUNK));
  for (const rows of await Promise.all(chunks.map((ids) => loadRows(db, inIds(sql.raw('c.id'), ids))))) {
    for (const r of rows) {
      const c = buildCase(r);
      out.set(c.id, c);
    }
  }
  return out;
}

const LOAD_CHUNK = 100;

function loadRows<Extra = unknown>(db: Executor, where: SQL, extraColumns: SQL = sql``): Promise<(LoadRow & Extra)[]> {
  return queryRows<LoadRow & Extra>(db, sql`select c.id, c.ref, c.partnership_id, c.profile, c.status, ${ms('c.closed_at')} as closed_at,
      c.lead_social_worker_id,
      (select json_agg(json_build_array(ch.id, ch.ref, ch.initials, ch.unborn, ch.date_of_birth, ch.expected_date) order by ch.id)
        from children ch where ch.case_id = c.id) as children,
      (select json_agg(json_build_array(f.id, f.key, f.type, f.prebirth, f.transfer_in, ${ms('f.scheduled_at')}, f.status, f.status_reason, f.outcome,
          f.outcomes, f.quorum_decision, f.inquorate_reason, f.first_core_group_date, ${ms('f.booked_at')}, ${ms('f.invitations_sent_at')},
          ${ms('f.reports_circulated_at')}, f.status_code) order by f.scheduled_at, f.id)
        from conferences f where f.case_id = c.id) as conferences,
      (select json_agg(json_build_array(i.id, i.conference_id, i.person_id, i.agency, i.sector, i.role, i.response, i.deputy, ${ms('i.responded_at')},
          ${ms('i.report_submitted_at')}, ${ms('i.report_shared_at')}, i.report_withheld_reason, p.name, p.email,
          i.direct_contact, a.name, a.counts_towards_quorum) order by i.id)
        from invitations i join conferences f on f.id = i.conference_id join people p on p.id = i.person_id
        left join agencies a on a.id = i.agency_id
        where f.case_id = c.id and i.removed_at is null) as invitations,
      (select json_agg(json_build_array(e.id, e.kind, ${ms('e.at')}, e.conference_key, e.note) order by e.at, e.id)
        from events e where e.case_id = c.id and e.superseded_by is null) as events,
      (select json_agg(json_build_array(d.id, d.conference_id, d.by_name, d.decision, d.view, d.formal, ${ms('d.lodged_at')}, d.supersedes,
          d.review_outcome, ${ms('d.reviewed_at')}, d.person_id) order by d.id)
        from dissents d where d.case_id = c.id) as dissents${extraColumns}
    from cases c where ${where}`);
}

type Json<T> = T[] | string | null;
type Ms = number | null;
type ConferenceTuple = [number, string, Conference['type'], boolean, boolean, number, Conference['status'], string | null, Conference['outcome'], unknown[] | null, 'quorate' | 'proceeded_inquorate' | null, string | null, string | null, Ms, Ms, Ms, string | null];
type InvitationTuple = [number, number, number, string, string, string, string, string | null, Ms, Ms, Ms, string | null, string, string | null, string[] | null, string | null, boolean | null];
type EventTuple = [number, string, number, string | null, string | null];
type DissentTuple = [number, number, string, 'plan' | 'category' | 'other', string, boolean, number, number | null, string | null, Ms, number | null];
type LoadRow = {
  id: number;
  ref: string;
  partnership_id: number | null;
  profile: string;
  status: string;
  closed_at: Ms;
  lead_social_worker_id: number | null;
  children: Json<[number, string, string | null, boolean, string | null, string | null]>;
  conferences: Json<ConferenceTuple>;
  invitations: Json<InvitationTuple>;
  events: Json<EventTuple>;
  dissents: Json<DissentTuple>;
};

/** PGlite and postgres.js both parse json; parse here too if a driver hands back text. */
function arrayOf<T>(v: Json<T>): T[] {
  if (v === null || v === undefined) return [];
  return typeof v === 'string' ? (JSON.parse(v) as T[]) : v;
}

function buildCase(r: LoadRow): StoredCase {
  const status = r.status === 'closed' ? 'closed' : 'open';
  const facts: StoredFacts = { ref: r.ref, profile: r.profile, status, closedAt: iso(r.closed_at), children: [], events: [], conferences: [], dissents: [], agencies: [] };
  const directory = new Set<string>();
  for (const [, ref, initials, unborn, dateOfBirth, expectedDate] of arrayOf(r.children)) facts.children.push({ ref, initials, unborn, dateOfBirth, expectedDate });
  const byId = new Map<number, StoredConference>();
  for (const f of arrayOf(r.conferences)) {
    const conf = toConference(f);
    facts.conferences.push(conf);
    byId.set(conf.dbId, conf);
  }
  // Indexed reads, not destructuring: this runs for every invitation of every case a sweep reads.
  for (const v of arrayOf(r.invitations)) {
    const conf = byId.get(v[1]);
    if (!conf) continue;
    conf.invitees.push({
      invitationId: v[0],
      personId: v[2],
      name: v[12],
      agency: v[3],
      sector: v[4] as Invitee['sector'],
      role: v[5] as Invitee['role'],
      response: v[6] as Invitee['response'],
      deputy: v[7],
      respondedAt: iso(v[8]),
      reportSubmittedAt: iso(v[9]),
      reportSharedAt: iso(v[10]),
      reportWithheldReason: v[11],
      email: v[13],
      directContact: v[14],
    });
    // The directory entries this case's invitations point at: the rules read whether each counts.
    if (v[15] !== null && !directory.has(`${v[4]}:${v[15]}`)) {
      directory.add(`${v[4]}:${v[15]}`);
      facts.agencies.push({ name: v[15], sector: v[4] as Invitee['sector'], countsTowardsQuorum: v[16] ?? undefined });
    }
  }
  for (const e of arrayOf(r.events)) facts.events.push({ id: e[0], kind: e[1] as StoredFacts['events'][number]['kind'], at: new Date(e[2]).toISOString(), conference: e[3], note: e[4] });
  const dissentRows = arrayOf(r.dissents);
  const superseded = new Set(dissentRows.map((d) => d[7]).filter((id): id is number => id !== null));
  for (const [id, conferenceId, byName, decision, view, formal, lodgedAt, , reviewOutcome, reviewedAt, personId] of dissentRows) {
    const conf = byId.get(conferenceId);
    // A superseded entry stays stored; the facts carry the latest view of each person.
    if (!conf || superseded.has(id)) continue;
    facts.dissents.push({ id, personId, conference: conf.id, by: byName, decision, view, formal, lodgedAt: new Date(lodgedAt).toISOString(), reviewOutcome, reviewedAt: iso(reviewedAt) });
  }
  return {
    id: Number(r.id),
    ref: r.ref,
    partnershipId: r.partnership_id === null ? null : Number(r.partnership_id),
    profile: r.profile,
    status,
    leadSocialWorkerId: r.lead_social_worker_id === null ? null : Number(r.lead_social_worker_id),
    facts,
  };
}

function toConference(f: ConferenceTuple): StoredConference {
  const [dbId, key, type, prebirth, transferIn, scheduledAt, status, statusReason, outcome, outcomes, quorumDecision, inquorateReason, firstCoreGroupDate, bookedAt, invitationsSentAt, reportsCirculatedAt, statusCode] = f;
  return {
    dbId,
    id: key,
    type,
    at: new Date(scheduledAt).toISOString(),
    status,
    statusCode: statusCode as Conference['statusCode'],
    statusReason,
    outcome,
    outcomes: (outcomes as Conference['outcomes']) ?? null,
    prebirth,
    transferIn,
    quorum: quorumDecision ? { decision: quorumDecision, reason: inquorateReason } : null,
    firstCoreGroupDate,
    bookedAt: iso(bookedAt),
    invitationsSentAt: iso(invitationsSentAt),
    reportsCirculatedAt: iso(reportsCirculatedAt),
    invitees: [],
  };
}

// Timestamps travel as epoch milliseconds: no string parsing, and the same on both drivers.
const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);

function iso(v: unknown): string | null {
  return v === null || v === undefined ? null : new Date(Number(v)).toISOString();
}

/** A case's row by reference: id and the columns tools and tests look at. */
export async function findCaseByRef(db: Executor, ref: string): Promise<{ id: number; ref: string; leadSocialWorkerId: number | null } | undefined> {
  const [row] = await queryRows<{ id: number; ref: string; lead_social_worker_id: number | null }>(db, sql`select id, ref, lead_social_worker_id from cases where lower(ref) = lower(${ref})`);
  return row ? { id: Number(row.id), ref: row.ref, leadSocialWorkerId: row.lead_social_worker_id === null ? null : Number(row.lead_social_worker_id) } : undefined;
}
