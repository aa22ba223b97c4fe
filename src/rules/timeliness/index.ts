// Timeliness figures for a partnership's QA (issue 20): pure, no I/O, no clock (`now` is an
// argument). Cases are added one at a time (the store reads them in batches); `result()` gives the
// figures. Every figure says how it is computed and cites the standard the engine's rule cites.
import type { CaseFacts } from '../case-facts.js';
import { formatSource } from '../format.js';
import type { TrackedKey } from '../milestone-keys.js';
import type { Profile } from '../profiles.js';
import { addConferenceFigures, type ConferenceTallies } from './conferences.js';
import { emptyTally, figureOf, type Figure, type GroupKind, type Measure, type PartnershipTimeliness, type Tally } from './figures.js';
import { quorumSource } from '../quorum.js';
import { addInviteeFigures, emptyGrouped, type Grouped, type InviteeTallies } from './invitees.js';
import { monthsOf, type Period } from './period.js';
import { addPlanFigures, planMarkSources, type PlanTallies } from './plans.js';

export * from './figures.js';
export * from './period.js';

export type TimelinessInput = {
  partnership: string;
  /** The partnership's profile: its display name heads the report. */
  profile: Profile;
  period: Period;
  now: Date;
  /** The profile of each case (a case names its own). */
  profileOf: (name: string) => Profile;
};

export function createTimeliness(input: TimelinessInput) {
  const conf: ConferenceTallies = {
    icpc: emptyTally(), icpcUncounted: [], icpcMonths: new Map(), firstReview: emptyTally(), laterReview: emptyTally(),
    quorate: emptyTally(), inquorate: emptyTally(), attendanceUnknown: [], minutes: emptyTally(), decision: emptyTally(),
  };
  const inv: InviteeTallies = { reports: emptyGrouped(), replies: emptyGrouped(), attendance: emptyGrouped(), reportsUncounted: [] };
  const plans: PlanTallies = { visits: emptyTally(), open12: emptyTally(), open15: emptyTally(), meeting: emptyTally(), alert: emptyTally() };
  let caseCount = 0;
  return {
    add(facts: CaseFacts): void {
      caseCount++;
      const profile = input.profileOf(facts.profile);
      addConferenceFigures(conf, facts, profile, input.period, input.now);
      addInviteeFigures(inv, facts, profile, input.period);
      addPlanFigures(plans, facts, profile, input.period, input.now);
    },
    result(): PartnershipTimeliness {
      return buildResult(input, caseCount, conf, inv, plans);
    },
  };
}

/** All of a partnership's figures from a list of cases (tests, and callers that already hold them). */
export function computeTimeliness(cases: Iterable<CaseFacts>, input: TimelinessInput): PartnershipTimeliness {
  const t = createTimeliness(input);
  for (const c of cases) t.add(c);
  return t.result();
}

const HOW = {
  icpc: 'Initial conferences held in the period, with the share held by the engine\'s ICPC deadline (15 working days of the strategy discussion, or the partnership\'s own rule for a pre-birth or transfer-in conference); bank holidays are not working days.',
  firstReview: 'First review conferences held in the period, with the share held by the deadline counted from the initial conference (3 months).',
  laterReview: 'Later review conferences held in the period, with the share held by the deadline counted from the previous review (6 months).',
  quorate: 'Conferences held in the period whose attendance was recorded, with the share that were quorate by the partnership\'s quorum rule.',
  inquorate: 'Conferences held in the period whose attendance was recorded, with the number held inquorate (the chair proceeded, or the recorded attendance fell short).',
  reports: 'Written reports owed by professionals outside children\'s social care (not declined) for conferences held in the period, with the share received by the report deadline; the median is working days before (+) or after (-) the due day, of reports received.',
  replies: 'Invitations to professionals for conferences held in the period, with the share answered by the start of the conference (the reply deadline the chase messages give); an imported reply without a time counts as made by then.',
  attendance: 'Invitations to professionals for conferences held in the period, with the share attending in person or by a briefed deputy.',
  minutes: 'Conferences held in the period whose minutes deadline has passed or that have minutes, with the share sent by the deadline; not sent and overdue counts as late.',
  decision: 'Conferences held in the period whose decision-letter deadline has passed or that have one, with the share sent by the deadline; not sent and overdue counts as late.',
  visits: 'Statutory visits recorded in the period, with the share made by the deadline counted from the previous visit (or the start of the plan).',
  open12: 'Plans running at the end of the period, with the number that had run 12 months or more by then.',
  open15: 'Plans running at the end of the period, with the number that had run 15 months or more by then.',
  meeting: 'Plans whose 12-month professionals meeting fell due in the period, with the share held by then.',
  alert: 'Plans whose 15-month service manager alert fell due in the period, with the share made by then.',
} as const;

