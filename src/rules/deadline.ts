// One timescale (anchor ± amount) to a deadline, following "How to read a timescale" exactly.
import {
  addCalendarDays,
  addMonthsClamped,
  addWorkingDays,
  closeOfDay,
  isWithinWorkingHours,
  isWorkingDay,
  londonDate,
  londonMinutes,
  onOrBeforeWorkingDay,
} from './calendar.js';
import type { Rule, Span } from './profiles.js';

const HOUR_MS = 3_600_000;

/** The thing a timescale counts from: an instant, and how to name it in a sentence. */
export type AnchorValue = { at: Date; label: string; showTime?: boolean };

export type Deadline = {
  due: string;
  dueAt: Date;
  /** The span actually used (for anyOf, the sooner candidate). */
  span: Span;
  anchor: AnchorValue;
  /** An "N h before" instant that was moved back into working hours. */
  moved: boolean;
  candidates: number;
};

/** 17:00 on the last working day before an out-of-hours instant (same day if after 17:00 on one). */
function lastCloseBefore(t: Date, closureDays: readonly string[]): Date {
  const date = londonDate(t);
  if (isWorkingDay(date, closureDays) && londonMinutes(t) > 17 * 60) return closeOfDay(date);
  const previous = isWorkingDay(date, closureDays) ? addWorkingDays(date, -1, closureDays) : onOrBeforeWorkingDay(date, closureDays);
  return closeOfDay(previous);
}

function shiftDate(date: string, amount: number, unit: Span['unit'], sign: 1 | -1, closureDays: readonly string[]): string {
  switch (unit) {
    case 'working_days':
      return addWorkingDays(date, sign * amount, closureDays);
    case 'days':
      return addCalendarDays(date, sign * Math.round(amount));
    case 'weeks':
      return addCalendarDays(date, sign * Math.round(amount * 7));
    case 'months':
      return addMonthsClamped(date, sign * Math.round(amount));
    case 'hours':
      throw new Error('hours are handled on instants');
  }
}

export function computeSpan(span: Span, anchor: AnchorValue, closureDays: readonly string[]): Omit<Deadline, 'candidates'> {
  const forward = span.direction !== 'before';
  if (span.unit === 'hours') {
    let dueAt = new Date(anchor.at.getTime() + (forward ? 1 : -1) * span.amount * HOUR_MS);
    let moved = false;
    if (!forward && !isWithinWorkingHours(dueAt, 9, 17, closureDays)) {
      dueAt = lastCloseBefore(dueAt, closureDays);
      moved = true;
    }
    return { due: londonDate(dueAt), dueAt, span, anchor, moved };
  }
  let due = shiftDate(londonDate(anchor.at), span.amount, span.unit, forward ? 1 : -1, closureDays);
  // "N d before" (not working days): move back to a working day so "at least N days" still holds.
  if (!forward && span.unit !== 'working_days') due = onOrBeforeWorkingDay(due, closureDays);
  return { due, dueAt: closeOfDay(due), span, anchor, moved: false };
}

/** The rule's spans: one, or the anyOf candidates. */
export function spansOf(rule: Rule): Span[] {
  if (rule.anyOf) return rule.anyOf;
  return [{ anchor: rule.anchor!, amount: rule.amount!, unit: rule.unit!, direction: rule.direction! }];
}

/** The deadline for a rule given the anchors that exist; null when none of its anchors exists. */
export function computeRule(
  rule: Rule,
  anchors: Partial<Record<Span['anchor'], AnchorValue>>,
  closureDays: readonly string[],
): Deadline | null {
  let best: Deadline | null = null;
  const spans = spansOf(rule);
  for (const span of spans) {
    const anchor = anchors[span.anchor];
    if (!anchor) continue;
    const d = computeSpan(span, anchor, closureDays);
    // "whichever is sooner"
    if (!best || d.dueAt.getTime() < best.dueAt.getTime()) best = { ...d, candidates: spans.length };
  }
  return best;
}
