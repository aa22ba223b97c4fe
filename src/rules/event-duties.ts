// The duties issue 17 added: each counts from a fact the case already has (the strategy discussion,
// the last conference, the plan) or from a new case-facts event, and is met by another event. They
// are one table so a new duty is a line here, its event kind and its profile rule.
import { formatLondonDate, londonDate } from './calendar.js';
import type { CaseEvent, CaseFacts, Conference, EventKind } from './case-facts.js';
import type { CaseState, Timed } from './case-state.js';
import type { AnchorValue } from './deadline.js';
import type { Done } from './met.js';
import type { Anchors, Build } from './milestones.js';
import type { Anchor } from './profiles.js';

type Source =
  /** The current ICPC episode's strategy discussion; with `needs`, only once that event is recorded in the episode. */
  | { from: 'strategy'; needs?: EventKind }
  /** The latest event of a kind, while the plan runs (`duringPlan`) or at any time. */
  | { from: 'event'; kind: EventKind; anchor: Anchor; label: string; duringPlan?: boolean }
  /** The last conference held; with `needs`, only once that event is recorded about it. */
  | { from: 'held'; needs?: EventKind }
  /** The initial conference that started the running plan. */
  | { from: 'plan_icpc'; untilReview?: boolean }
  /** The start of the running plan. */
  | { from: 'plan_start' }
  /** The end of the last plan, once none runs. */
  | { from: 'plan_ended' };

type Duty = { key: Build['key']; source: Source; done: readonly EventKind[]; window?: boolean };

const DUTIES: readonly Duty[] = [
  { key: 'strategy_discussion', source: { from: 'event', kind: 'concern_received', anchor: 'concern', label: 'the concern being received' }, done: ['strategy_discussion'] },
  { key: 'strategy_discussion', source: { from: 'event', kind: 'strategy_decision', anchor: 'decision_to_hold_strategy', label: 'the decision to hold a strategy discussion' }, done: ['strategy_discussion'] },
  { key: 'strategy_discussion_urgent', source: { from: 'event', kind: 'urgent_concern_received', anchor: 'urgent_concern', label: 'the urgent concern being received' }, done: ['strategy_discussion'] },
  // Dudley: a complex strategy meeting within 3 WD of the decision to hold one.
  { key: 'complex_strategy', source: { from: 'event', kind: 'complex_strategy_needed', anchor: 'decision_to_hold_complex_strategy', label: 'the decision to hold a complex strategy meeting' }, done: ['complex_strategy_meeting'] },
  { key: 'strategy_actions', source: { from: 'strategy' }, done: ['strategy_actions_sent'] },
  // Dudley: where one is needed, a medical examination within 24 h of the strategy discussion.
  { key: 'medical', source: { from: 'strategy', needs: 'medical_needed' }, done: ['medical_examination'] },
  { key: 'strategy_minutes', source: { from: 'strategy' }, done: ['strategy_minutes_sent'] },
  { key: 'case_to_conference_service', source: { from: 'strategy' }, done: ['case_to_conference_service'] },
  { key: 'icpc_invite_list', source: { from: 'strategy' }, done: ['icpc_invite_list'] },
  { key: 'chair_check', source: { from: 'event', kind: 'conference_requested', anchor: 'notification_to_convene', label: 'the request to convene' }, done: ['chair_screening'] },
  { key: 'outcome_to_child', source: { from: 'held' }, done: ['outcome_told_to_child'] },
  // Swindon: parents who were not at the conference are told the outline plan within 24 h.
  { key: 'absent_parents_told', source: { from: 'held', needs: 'parents_absent' }, done: ['absent_parents_told'] },
  { key: 'qa_form', source: { from: 'held' }, done: ['chair_form'] },
  { key: 'chair_outcomes_form', source: { from: 'held' }, done: ['chair_form'] },
  { key: 'minutes_corrections_request', source: { from: 'event', kind: 'minutes_sent', anchor: 'minutes_received', label: 'the minutes being sent' }, done: ['minutes_correction_requested'], window: true },
  { key: 'assessment_completed', source: { from: 'plan_icpc' }, done: ['assessment_completed'] },
  { key: 'core_group_record', source: { from: 'event', kind: 'core_group', anchor: 'core_group', label: 'the core group', duringPlan: true }, done: ['core_group_record_sent'] },
  { key: 'mid_point_review', source: { from: 'plan_icpc', untilReview: true }, done: ['mid_point_review'] },
  { key: 'section20_plan', source: { from: 'event', kind: 'looked_after_s20', anchor: 'looked_after', label: 'the child becoming looked after (section 20)', duringPlan: true }, done: ['plan_ended', 'interim_care_order', 'care_order'] },
  { key: 'professionals_meeting', source: { from: 'plan_start' }, done: ['professionals_meeting'] },
  { key: 'third_review_alert', source: { from: 'plan_start' }, done: ['service_manager_alerted'] },
  { key: 'monitoring_check', source: { from: 'plan_ended' }, done: ['monitoring_check'] },
];