function grouped(measure: Measure, title: string, g: Grouped, how: string, fallback: string): Figure[] {
  const out = [figureOf(measure, title, g.all, how, { kind: 'all', name: null }, fallback)];
  for (const kind of ['agency', 'sector'] as const satisfies GroupKind[]) {
    const map = kind === 'agency' ? g.agency : g.sector;
    for (const [name, t] of [...map].sort(([a], [b]) => a.localeCompare(b))) out.push(figureOf(measure, title, t, how, { kind, name }, fallback));
  }
  return out;
}

function buildResult(input: TimelinessInput, caseCount: number, conf: ConferenceTallies, inv: InviteeTallies, plans: PlanTallies): PartnershipTimeliness {
  const p = input.profile;
  const quorum = quorumSource(p);
  const marks = planMarkSources(p);
  const one = (m: Measure, title: string, t: Tally, how: string, fallback = '') => figureOf(m, title, t, how, undefined, fallback);
  // Where nothing was counted, the figure still names the rule it would have been measured by.
  const cite = (key: TrackedKey, what: string, conference?: 'initial' | 'review') => {
    const rule = p.rules.find((r) => r.key === key && (r.when.conference ?? conference) === conference && r.when.prebirth === undefined && r.when.transferIn === undefined);
    return rule ? formatSource(rule.citation) : `none: ${p.displayName}'s standards and the national baseline set no ${what} timescale`;
  };
  const figures: Figure[] = [
    one('icpc_within_15_working_days', 'Initial conferences within 15 working days of the strategy discussion', conf.icpc, HOW.icpc, cite('icpc', 'initial conference')),
    one('first_review_on_time', 'First reviews within 3 months', conf.firstReview, HOW.firstReview, cite('review', 'review', 'initial')),
    one('later_review_on_time', 'Later reviews within 6 months', conf.laterReview, HOW.laterReview, cite('review', 'review', 'review')),
    one('quorate', 'Conferences quorate', conf.quorate, HOW.quorate, quorum),
    one('proceeded_inquorate', 'Conferences held inquorate', conf.inquorate, HOW.inquorate, quorum),
    ...grouped('reports_on_time', 'Reports received on time', inv.reports, HOW.reports, cite('reports', 'report', 'initial')),
    ...grouped('replies_before_deadline', 'Replies to invitations before the reply deadline', inv.replies, HOW.replies, quorum),
    ...grouped('attendance', 'Invited professionals attending', inv.attendance, HOW.attendance, quorum),
    one('minutes_on_time', 'Minutes sent on time', conf.minutes, HOW.minutes, cite('minutes', 'minutes', 'initial')),
    one('decision_on_time', 'Decision letters sent on time', conf.decision, HOW.decision, cite('decision_sent', 'decision letter', 'initial')),
    one('visits_on_time', 'Statutory visits on time', plans.visits, HOW.visits, cite('statutory_visit', 'statutory visit')),
    one('plans_open_12_months', 'Plans open 12 months or more', plans.open12, HOW.open12, marks.open12),
    one('plans_open_15_months', 'Plans open 15 months or more', plans.open15, HOW.open15, marks.open15),
  ];
  if (p.rules.some((r) => r.key === 'professionals_meeting' && !r.fallback)) {
    figures.push(one('professionals_meeting_on_time', 'Professionals meetings at 12 months on time', plans.meeting, HOW.meeting, marks.open12));
  }
  if (p.rules.some((r) => r.key === 'third_review_alert' && !r.fallback)) {
    figures.push(one('service_manager_alert_on_time', 'Service manager alerts at 15 months on time', plans.alert, HOW.alert, marks.open15));
  }
  const notes: string[] = [];
  if (conf.icpcUncounted.length) notes.push(`Initial conferences not counted (no strategy discussion or transfer-in recorded): ${conf.icpcUncounted.sort().join(', ')}.`);
  if (conf.attendanceUnknown.length) notes.push(`Conferences left out of the quorum figures (no attendance recorded): ${conf.attendanceUnknown.sort().join(', ')}.`);
  if (inv.reportsUncounted.length) notes.push(`Conferences with no report deadline in the standards: ${inv.reportsUncounted.sort().join(', ')}.`);
  return {
    partnership: input.partnership,
    profile: p.name,
    displayName: p.displayName,
    period: input.period,
    caseCount,
    figures,
    icpcByMonth: monthsOf(input.period).map((month) => ({ month, ...(conf.icpcMonths.get(month) ?? { onTime: 0, late: 0 }) })),
    notes,
  };
}
