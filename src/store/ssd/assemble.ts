// From per-child SSD facts to Quorum cases. Children who share an initial conference meeting (or a
// review meeting) are one case, as a conference about siblings is one conference; its reference is
// the eldest child's CMS id behind the partnership's prefix, fixed when the case is first made.
import { createHash } from 'node:crypto';
import type { CaseEvent, Child, ChildOutcome, Conference } from '../../rules/case-facts.js';
import type { SsdExtract, SsdIcpc, SsdPlan, SsdReview } from './extract.js';
import type { SsdProblem } from './read.js';

export interface SsdConference {
  key: string;
  type: Conference['type'];
  at: string;
  status: 'scheduled' | 'held';
  outcome: Conference['outcome'];
  outcomes: ChildOutcome[] | null;
  prebirth: boolean;
  transferIn: boolean;
  quorum: 'quorate' | 'proceeded_inquorate' | null;
}

export interface SsdEvent {
  key: string;
  kind: Extract<CaseEvent['kind'], 'strategy_discussion' | 'plan_started' | 'plan_ended' | 'statutory_visit'>;
  at: string;
}

export interface SsdCaseDraft {
  /** The CMS id of the child the case was keyed by (its eldest): cases.source_key. */
  key: string;
  ref: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  children: (Child & { initials: null })[];
  conferences: SsdConference[];
  events: SsdEvent[];
  lead: { name: string; email: string } | null;
  /** Of everything above and the profile: an equal hash on the next import means nothing changed. */
  hash: string;
}

export interface AssembleOptions {
  refPrefix: string;
  profile: string;
  /** YYYY-MM-DD: conferences after it are scheduled, not held. */
  today: string;
}

export type Assembled = { ok: true; draft: SsdCaseDraft } | { ok: false; childIds: string[]; problems: SsdProblem[] };

// SSD holds dates, not times: noon UTC is the same calendar day in London all year.
const at = (date: string) => `${date}T12:00:00.000Z`;

/** Children grouped into cases: union of the children met at one meeting. */
export function groupChildren(x: SsdExtract): string[][] {
  const parent = new Map<string, string>();
  const find = (a: string): string => {
    let r = a;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(a, r);
    return r;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  const ids = new Set<string>([...x.children.keys(), ...x.rejected]);
  for (const id of ids) parent.set(id, id);
  const meetings = new Map<string, string>();
  const link = (meeting: string, person: string) => {
    const first = meetings.get(meeting);
    if (first === undefined) meetings.set(meeting, person);
    else union(person, first);
  };
  for (const [person, list] of x.icpcs) if (ids.has(person)) for (const i of list) link(`icpc:${i.meeting}`, person);
  for (const [person, list] of x.reviews) if (ids.has(person)) for (const r of list) link(`review:${r.meeting}`, person);
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const root = find(id);
    const g = groups.get(root);
    if (g) g.push(id);
    else groups.set(root, [id]);
  }
  return [...groups.values()];
}