const at = (time: number, label: string, showTime = false): AnchorValue => ({ at: new Date(time), label, showTime });

function firstAfter(state: CaseState, kinds: readonly EventKind[], from: number): Done | null {
  let best: number | null = null;
  for (const k of kinds) for (const e of state.events.get(k) ?? []) if (e.time >= from && (best === null || e.time < best)) best = e.time;
  return best === null ? null : { at: new Date(best) };
}

const lastOf = <T>(list: readonly T[] | undefined): T | undefined => (list ? list[list.length - 1] : undefined);

function anchorsFor(source: Source, state: CaseState): { anchors: Anchors; conference: Timed<{ id: string; type: 'initial' | 'review' }> | null; stageOver?: boolean } | null {
  const plan = state.plan;
  switch (source.from) {
    case 'strategy': {
      // Duties of the enquiry stage; once its initial conference is held the stage is over.
      const s = state.episode?.strategy;
      if (!s) return null;
      // A condition recorded on the strategy discussion's day or after it (a medical examination needed).
      if (source.needs && !(state.events.get(source.needs) ?? []).some((e) => londonDate(new Date(e.time)) >= londonDate(new Date(s.time)))) return null;
      return { anchors: { strategy_discussion: at(s.time, 'the strategy discussion') }, conference: null, stageOver: Boolean(state.episode?.heldIcpc) };
    }
    case 'event': {
      const e = lastOf(state.events.get(source.kind));
      if (!e) return null;
      // During the current (or last) plan: the duty stays on the record once the plan has ended.
      if (source.duringPlan && (plan.startAt === null || e.time < plan.startAt || (!plan.active && (plan.endAt === null || e.time > plan.endAt)))) return null;
      return { anchors: { [source.anchor]: at(e.time, source.label) }, conference: null };
    }
    case 'held': {
      const c = state.lastHeld;
      if (c && source.needs && !aboutConference(state, source.needs, c)) return null;
      return c ? { anchors: { conference: at(c.time, c.type === 'initial' ? 'the initial conference' : 'the review conference', true) }, conference: c } : null;
    }
    case 'plan_icpc': {
      const c = plan.active ? plan.startConference : null;
      if (!c || c.type !== 'initial') return null;
      if (source.untilReview && state.held.some((h) => h.type === 'review' && h.time > c.time)) return null;
      return { anchors: { conference: at(c.time, 'the initial conference', true) }, conference: c };
    }
    case 'plan_start':
      return plan.active && plan.startAt !== null ? { anchors: { plan_start: at(plan.startAt, 'the start of the plan') }, conference: null } : null;
    case 'plan_ended':
      return !plan.active && plan.endAt !== null ? { anchors: { plan_ended: at(plan.endAt, 'the end of the plan') }, conference: null } : null;
  }
}

