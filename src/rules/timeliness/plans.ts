// Plan figures: statutory visits on time, and plans open 12 and 15 months (Gloucestershire's
// professionals meeting and service manager alert, which the engine tracks as milestones).
import { addMonthsClamped, closeOfDay, londonDate } from '../calendar.js';
import type { CaseFacts } from '../case-facts.js';
import { deriveState } from '../case-state.js';
import { formatSource } from '../format.js';
import { evaluate } from '../milestones.js';
import { loadProfile, type Profile } from '../profiles.js';
import { factsUntil } from './conferences.js';
import type { Tally } from './figures.js';
import { inPeriod, type Period } from './period.js';

export type PlanTallies = { visits: Tally; open12: Tally; open15: Tally; meeting: Tally; alert: Tally };

export function addPlanFigures(acc: PlanTallies, facts: CaseFacts, profile: Profile, period: Period, now: Date): void {
  addVisits(acc.visits, facts, profile, period);
  addOpenPlans(acc, facts, profile, period);
  // Gloucestershire's 12- and 15-month duties, as the engine has them now; counted when due in the period.
  for (const m of evaluate(facts, profile, now)) {
    const t = m.key === 'professionals_meeting' ? acc.meeting : m.key === 'third_review_alert' ? acc.alert : null;
    if (!t || m.status === 'due' || m.due < period.from || m.due > period.to) continue;
    t.denominator++;
    t.standards.add(m.source);
    if (m.status === 'met' && !m.late) t.numerator++;
    else t.exceptions.push(facts.ref);
  }
}

// Each visit in the period against the deadline the engine had for it (from the visit before, or the plan's start).
function addVisits(t: Tally, facts: CaseFacts, profile: Profile, period: Period): void {
  for (const v of facts.events) {
    if (v.kind !== 'statutory_visit' || !inPeriod(v.at, period)) continue;
    const at = Date.parse(v.at);
    const m = evaluate(factsUntil(facts, at, at, true), profile, new Date(at)).find((x) => x.key === 'statutory_visit');
    if (!m) continue;
    t.denominator++;
    t.standards.add(m.source);
    if (londonDate(new Date(at)) <= m.due) t.numerator++;
    else t.exceptions.push(`${facts.ref} (visit ${londonDate(new Date(at))})`);
  }
}

/** The 12- and 15-month marks: the partnership's own rule where it has one, else Gloucestershire's for comparison. */
export function planMarkSources(profile: Profile): { open12: string; open15: string } {
  const own = (key: string) => profile.rules.find((r) => r.key === key && !r.fallback);
  const glos = loadProfile('gloucestershire');
  const pick = (key: string) => {
    const rule = own(key) ?? glos.rules.find((r) => r.key === key)!;
    const text = formatSource(rule.citation);
    return own(key) ? text : `${text} (another partnership's threshold, shown for comparison: ${profile.displayName}'s standards set none)`;
  };
  return { open12: pick('professionals_meeting'), open15: pick('third_review_alert') };
}

// Plans running at the close of the period's last day, and how many had run 12 and 15 months by then.
function addOpenPlans(acc: PlanTallies, facts: CaseFacts, profile: Profile, period: Period): void {
  const end = closeOfDay(period.to).getTime();
  const plan = deriveState(facts, profile.planEndingEvents.map((e) => e.kind)).plan;
  const open = plan.periods.find((p) => p.start <= end && (p.end === null || p.end > end));
  if (!open) return;
  const start = londonDate(new Date(open.start));
  const sources = planMarkSources(profile);
  for (const [t, months, source] of [[acc.open12, 12, sources.open12], [acc.open15, 15, sources.open15]] as const) {
    t.denominator++;
    t.standards.add(source);
    if (addMonthsClamped(start, months) <= period.to) {
      t.numerator++;
      t.exceptions.push(`${facts.ref} (plan since ${start})`);
    }
  }
}
