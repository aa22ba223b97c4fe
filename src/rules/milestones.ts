// evaluate(): every milestone on a case, pure (no I/O, no clock: `now` is an argument).
import type { CaseFacts, Conference } from './case-facts.js';
import { londonDate } from './calendar.js';
import { deriveState, madePlan, type CaseState, type Timed } from './case-state.js';
import { computeRule, type AnchorValue, type Deadline } from './deadline.js';
import { explain, formatSource, sourceFileOf } from './format.js';
import { addEventDuties } from './event-duties.js';
import { doneBy, type Done } from './met.js';
import { PRE_CONFERENCE_KEYS, type MilestoneKey, type TrackedKey } from './milestone-keys.js';
import type { Anchor, Owner, Profile, Rule, RuleWhen } from './profiles.js';
import { wasHeldInquorate } from './quorum.js';

export type MilestoneStatus = 'met' | 'due' | 'overdue';

export type Milestone = {
  // Always a TrackedKey; typed string until callers that look milestones up by a plain string
  // (test/conference/outcome.test.ts) narrow their lists, so that narrowing it breaks no build.
  key: TrackedKey;
  /** London date, YYYY-MM-DD. */
  due: string;
  /** ISO instant: 17:00 London on `due`, or the exact instant for a rule in hours. */
  dueAt: string;
  status: MilestoneStatus;
  rule: string;
  /** The standard by document title and section, as users read it. */
  source: string;
  /** The seed file behind `source` (null for national guidance): machine output only, never shown. */
  sourceFile: string | null;
  conference: string | null;
  explanation: string;
  metAt: string | null;
  /** Done, but after the deadline: status stays `met`, with `late: true`. */
  late?: boolean;
  /**
   * A "not before" limit (Dudley's pre-birth conference after 24 weeks of pregnancy): `due` is the
   * earliest date; never overdue; done before it is `met` with `early: true`.
   */
  notBefore?: boolean;
  early?: boolean;
  /**
   * Overdue, but its stage is over (the S47 outcome once the ICPC is held): shown once as "not
   * recorded" in `case`, never as a fresh OVERDUE line in `next` or a nudge.
   */
  notRecorded?: boolean;
  owner: Owner;
};

type Context = { conference?: Conference['type']; prebirth?: boolean; transferIn?: boolean };
type Anchors = Partial<Record<Anchor, AnchorValue>>;

function matches(when: RuleWhen, ctx: Context): boolean {
  if (when.conference !== undefined && when.conference !== ctx.conference) return false;
  if (when.prebirth !== undefined && when.prebirth !== Boolean(ctx.prebirth)) return false;
  if (when.transferIn !== undefined && when.transferIn !== Boolean(ctx.transferIn)) return false;
  return true;
}

const specificity = (r: Rule) => Object.values(r.when).filter((v) => v !== undefined).length;

// Rules are immutable once loaded, so the per-key lists are memoised per profile.
const byKeyCache = new WeakMap<Profile, Map<MilestoneKey, (Rule & { fallback?: boolean })[]>>();

function rulesFor(profile: Profile, key: TrackedKey): (Rule & { fallback?: boolean })[] {
  let byKey = byKeyCache.get(profile);
  if (!byKey) {
    byKey = new Map();
    for (const rule of profile.rules) {
      if (rule.informational) continue;
      const list = byKey.get(rule.key) ?? [];
      list.push(rule);
      byKey.set(rule.key, list);
    }
    // Most specific first; a partnership's own rule before the national fallback.
    for (const list of byKey.values()) list.sort((a, b) => specificity(b) - specificity(a) || Number(Boolean(a.fallback)) - Number(Boolean(b.fallback)));
    byKeyCache.set(profile, byKey);
  }
  return byKey.get(key) ?? [];
}

/** The first applicable rule for a key whose anchor exists, with its deadline. */
export function pickRule(profile: Profile, key: TrackedKey, ctx: Context, anchors: Anchors): { rule: Rule; deadline: Deadline } | null {
  for (const rule of rulesFor(profile, key)) {
    if (!matches(rule.when, ctx)) continue;
    const deadline = computeRule(rule, anchors, profile.closureDays);
    if (deadline) return { rule, deadline };
  }
  return null;
}

