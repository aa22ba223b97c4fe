// Figures per agency and per sector: reports received by the engine's report deadline, replies
// before the conference (the reply deadline the chase nudges give), attendance.
import { londonDate, workingDaysBetween } from '../calendar.js';
import type { CaseFacts, Conference, Invitee } from '../case-facts.js';
import { formatSource } from '../format.js';
import { pickRule } from '../milestones.js';
import { isProfessional, reportAuthors } from '../participants.js';
import type { Profile } from '../profiles.js';
import { quorumSource } from '../quorum.js';
import { emptyTally, type Tally } from './figures.js';
import { inPeriod, type Period } from './period.js';

export type Grouped = { all: Tally; agency: Map<string, Tally>; sector: Map<string, Tally> };
export const emptyGrouped = (): Grouped => ({ all: emptyTally(), agency: new Map(), sector: new Map() });

export type InviteeTallies = { reports: Grouped; replies: Grouped; attendance: Grouped; reportsUncounted: string[] };

function each(g: Grouped, i: Invitee, fn: (t: Tally) => void): void {
  fn(g.all);
  for (const [map, key] of [[g.agency, i.agency.trim().replace(/\s+/g, ' ')], [g.sector, i.sector]] as const) {
    let t = map.get(key);
    if (!t) map.set(key, (t = emptyTally()));
    fn(t);
  }
}

const label = (facts: CaseFacts, c: Conference, i: Invitee) => `${facts.ref} (${c.id}, ${i.agency})`;

export function addInviteeFigures(acc: InviteeTallies, facts: CaseFacts, profile: Profile, period: Period): void {
  const quorum = quorumSource(profile);
  for (const c of facts.conferences) {
    if (c.status !== 'held' || !inPeriod(c.at, period)) continue;
    addReports(acc, facts, profile, c);
    const start = Date.parse(c.at);
    for (const i of c.invitees.filter(isProfessional)) {
      // The chase nudges ask for a reply by the conference; a reply imported without its time counts as made by then.
      const replied = i.response !== 'no_reply' && (!i.respondedAt || Date.parse(i.respondedAt) <= start);
      each(acc.replies, i, (t) => count(t, replied, quorum, label(facts, c, i)));
      const attended = i.response === 'attending' || i.response === 'deputy';
      each(acc.attendance, i, (t) => count(t, attended, quorum, label(facts, c, i)));
    }
  }
}

function count(t: Tally, ok: boolean, standard: string, exception: string, days?: number | null): void {
  t.denominator++;
  t.standards.add(standard);
  if (ok) t.numerator++;
  else t.exceptions.push(exception);
  if (days !== undefined && days !== null) t.days.push(days);
}

// The same deadline the bot chased the reports by: the profile's "reports" rule for this conference.
function addReports(acc: InviteeTallies, facts: CaseFacts, profile: Profile, c: Conference): void {
  const anchors = {
    conference: { at: new Date(c.at), label: 'the conference', showTime: true },
    ...(c.bookedAt ? { conference_booked: { at: new Date(c.bookedAt), label: 'the conference date being set' } } : {}),
  };
  const picked = pickRule(profile, 'reports', { conference: c.type, prebirth: c.prebirth, transferIn: c.transferIn }, anchors);
  if (!picked) return void acc.reportsUncounted.push(`${facts.ref} (${c.id})`);
  const { deadline, rule } = picked;
  const source = formatSource(deadline.span.citation ?? rule.citation);
  const hours = deadline.span.unit === 'hours';
  for (const i of reportAuthors(c)) {
    let onTime = false;
    let days: number | null = null;
    if (i.reportSubmittedAt) {
      const at = new Date(i.reportSubmittedAt);
      onTime = hours ? at.getTime() <= deadline.dueAt.getTime() : londonDate(at) <= deadline.due;
      // Working days from the day it came in to the due day: positive early, negative late.
      days = workingDaysBetween(londonDate(at), deadline.due, profile.closureDays);
    }
    each(acc.reports, i, (t) => count(t, onTime, source, label(facts, c, i), days));
  }
}
