// What a case's facts add up to: the current ICPC episode, the next and last conferences, the plan.
// Derived once per evaluate() so each milestone resolver reads plain fields.
import type { CaseEvent, CaseFacts, Conference, EventKind } from './case-facts.js';

export type Timed<T> = T & { time: number };

export type PlanState = {
  active: boolean;
  /** When the current (or last) plan started: its conference, or a plan_started event. */
  startAt: number | null;
  startConference: Timed<Conference> | null;
  /** The last held conference while the plan runs (the anchor for the next review). */
  lastConference: Timed<Conference> | null;
  /** When the last plan ended (null while one runs, or if none ever did). */
  endAt: number | null;
  /** Every plan period, oldest first (end null while it runs). */
  periods: { start: number; end: number | null }[];
};

/** Whether a child was on a plan at an instant. */
export function onPlanAt(plan: PlanState, time: number): boolean {
  return plan.periods.some((p) => p.start <= time && (p.end === null || time < p.end));
}

export type CaseState = {
  events: Map<EventKind, Timed<CaseEvent>[]>;
  conferences: Timed<Conference>[];
  held: Timed<Conference>[];
  nextScheduled: Timed<Conference> | null;
  lastHeld: Timed<Conference> | null;
  /** Strategy discussions / transfer-ins that start the current ICPC episode, and the ICPC that met it. */
  episode: { strategy: Timed<CaseEvent> | null; transfer: Timed<CaseEvent> | null; heldIcpc: Timed<Conference> | null; upcoming: Timed<Conference> | null } | null;
  plan: PlanState;
};

export function madePlan(c: Conference): boolean {
  if (c.outcomes && c.outcomes.length > 0) return c.outcomes.some((o) => o.plan);
  return c.outcome === 'plan';
}

function endedPlan(c: Conference): boolean {
  if (c.outcomes && c.outcomes.length > 0) return c.outcomes.every((o) => !o.plan);
  return c.outcome === 'no_plan';
}

const byTime = (a: { time: number }, b: { time: number }) => a.time - b.time;

/** `endKinds`: events that end the plan in the case's partnership (a profile's planEndingEvents). */
export function deriveState(facts: CaseFacts, endKinds: readonly EventKind[] = []): CaseState {
  const events = new Map<EventKind, Timed<CaseEvent>[]>();
  for (const e of facts.events) {
    const list = events.get(e.kind) ?? [];
    list.push({ ...e, time: Date.parse(e.at) });
    events.set(e.kind, list);
  }
  for (const list of events.values()) list.sort(byTime);

  const conferences = facts.conferences
    .filter((c) => c.status !== 'cancelled')
    .map((c) => ({ ...c, time: Date.parse(c.at) }))
    .sort(byTime);
  const held = conferences.filter((c) => c.status === 'held');
  const scheduled = conferences.filter((c) => c.status === 'scheduled');

  const plan = derivePlan(facts, events, held, endKinds);
  return {
    events,
    conferences,
    held,
    nextScheduled: scheduled[0] ?? null,
    lastHeld: held[held.length - 1] ?? null,
    episode: deriveEpisode(events, held, scheduled, plan),
    plan,
  };
}

// The ICPC clock starts at the first strategy discussion (or transfer-in) after the last ICPC held
// before it; that ICPC, if any, is what met it.
// A strategy discussion while the child is already on a plan starts no new episode (no new ICPC or
// S47 clock): it brings the review forward instead (milestones.ts, strategy_during_plan).
function deriveEpisode(events: Map<EventKind, Timed<CaseEvent>[]>, held: Timed<Conference>[], scheduled: Timed<Conference>[], plan: PlanState): CaseState['episode'] {
  const strategies = (events.get('strategy_discussion') ?? []).filter((e) => !onPlanAt(plan, e.time));
  const starts = [...strategies, ...(events.get('transfer_in_accepted') ?? [])].sort(byTime);
  if (starts.length === 0) return null;
  const initials = held.filter((c) => c.type === 'initial');
  const latest = starts[starts.length - 1]!;
  // The held ICPC that followed the latest start (if any), and the ICPC held before the episode began.
  const heldIcpc = initials.find((c) => c.time >= latest.time) ?? null;
  const before = heldIcpc ? initials.filter((c) => c.time < latest.time).pop() : initials.filter((c) => c.time <= latest.time).pop();
  const from = before?.time ?? -Infinity;
  const inEpisode = starts.filter((e) => e.time > from && (!heldIcpc || e.time <= heldIcpc.time));
  const strategy = inEpisode.find((e) => e.kind === 'strategy_discussion') ?? null;
  const transfer = inEpisode.find((e) => e.kind === 'transfer_in_accepted') ?? null;
  const upcoming = heldIcpc ? null : (scheduled.find((c) => c.type === 'initial' && c.time >= from) ?? null);
  return { strategy, transfer, heldIcpc, upcoming };
}

function derivePlan(facts: CaseFacts, events: Map<EventKind, Timed<CaseEvent>[]>, held: Timed<Conference>[], endKinds: readonly EventKind[]): PlanState {
  type Step = { time: number; start?: Timed<Conference> | null; end?: boolean; conference?: Timed<Conference> };
  const steps: Step[] = [];
  for (const c of held) {
    if (madePlan(c)) steps.push({ time: c.time, start: c, conference: c });
    else if (endedPlan(c)) steps.push({ time: c.time, end: true });
  }
  for (const e of events.get('plan_started') ?? []) steps.push({ time: e.time, start: null });
  for (const kind of ['plan_ended', ...endKinds] as const) for (const e of events.get(kind) ?? []) steps.push({ time: e.time, end: true });
  steps.sort((a, b) => a.time - b.time || Number(Boolean(a.end)) - Number(Boolean(b.end)));

  const plan: PlanState = { active: false, startAt: null, startConference: null, lastConference: null, endAt: null, periods: [] };
  for (const s of steps) {
    if (s.end) {
      if (plan.active) {
        plan.endAt = s.time;
        plan.periods[plan.periods.length - 1]!.end = s.time;
      }
      plan.active = false;
      continue;
    }
    if (!plan.active) {
      plan.active = true;
      plan.startAt = s.time;
      plan.startConference = s.start ?? null;
      plan.lastConference = null;
      plan.endAt = null;
      plan.periods.push({ start: s.time, end: null });
    }
    if (s.conference) plan.lastConference = s.conference;
  }
  if (facts.status === 'closed') {
    plan.active = false;
    const open = plan.periods[plan.periods.length - 1];
    if (open && open.end === null && facts.closedAt) open.end = Date.parse(facts.closedAt);
  }
  return plan;
}