export type Build = {
  key: TrackedKey;
  ctx: Context;
  anchors: Anchors;
  conference: string | null;
  done: Done | null;
  /** Done by the first event after the anchor the picked rule counts from (event-duties.ts). */
  doneAfter?: (anchorAt: number) => Done | null;
  /** The stage this belongs to is over: if overdue, it is "not recorded" rather than chased. */
  stageOver?: boolean;
  /** For a rule that repeats ("every"): the last occurrence, which replaces `anchors`; never met. */
  repeat?: Anchors;
  window?: boolean;
};
export type { Anchors, Context };

function conferenceAnchor(c: Timed<Conference>): AnchorValue {
  const label = c.prebirth ? 'the pre-birth conference' : c.type === 'initial' ? 'the initial conference' : 'the review conference';
  return { at: new Date(c.time), label, showTime: true };
}

const ctxOf = (c: Conference): Context => ({ conference: c.type, prebirth: c.prebirth, transferIn: c.transferIn });

export function evaluate(facts: CaseFacts, profile: Profile, now: Date): Milestone[] {
  const state = deriveState(facts, profile.planEndingEvents.map((e) => e.kind));
  const out: Milestone[] = [];
  const add = (b: Build) => {
    let picked = pickRule(profile, b.key, b.ctx, b.anchors);
    if (!picked) return;
    if (picked.deadline.span.direction === 'every') {
      // A repeating duty is never met: the next one counts from the last occurrence.
      if (b.repeat) picked = pickRule(profile, b.key, b.ctx, { ...b.anchors, ...b.repeat }) ?? picked;
      out.push(toMilestone({ ...b, done: b.doneAfter ? null : b.done }, picked.rule, picked.deadline, profile, now));
      return;
    }
    const done = b.doneAfter ? b.doneAfter(picked.deadline.anchor.at.getTime()) : b.done;
    out.push(toMilestone({ ...b, done }, picked.rule, picked.deadline, profile, now));
  };

  addIcpc(state, facts, add);
  addBeforeConference(state, profile, add);
  addAfterConference(state, facts, profile, add);
  addPlan(state, facts, profile, add);
  addDissentReviews(facts, profile, add);
  addEventDuties(state, facts, add);

  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key));
}

function toMilestone(b: Build, rule: Rule, deadline: Deadline, profile: Profile, now: Date): Milestone {
  const hours = deadline.span.unit === 'hours';
  let status: MilestoneStatus;
  let late = false;
  let early = false;
  const notBefore = deadline.span.direction === 'after';
  if (notBefore) {
    status = b.done ? 'met' : 'due';
    early = Boolean(b.done) && (hours ? b.done!.at.getTime() < deadline.dueAt.getTime() : londonDate(b.done!.at) < deadline.due);
  } else if (b.done) {
    status = 'met';
    late = hours ? b.done.at.getTime() > deadline.dueAt.getTime() : londonDate(b.done.at) > deadline.due;
  } else if (b.window) {
    // A window (dissent) closes rather than going overdue.
    status = now.getTime() > deadline.dueAt.getTime() ? 'met' : 'due';
  } else {
    status = now.getTime() > deadline.dueAt.getTime() ? 'overdue' : 'due';
  }
  const m: Milestone = {
    key: b.key,
    due: deadline.due,
    dueAt: deadline.dueAt.toISOString(),
    status,
    rule: rule.id,
    source: formatSource(deadline.span.citation ?? rule.citation),
    sourceFile: sourceFileOf(deadline.span.citation ?? rule.citation),
    conference: b.conference,
    explanation: explain(rule, deadline, profile),
    metAt: b.done ? b.done.at.toISOString() : null,
    owner: rule.owner,
  };
  if (late) m.late = true;
  if (notBefore) m.notBefore = true;
  if (early) m.early = true;
  if (status === 'overdue' && b.stageOver) m.notRecorded = true;
  return m;
}

function at(time: number, label: string): AnchorValue {
  return { at: new Date(time), label };
}