export function addEventDuties(state: CaseState, facts: CaseFacts, add: (b: Build) => void): void {
  for (const duty of DUTIES) {
    const found = anchorsFor(duty.source, state);
    if (!found) continue;
    const ctx = found.conference ? { conference: found.conference.type } : {};
    add({ key: duty.key, ctx, anchors: found.anchors, conference: found.conference?.id ?? null, done: null, doneAfter: (from) => firstAfter(state, duty.done, from), window: duty.window, stageOver: found.stageOver });
  }
  addCorrectionsAnswer(state, add);
  addCoreGroupBeforeReview(state, add);
  addCinReview(state, facts, add);
  addChairReadsReport(state, add);
  addRemoteAttendance(state, add);
  addAgreedMidPointReview(state, add);
  addTemporaryPlanReview(state, add);
  addPrebirthConference(state, facts, add);
}

/**
 * The events of a kind about a conference: tagged with its id, or untagged and, for what happens
 * after a conference, at or after it (before the next one held); for what happens before one, after
 * the conference held before it (and not after it, once held).
 */
function eventsAbout(state: CaseState, kind: EventKind, c: Timed<Conference>, when: 'after' | 'before' = 'after'): Timed<CaseEvent>[] {
  const previous = state.held.filter((x) => x.time < c.time).pop()?.time ?? -Infinity;
  const next = state.held.find((x) => x.time > c.time)?.time ?? Infinity;
  const untagged = (t: number) => (when === 'after' ? t >= c.time && t < next : t > previous && (c.status !== 'held' || t <= c.time));
  return (state.events.get(kind) ?? []).filter((e) => (e.conference ? e.conference === c.id : untagged(e.time)));
}

const aboutConference = (state: CaseState, kind: EventKind, c: Timed<Conference>) => eventsAbout(state, kind, c).length > 0;

const conferenceLabel = (c: Conference) => (c.prebirth ? 'the pre-birth conference' : c.type === 'initial' ? 'the initial conference' : 'the review conference');

// Gloucestershire: the chair reads the social worker's report at least 24 h before the next conference.
function addChairReadsReport(state: CaseState, add: (b: Build) => void): void {
  const c = state.nextScheduled;
  if (!c) return;
  const read = eventsAbout(state, 'chair_read_report', c, 'before')[0];
  add({ key: 'chair_reads_report', ctx: { conference: c.type }, anchors: { conference: at(c.time, conferenceLabel(c), true) }, conference: c.id, done: read ? { at: new Date(read.time) } : null });
}

// Swindon: an invitee asks for remote attendance at least 3 d before. It is the invitee's choice, so
// nothing is due until a request is recorded; then it shows on time or late (the latest request counts).
function addRemoteAttendance(state: CaseState, add: (b: Build) => void): void {
  for (const c of [state.nextScheduled, state.lastHeld]) {
    if (!c) continue;
    const last = lastOf(eventsAbout(state, 'remote_attendance_requested', c, 'before').filter((e) => e.time <= c.time));
    if (!last) continue;
    add({ key: 'remote_attendance', ctx: { conference: c.type }, anchors: { conference: at(c.time, conferenceLabel(c), true) }, conference: c.id, done: { at: new Date(last.time) } });
  }
}

// Swindon: the mid-point review falls on the date agreed at the conference (recorded as the event's
// date); met by the mid-point review held after that conference, on or before the agreed date.
function addAgreedMidPointReview(state: CaseState, add: (b: Build) => void): void {
  const c = state.plan.active ? state.plan.lastConference : null;
  if (!c) return;
  const agreed = lastOf(eventsAbout(state, 'mid_point_review_agreed', c));
  if (!agreed) return;
  const done = (state.events.get('mid_point_review') ?? []).find((e) => e.time >= c.time);
  add({ key: 'mid_point_review', ctx: { conference: c.type }, anchors: { agreed_mid_point_review: at(agreed.time, 'the date agreed at the conference') }, conference: c.id, done: done ? { at: new Date(done.time) } : null });
}