export function assembleCase(x: SsdExtract, childIds: string[], opts: AssembleOptions): Assembled {
  if (childIds.some((id) => x.rejected.has(id))) {
    const set = new Set(childIds);
    return { ok: false, childIds, problems: x.problems.filter((p) => p.personId !== undefined && set.has(p.personId)) };
  }
  const rows = childIds.map((id) => x.children.get(id)!);
  // Eldest first; an unborn child (expected date only) after every born one.
  rows.sort((a, b) => (a.dob ?? '9999').localeCompare(b.dob ?? '9999') || (a.edob ?? '').localeCompare(b.edob ?? '') || a.id.localeCompare(b.id));
  const ref = `${opts.refPrefix}${rows[0]!.id.replace(/[^A-Za-z0-9_./-]/g, '-')}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$/.test(ref)) {
    return { ok: false, childIds, problems: [{ file: 'ssd_person.csv', column: 'pers_person_id', message: `case reference "${ref.slice(0, 50)}" is not usable (at most 40 letters, digits, _ . / -): choose a shorter --ref-prefix`, personId: rows[0]!.id }] };
  }
  const children = rows.map((r) => ({ ref: r.id, initials: null, unborn: r.dob === null && r.edob !== null, dateOfBirth: r.dob, expectedDate: r.dob ? null : r.edob }));
  const dob = new Map(rows.map((r) => [r.id, r.dob]));
  const plans = childIds.flatMap((id) => (x.plans.get(id) ?? []).map((p) => ({ ...p, person: id })));
  const conferences = [...initialConferences(x, childIds, plans, dob, opts.today), ...reviewConferences(x, childIds, plans, opts.today)];
  conferences.sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
  const events = caseEvents(x, childIds, plans);
  const { status, closedAt } = caseStatus(x, childIds, plans, opts.today);
  const lead = leadOf(x, childIds);
  const body = { ref, profile: opts.profile, status, closedAt, children, conferences, events, lead };
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  return { ok: true, draft: { key: rows[0]!.id, ref, status, closedAt, children, conferences, events, lead, hash } };
}

type PlanOf = SsdPlan & { person: string };

function byMeeting<T extends { meeting: string }>(x: Map<string, T[]>, childIds: string[]): Map<string, (T & { person: string })[]> {
  const out = new Map<string, (T & { person: string })[]>();
  for (const person of childIds) for (const r of x.get(person) ?? []) out.set(r.meeting, [...(out.get(r.meeting) ?? []), { ...r, person }]);
  return out;
}

function initialConferences(x: SsdExtract, childIds: string[], plans: PlanOf[], dob: Map<string, string | null>, today: string): SsdConference[] {
  const out: SsdConference[] = [];
  for (const [meeting, list] of byMeeting<SsdIcpc>(x.icpcs, childIds)) {
    const date = list.map((i) => i.date).filter((d): d is string => d !== null).sort()[0];
    // An initial conference without a date is still to be booked: Quorum works out when it is due.
    if (!date) continue;
    const held = date <= today;
    const known = held && list.every((i) => i.plan !== null);
    const outcomes = known
      ? list.map((i) => ({ child: i.person, plan: i.plan!, category: i.plan ? (plans.find((p) => p.person === i.person && (p.icpc === i.id || p.start === date))?.initial ?? null) : null }))
      : null;
    out.push({
      key: `ssd-icpc-${meeting}`.slice(0, 80),
      type: 'initial',
      at: at(date),
      status: held ? 'held' : 'scheduled',
      outcome: outcomes ? (outcomes.some((o) => o.plan) ? 'plan' : 'no_plan') : null,
      outcomes,
      prebirth: list.some((i) => { const d = dob.get(i.person); return d === null || d === undefined || d > date; }),
      transferIn: list.some((i) => i.transferIn),
      quorum: null,
    });
  }
  return out;
}

function reviewConferences(x: SsdExtract, childIds: string[], plans: PlanOf[], today: string): SsdConference[] {
  const out: SsdConference[] = [];
  for (const [meeting, list] of byMeeting<SsdReview>(x.reviews, childIds)) {
    const date = list.map((r) => r.date).filter((d): d is string => d !== null).sort()[0];
    const due = list.map((r) => r.due).filter((d): d is string => d !== null).sort()[0];
    const planOpen = list.some((r) => plans.some((p) => p.id === r.plan && p.end === null));
    // An undated review is shown when it is still ahead on an open plan: the one the chair is preparing.
    const when = date ?? (due && due >= today && planOpen ? due : undefined);
    if (!when) continue;
    const held = date !== undefined && date <= today;
    const known = held && list.every((r) => r.continues !== null);
    const outcomes = known ? list.map((r) => ({ child: r.person, plan: r.continues!, category: r.continues ? (plans.find((p) => p.id === r.plan)?.latest ?? null) : null })) : null;
    const quorate = held ? list.find((r) => r.quorate !== null)?.quorate : undefined;
    out.push({
      key: `ssd-review-${meeting}`.slice(0, 80),
      type: 'review',
      at: at(when),
      status: held ? 'held' : 'scheduled',
      outcome: outcomes ? (outcomes.some((o) => o.plan) ? 'plan' : 'no_plan') : null,
      outcomes,
      prebirth: false,
      transferIn: false,
      quorum: quorate === undefined || quorate === null ? null : quorate ? 'quorate' : 'proceeded_inquorate',
    });
  }
  return out;
}

/**
 * One event per kind and date (siblings share them), keyed by both: the same extract gives the same
 * keys, and a date that moves is a key that goes and one that comes (src/store/repository/ssd-sync.ts).
 */
function caseEvents(x: SsdExtract, childIds: string[], plans: PlanOf[]): SsdEvent[] {
  const found = new Map<string, SsdEvent>();
  const add = (kind: SsdEvent['kind'], date: string | null) => {
    if (date) found.set(`${kind}:${date}`, { key: `${kind}:${date}`, kind, at: at(date) });
  };
  for (const person of childIds) {
    for (const s of x.s47.get(person) ?? []) add('strategy_discussion', s.start);
    for (const date of x.visits.get(person) ?? []) add('statutory_visit', date);
  }
  for (const p of plans) {
    add('plan_started', p.start);
    add('plan_ended', p.end);
  }
  return [...found.values()].sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
}

/** Closed when no child has an open plan, a conference to come or an enquiry that may lead to one. */
function caseStatus(x: SsdExtract, childIds: string[], plans: PlanOf[], today: string): { status: 'open' | 'closed'; closedAt: string | null } {
  let closedOn: string | null = null;
  const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);
  for (const person of childIds) {
    const mine = plans.filter((p) => p.person === person);
    if (mine.some((p) => p.end === null)) return { status: 'open', closedAt: null };
    const lastEnd = mine.reduce<string | null>((m, p) => later(m, p.end), null);
    const icpcs = x.icpcs.get(person) ?? [];
    if (icpcs.some((i) => i.date === null || i.date > today)) return { status: 'open', closedAt: null };
    const last = icpcs.reduce<SsdIcpc | null>((m, i) => (m === null || i.date! > m.date! ? i : m), null);
    if (last && (lastEnd === null || last.date! > lastEnd) && last.plan !== false) return { status: 'open', closedAt: null };
    const since = later(lastEnd, last?.date ?? null);
    if ((x.s47.get(person) ?? []).some((s) => s.end === null && s.nfa !== true && (since === null || (s.start !== null && s.start > since)))) return { status: 'open', closedAt: null };
    closedOn = later(closedOn, since);
  }
  return { status: 'closed', closedAt: closedOn ? at(closedOn) : null };
}

function leadOf(x: SsdExtract, childIds: string[]): { name: string; email: string } | null {
  const leads = childIds.map((id) => x.leads.get(id)).filter((l) => l !== undefined && x.professionals.has(l.professionalId));
  leads.sort((a, b) => b!.start.localeCompare(a!.start) || a!.professionalId.localeCompare(b!.professionalId));
  return leads.length ? x.professionals.get(leads[0]!.professionalId)! : null;
}