function addIcpc(state: CaseState, facts: CaseFacts, add: (b: Build) => void): void {
  const ep = state.episode;
  if (!ep) return;
  const target = ep.heldIcpc ?? ep.upcoming;
  const anchors: Anchors = {};
  if (ep.strategy) anchors.strategy_discussion = at(ep.strategy.time, 'the strategy discussion');
  if (ep.transfer) anchors.transfer_in_accepted = at(ep.transfer.time, 'accepting the transfer in');
  const unborn = facts.children.some((c) => c.unborn) && !(state.events.get('birth')?.some((b) => !ep.strategy || b.time <= ep.strategy.time) ?? false);
  const ctx: Context = { conference: 'initial', prebirth: Boolean(target?.prebirth) || unborn, transferIn: Boolean(target?.transferIn) || (Boolean(ep.transfer) && !ep.strategy) };
  const held = ep.heldIcpc ? { at: new Date(ep.heldIcpc.time) } : null;
  add({ key: 'icpc', ctx, anchors, conference: target?.id ?? null, done: held });

  const outcome = ep.strategy ? (state.events.get('s47_outcome') ?? []).find((e) => e.time >= ep.strategy!.time) : undefined;
  add({ key: 's47_outcome', ctx, anchors, conference: null, done: outcome ? { at: new Date(outcome.time) } : null, stageOver: Boolean(ep.heldIcpc) });
}

function addBeforeConference(state: CaseState, profile: Profile, add: (b: Build) => void): void {
  const c = state.nextScheduled;
  if (!c) return;
  const anchors: Anchors = { conference: conferenceAnchor(c) };
  if (c.bookedAt) anchors.conference_booked = at(Date.parse(c.bookedAt), 'the conference date being set');
  for (const key of PRE_CONFERENCE_KEYS) add({ key, ctx: ctxOf(c), anchors, conference: c.id, done: doneBy(key, c, profile) });
}

function addAfterConference(state: CaseState, facts: CaseFacts, profile: Profile, add: (b: Build) => void): void {
  const last = state.lastHeld;
  if (last) {
    const anchors: Anchors = { conference: conferenceAnchor(last) };
    const ctx = ctxOf(last);
    add({ key: 'decision_sent', ctx, anchors, conference: last.id, done: eventFor(state, 'decision_sent', last) });
    add({ key: 'minutes', ctx, anchors, conference: last.id, done: eventFor(state, 'minutes_sent', last) });
    const dissent = facts.dissents.filter((d) => d.formal && d.conference === last.id).map((d) => Date.parse(d.lodgedAt)).sort((a, b) => a - b)[0];
    add({ key: 'dissent_window', ctx, anchors, conference: last.id, done: dissent === undefined ? null : { at: new Date(dissent) }, window: true });
  }
  // Devon: an inquorate conference brings an early review.
  if (!profile.quorum.earlyReviewAfterInquorate) return;
  // Any inquorate conference that was held, whether or not the chair recorded "proceeded inquorate".
  const inquorate = [...state.held].reverse().find((c) => wasHeldInquorate(c, facts, profile));
  if (!inquorate) return;
  const review = state.held.find((c) => c.type === 'review' && c.time > inquorate.time);
  if (!review && !state.plan.active) return;
  const upcoming = state.conferences.find((c) => c.status === 'scheduled' && c.type === 'review' && c.time > inquorate.time);
  add({
    key: 'early_review',
    ctx: ctxOf(inquorate),
    anchors: { conference: conferenceAnchor(inquorate) },
    conference: review?.id ?? upcoming?.id ?? null,
    done: review ? { at: new Date(review.time) } : null,
  });
}

function eventFor(state: CaseState, kind: 'decision_sent' | 'minutes_sent', c: Timed<Conference>): Done | null {
  const list = state.events.get(kind) ?? [];
  const e = list.find((x) => x.conference === c.id) ?? list.find((x) => !x.conference && x.time >= c.time);
  return e ? { at: new Date(e.time) } : null;
}

