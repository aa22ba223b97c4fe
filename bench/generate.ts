// A synthetic national-scale data set: open child protection cases over the five profiles, dated
// over the year before `now`. Children are initials only; every professional comes from the pool
// in people.ts. Rows come out shaped for the tables, for bulk loading (load.ts).
import { AGENCY_SECTORS, PROFILES, type Pool } from './people.js';

const DAY = 86_400_000;
const RESPONSES = ['no_reply', 'no_reply', 'no_reply', 'attending', 'attending', 'attending', 'report_only', 'deputy', 'declined'] as const;

export interface Ids {
  conference: number;
  invitation: number;
  event: number;
  child: number;
  dissent: number;
}

export interface Batch {
  cases: Record<string, unknown>[];
  children: Record<string, unknown>[];
  case_members: Record<string, unknown>[];
  conferences: Record<string, unknown>[];
  invitations: Record<string, unknown>[];
  events: Record<string, unknown>[];
  dissents: Record<string, unknown>[];
}

export function emptyBatch(): Batch {
  return { cases: [], children: [], case_members: [], conferences: [], invitations: [], events: [], dissents: [] };
}

/** mulberry32: small, fast, deterministic per case. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The instant `days` after `from`, moved off a weekend, at 10:00 UTC. */
function weekday(from: Date, days: number): Date {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + days, 10));
  const dow = d.getUTCDay();
  if (dow === 6) d.setTime(d.getTime() + 2 * DAY);
  if (dow === 0) d.setTime(d.getTime() + DAY);
  return d;
}

const LETTERS = 'ABCDEFGHJKLMNPRSTW';

export const caseRef = (n: number) => `BENCH-${String(n).padStart(6, '0')}`;

