// Conference figures: ICPCs within 15 working days, reviews on time, quorum, minutes and decision
// letters. "On time" is what the milestone engine said about the case as it stood at the time
// (evaluate() on the facts up to that conference), so the report and the bot never disagree.
import { londonDate } from '../calendar.js';
import type { CaseFacts, Conference } from '../case-facts.js';
import { evaluate, type Milestone } from '../milestones.js';
import type { Profile } from '../profiles.js';
import { wasHeldInquorate } from '../quorum.js';
import type { Tally } from './figures.js';
import { inPeriod, type Period } from './period.js';

export type ConferenceTallies = {
  icpc: Tally;
  icpcUncounted: string[];
  icpcMonths: Map<string, { onTime: number; late: number }>;
  firstReview: Tally;
  laterReview: Tally;
  quorate: Tally;
  inquorate: Tally;
  attendanceUnknown: string[];
  minutes: Tally;
  decision: Tally;
};

const time = (iso: string) => Date.parse(iso);
const label = (facts: CaseFacts, c: Conference) => `${facts.ref} (${c.id})`;

/** The case as it stood: conferences held up to `until` (and no later ones), events up to `eventsUntil`. */
export function factsUntil(facts: CaseFacts, until: number, eventsUntil = until, strict = false): CaseFacts {
  const before = (t: number, limit: number) => (strict ? t < limit : t <= limit);
  return {
    ...facts,
    status: 'open',
    closedAt: null,
    conferences: facts.conferences.filter((c) => c.status === 'held' && before(time(c.at), until)),
    events: facts.events.filter((e) => before(time(e.at), eventsUntil)),
  };
}

function tally(t: Tally, m: Milestone, onTime: boolean, exception: string): void {
  t.denominator++;
  t.standards.add(m.source);
  if (onTime) t.numerator++;
  else t.exceptions.push(exception);
}

export function addConferenceFigures(acc: ConferenceTallies, facts: CaseFacts, profile: Profile, period: Period, now: Date): void {
  const held = facts.conferences.filter((c) => c.status === 'held').sort((a, b) => time(a.at) - time(b.at));
  for (const c of held) {
    if (!inPeriod(c.at, period)) continue;
    const at = time(c.at);
    if (c.type === 'initial') addIcpc(acc, facts, profile, c, at);
    else addReview(acc, facts, profile, c, at);
    addQuorum(acc, facts, profile, c);
    // After the conference: only conferences up to this one, every event (the minutes come later).
    const after = evaluate(factsUntil(facts, at, Infinity), profile, now);
    addAfter(acc.minutes, after.find((m) => m.key === 'minutes' && m.conference === c.id), label(facts, c));
    addAfter(acc.decision, after.find((m) => m.key === 'decision_sent' && m.conference === c.id), label(facts, c));
  }
}

function addIcpc(acc: ConferenceTallies, facts: CaseFacts, profile: Profile, c: Conference, at: number): void {
  const m = evaluate(factsUntil(facts, at), profile, new Date(at)).find((x) => x.key === 'icpc' && x.conference === c.id);
  // No strategy discussion (or transfer-in) recorded: there is nothing to count 15 working days from.
  if (!m) return void acc.icpcUncounted.push(label(facts, c));
  const onTime = !m.late;
  tally(acc.icpc, m, onTime, label(facts, c));
  const month = londonDate(new Date(at)).slice(0, 7);
  const row = acc.icpcMonths.get(month) ?? { onTime: 0, late: 0 };
  if (onTime) row.onTime++;
  else row.late++;
  acc.icpcMonths.set(month, row);
}

function addReview(acc: ConferenceTallies, facts: CaseFacts, profile: Profile, c: Conference, at: number): void {
  // The review the engine had due on the eve of this one: counted from the last conference held.
  const m = evaluate(factsUntil(facts, at, at, true), profile, new Date(at)).find((x) => x.key === 'review');
  if (!m) return;
  const rule = profile.rules.find((r) => r.id === m.rule);
  const first = rule?.when.conference === 'initial';
  tally(first ? acc.firstReview : acc.laterReview, m, londonDate(new Date(at)) <= m.due, label(facts, c));
}

// Attendance is known when the chair recorded a decision or any professional's reply is recorded.
function attendanceKnown(c: Conference): boolean {
  return Boolean(c.quorum) || c.invitees.some((i) => i.role !== 'family' && i.role !== 'chair' && i.response !== 'no_reply');
}

function addQuorum(acc: ConferenceTallies, facts: CaseFacts, profile: Profile, c: Conference): void {
  if (!attendanceKnown(c)) return void acc.attendanceUnknown.push(label(facts, c));
  const inquorate = wasHeldInquorate(c, facts, profile);
  for (const t of [acc.quorate, acc.inquorate]) t.denominator++;
  if (inquorate) {
    acc.inquorate.numerator++;
    acc.inquorate.exceptions.push(label(facts, c));
    acc.quorate.exceptions.push(label(facts, c));
  } else acc.quorate.numerator++;
}

/** Sent on time, sent late, or not sent by its deadline; not yet due is left out. */
function addAfter(t: Tally, m: Milestone | undefined, exception: string): void {
  if (!m || m.status === 'due') return;
  tally(t, m, m.status === 'met' && !m.late, exception);
}