// Dudley: a child on another authority's plan (a temporary plan here) is reviewed monthly, counted
// from the start of the temporary plan, then from the last review; it ends with the plan, or when an
// initial conference here is held (the plan becomes Dudley's own).
function addTemporaryPlanReview(state: CaseState, add: (b: Build) => void): void {
  const start = lastOf(state.events.get('temporary_plan'));
  if (!start) return;
  const ended = [...(state.events.get('plan_ended') ?? []), ...state.held.filter((c) => c.type === 'initial')].some((e) => e.time > start.time);
  if (ended) return;
  const last = lastOf((state.events.get('temporary_plan_review') ?? []).filter((e) => e.time >= start.time));
  add({
    key: 'temporary_plan_review',
    ctx: {},
    anchors: { plan_start: at(start.time, 'the start of the temporary plan') },
    conference: null,
    done: null,
    doneAfter: () => null,
    ...(last ? { repeat: { plan_start: at(last.time, 'the last temporary plan review') } } : {}),
  });
}

const WEEK_MS = 7 * 86_400_000;

// Dudley: a pre-birth conference once the pregnancy is viable, after 24 weeks. A "not before" limit
// for the next (or last held) pre-birth initial conference, counted from the start of the pregnancy,
// 40 weeks before the unborn child's expected date; a conference held earlier is `early`.
function addPrebirthConference(state: CaseState, facts: CaseFacts, add: (b: Build) => void): void {
  const expected = facts.children.filter((ch) => ch.unborn && ch.expectedDate).map((ch) => ch.expectedDate!).sort()[0];
  if (!expected) return;
  const c = state.conferences.filter((x) => x.type === 'initial' && x.prebirth).pop();
  if (!c) return;
  const start = new Date(Date.parse(`${expected}T12:00:00Z`) - 40 * WEEK_MS);
  add({ key: 'prebirth_conference', ctx: { conference: 'initial', prebirth: true }, anchors: { pregnancy: at(start.getTime(), `the start of the pregnancy (40 weeks before the expected date, ${formatLondonDate(expected)})`) }, conference: c.id, done: c.status === 'held' ? { at: new Date(c.time) } : null });
}

// Swindon: a correction to the minutes, once asked for, is answered within 15 WD of receipt.
function addCorrectionsAnswer(state: CaseState, add: (b: Build) => void): void {
  const minutes = lastOf(state.events.get('minutes_sent'));
  const asked = minutes && (state.events.get('minutes_correction_requested') ?? []).find((e) => e.time >= minutes.time);
  if (!minutes || !asked) return;
  add({ key: 'minutes_corrections_answer', ctx: {}, anchors: { minutes_received: at(minutes.time, 'the minutes being sent') }, conference: null, done: null, doneAfter: () => firstAfter(state, ['minutes_correction_answered'], asked.time) });
}

// A core group meets before each review: met by any core group since the last conference of the plan.
function addCoreGroupBeforeReview(state: CaseState, add: (b: Build) => void): void {
  const plan = state.plan;
  const basis = plan.lastConference;
  if (!plan.active || !basis) return;
  const review = state.conferences.find((c) => c.status === 'scheduled' && c.type === 'review' && c.time > basis.time);
  if (!review) return;
  add({ key: 'core_group_before_review', ctx: { conference: 'review' }, anchors: { conference: at(review.time, 'the review conference', true) }, conference: review.id, done: firstAfter(state, ['core_group'], basis.time) });
}

// After a plan ends: Dudley reviews the child in need plan once, 3 months on (met by the review);
// Devon at most every 12 weeks, so the next one counts from the last review (never "met").
function addCinReview(state: CaseState, facts: CaseFacts, add: (b: Build) => void): void {
  const plan = state.plan;
  if (plan.active || plan.endAt === null || facts.status === 'closed') return;
  const end = plan.endAt;
  const reviews = (state.events.get('cin_review') ?? []).filter((e) => e.time >= end);
  const last = lastOf(reviews);
  const fromEnd: Anchors = { plan_ended: at(end, 'the end of the plan') };
  add({
    key: 'cin_review',
    ctx: {},
    anchors: fromEnd,
    conference: null,
    done: null,
    doneAfter: () => (reviews[0] ? { at: new Date(reviews[0].time) } : null),
    ...(last ? { repeat: { plan_ended: at(last.time, 'the last child in need review') } } : {}),
  });
}