/** Appends case number `n` (1-based; also its id) to the batch. */
export function generateCase(n: number, now: Date, pool: Pool, ids: Ids, out: Batch): void {
  const r = rng(n * 2654435761);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const p = (n - 1) % PROFILES.length;
  const staff = pool.byProfile[p]!;
  const chair = pick(staff.role.chair);
  const sw = pick(staff.role.social_worker);
  const tm = pick(staff.role.team_manager);
  const admin = pick(staff.role.conference_admin);
  const qa = pick(staff.role.qa_manager);
  out.cases.push({ id: n, ref: caseRef(n), partnership_id: p + 1, profile: PROFILES[p], status: 'open', lead_social_worker_id: sw });

  const kids = 1 + Math.floor(r() * r() * 3);
  for (let k = 0; k < kids; k++) {
    const initials = `${pick([...LETTERS])}.${pick([...LETTERS])}.`;
    out.children.push({ id: ++ids.child, case_id: n, ref: `C${k + 1}`, initials, unborn: false, date_of_birth: new Date(now.getTime() - (400 + r() * 5000) * DAY).toISOString().slice(0, 10) });
  }
  const members = new Set<string>();
  const member = (personId: number, role: string) => {
    const key = `${personId}:${role}`;
    if (members.has(key)) return;
    members.add(key);
    out.case_members.push({ case_id: n, person_id: personId, role });
  };
  member(chair, 'chair');
  member(sw, 'social_worker');
  member(tm, 'team_manager');
  member(admin, 'conference_admin');
  member(qa, 'qa_manager');

  // About 8 invitees a conference: the social worker, the chair, six other agencies.
  const agencies = [...AGENCY_SECTORS].sort(() => r() - 0.5).slice(0, 6);
  const professionals = agencies.map((s) => ({ sector: s, personId: pick(staff.sector[s]!) }));
  for (const pr of professionals) member(pr.personId, 'invitee');
  const event = (kind: string, at: Date, conference: string | null = null) => out.events.push({ id: ++ids.event, case_id: n, kind, at, conference_key: conference, source: 'import' });
  const conference = (key: string, type: 'initial' | 'review', at: Date, held: boolean) => {
    const id = ++ids.conference;
    const childOutcomes = held ? Array.from({ length: kids }, (_, k) => ({ child: `C${k + 1}`, plan: true, category: 'neglect' })) : null;
    out.conferences.push({
      id, case_id: n, key, type, prebirth: false, transfer_in: false, scheduled_at: at, status: held ? 'held' : 'scheduled',
      outcome: held ? 'plan' : null, outcomes: childOutcomes, quorum_decision: held ? 'quorate' : null,
      first_core_group_date: held && type === 'initial' ? weekday(at, 7).toISOString().slice(0, 10) : null,
      booked_at: weekday(at, -12), invitations_sent_at: weekday(at, -10), reports_circulated_at: held ? weekday(at, -1) : null,
    });
    const invite = (personId: number, agency: string, sector: string, role: string, response: string, reported: boolean) =>
      out.invitations.push({
        id: ++ids.invitation, conference_id: id, person_id: personId, agency, sector, role, response,
        responded_at: response === 'no_reply' ? null : weekday(at, -8), report_submitted_at: reported ? weekday(at, -4) : null,
        report_shared_at: reported && held ? weekday(at, -3) : null,
      });
    invite(sw, 'Children\'s social care', 'childrens_social_care', 'social_worker', 'attending', held || r() < 0.5);
    invite(chair, 'Children\'s social care', 'childrens_social_care', 'chair', 'attending', false);
    for (const pr of professionals) {
      const response = held ? 'attending' : pick(RESPONSES);
      invite(pr.personId, `${pr.sector} agency (${PROFILES[p]})`, pr.sector, 'professional', response, held || (response !== 'declined' && r() < 0.3));
    }
    return id;
  };

  if (r() < 0.25) {
    // Before the initial conference: strategy discussion in the last three weeks; booked or not yet.
    const strategy = weekday(now, -Math.floor(1 + r() * 20));
    event('strategy_discussion', strategy);
    if (r() < 0.7) event('s47_outcome', weekday(strategy, 3));
    // The enquiry-stage duties tracked since issue 17, mostly done on time, as practitioners record them.
    if (r() < 0.8) {
      event('strategy_actions_sent', weekday(strategy, 1));
      event('strategy_minutes_sent', weekday(strategy, 4));
      event('icpc_invite_list', weekday(strategy, 4));
      event('case_to_conference_service', weekday(strategy, 2));
    }
    if (r() < 0.75) conference('icpc-1', 'initial', weekday(now, 1 + Math.floor(r() * 14)), false);
    return;
  }
  // On a plan: initial conference one to twelve months ago, reviews after three then every six months.
  const strategy = weekday(now, -Math.floor(35 + r() * 330));
  event('strategy_discussion', strategy);
  event('s47_outcome', weekday(strategy, 4));
  let at = weekday(strategy, 18);
  let lastHeld = conference('icpc-1', 'initial', at, true);
  event('plan_started', at);
  event('decision_sent', weekday(at, 1), 'icpc-1');
  event('outcome_told_to_child', weekday(at, 1), 'icpc-1');
  event('chair_form', weekday(at, 3), 'icpc-1');
  event('minutes_sent', weekday(at, 15), 'icpc-1');
  if (weekday(at, 30) < now) event('assessment_completed', weekday(at, 30));
  if (weekday(at, 25) < now) event('mid_point_review', weekday(at, 25));
  for (let d = weekday(at, 7); d < now; d = weekday(d, 28 + Math.floor(r() * 14))) {
    event('core_group', d);
    if (weekday(d, 4) < now) event('core_group_record_sent', weekday(d, 4));
  }
  for (let d = weekday(at, 3); d < now; d = weekday(d, 8 + Math.floor(r() * 8))) event('statutory_visit', d);
  let gap = 91;
  for (let i = 1; ; i++) {
    const next = weekday(at, gap - Math.floor(r() * 10));
    const key = `rcpc-${i}`;
    if (next > now) {
      // The next review: booked if it is within two months, otherwise not yet.
      if (next.getTime() - now.getTime() < 60 * DAY) conference(key, 'review', next, false);
      break;
    }
    lastHeld = conference(key, 'review', next, true);
    event('decision_sent', weekday(next, 1), key);
    event('outcome_told_to_child', weekday(next, 1), key);
    event('chair_form', weekday(next, 3), key);
    event('minutes_sent', weekday(next, 15), key);
    at = next;
    gap = 182;
  }
  if (r() < 0.02) {
    const lodged = weekday(at, 3);
    out.dissents.push({ id: ++ids.dissent, case_id: n, conference_id: lastHeld, by_name: `police ${professionals[0]!.personId}`, decision: 'category', view: 'Synthetic dissent: another category is thought primary.', formal: true, lodged_at: lodged });
  }
}