function addPlan(state: CaseState, facts: CaseFacts, profile: Profile, add: (b: Build) => void): void {
  const plan = state.plan;
  if (!plan.active || plan.startAt === null) return;
  const since = plan.startAt;
  const coreGroups = (state.events.get('core_group') ?? []).filter((e) => e.time >= since);

  const last = state.lastHeld;
  if (last && last.type === 'initial' && madePlan(last)) {
    const anchors: Anchors = { conference: conferenceAnchor(last) };
    if (last.firstCoreGroupDate) anchors.agreed_first_core_group = { at: new Date(`${last.firstCoreGroupDate}T12:00:00Z`), label: 'the date agreed at the conference' };
    const first = coreGroups.find((e) => e.time >= last.time);
    add({ key: 'first_core_group', ctx: ctxOf(last), anchors, conference: last.id, done: first ? { at: new Date(first.time) } : null });
  }
  const lastCore = coreGroups[coreGroups.length - 1];
  if (lastCore) add({ key: 'core_group', ctx: {}, anchors: { last_core_group: at(lastCore.time, 'the last core group') }, conference: null, done: null });

  addVisits(state, profile, since, add);

  const basis = plan.lastConference;
  if (basis) {
    const anchors: Anchors = { conference: conferenceAnchor(basis) };
    const birth = state.events.get('birth')?.find((e) => e.time >= basis.time);
    const dob = facts.children.map((c) => c.dateOfBirth).filter((d): d is string => Boolean(d)).sort().pop();
    // A strategy discussion during the plan, since the conference the review counts from.
    const change = (state.events.get('strategy_discussion') ?? []).find((e) => e.time > basis.time);
    if (change) anchors.strategy_during_plan = at(change.time, 'the strategy discussion during the plan');
    if (birth) anchors.birth = at(birth.time, 'the birth');
    else if (dob && dob >= londonDate(new Date(basis.time))) anchors.birth = { at: new Date(`${dob}T12:00:00Z`), label: 'the birth' };
    const next = state.conferences.find((c) => c.status === 'scheduled' && c.type === 'review' && c.time > basis.time);
    add({ key: 'review', ctx: ctxOf(basis), anchors, conference: next?.id ?? null, done: null });
  }
}

function addDissentReviews(facts: CaseFacts, profile: Profile, add: (b: Build) => void): void {
  for (const d of facts.dissents) {
    if (!d.formal) continue;
    // Swindon (CPC 9) promises the review only for a dissent lodged inside the window; a later one
    // shows as a late entry on the window and gets no review deadline.
    const conf = facts.conferences.find((c) => c.id === d.conference);
    const window = conf ? pickRule(profile, 'dissent_window', ctxOf(conf), { conference: { at: new Date(conf.at), label: 'the conference' } }) : null;
    if (window && Date.parse(d.lodgedAt) > window.deadline.dueAt.getTime()) continue;
    add({
      key: 'dissent_review',
      ctx: {},
      anchors: { dissent_lodged: at(Date.parse(d.lodgedAt), 'the formal dissent being received') },
      conference: d.conference,
      done: d.reviewedAt ? { at: new Date(d.reviewedAt) } : null,
    });
  }
}

// Statutory visits count from the last one, or the start of the plan. Where the profile has a
// pre-birth rule (Swindon), an unborn child's plan counts from the birth: no visit is due before it.
function addVisits(state: CaseState, profile: Profile, since: number, add: (b: Build) => void): void {
  const prebirth = Boolean(state.plan.startConference?.prebirth) && profile.rules.some((r) => r.key === 'statutory_visit' && r.when.prebirth === true);
  const birth = prebirth ? state.events.get('birth')?.find((e) => e.time >= since) : undefined;
  if (prebirth && !birth) return;
  const from = birth ? birth.time : since;
  const visits = (state.events.get('statutory_visit') ?? []).filter((e) => e.time >= from);
  const lastVisit = visits[visits.length - 1];
  const visitAnchor = lastVisit ? at(lastVisit.time, 'the last statutory visit') : birth ? at(birth.time, 'the birth') : at(since, 'the start of the plan');
  add({ key: 'statutory_visit', ctx: { prebirth }, anchors: { last_statutory_visit: visitAnchor }, conference: null, done: null });
}
