// A booking or a move that looks like a slip (a Saturday, 03:00, next year's date, a review on a case
// with no conference or plan) is refused with the reason. A chair may really mean it (a weekend
// emergency conference), so it can be confirmed: the "Book anyway" button, or `--confirm` typed at
// the end; the confirmation is audited with what was confirmed.
import { addMonthsClamped, bankHolidays, formatLondonDate, isWorkingDay, londonDate, londonMinutes } from '../../../rules/calendar.js';
import type { Profile } from '../../../rules/profiles.js';
import type { StoredCase } from '../../../store/case-model.js';
import { CoreError } from '../errors.js';
import type { Action } from '../types.js';

export const CONFIRM_FLAG = '--confirm';
const DAY_START_MINUTES = 8 * 60;
const DAY_END_MINUTES = 18 * 60;

export type BookingConcern = 'NOT_WORKING_DAY' | 'OUTSIDE_WORKING_HOURS' | 'OVER_A_YEAR_AHEAD' | 'REVIEW_WITHOUT_PLAN';

/** A refusal that the person can overrule: the reply carries the button that does. */
export class ConfirmableError extends CoreError {
  constructor(
    message: string,
    readonly actions: Action[],
  ) {
    super('NEEDS_CONFIRMATION', message);
  }
}

/** The text without a trailing `--confirm`, and whether it had one. */
export function takeConfirmFlag(text: string): { text: string; confirmed: boolean } {
  const words = text.trim().split(/\s+/);
  const at = words.findIndex((w) => w.toLowerCase() === CONFIRM_FLAG);
  if (at < 0) return { text, confirmed: false };
  words.splice(at, 1);
  return { text: words.join(' '), confirmed: true };
}

/** What is unusual about a conference at `at` on this case; empty when nothing is. */
export function bookingConcerns(c: StoredCase, profile: Profile, at: Date, now: Date, opts: { review: boolean }): { code: BookingConcern; text: string }[] {
  const out: { code: BookingConcern; text: string }[] = [];
  const date = londonDate(at);
  if (!isWorkingDay(date, profile.closureDays)) out.push({ code: 'NOT_WORKING_DAY', text: `${formatLondonDate(date)} is not a working day (${whyNotWorking(date, profile)})` });
  const minutes = londonMinutes(at);
  if (minutes < DAY_START_MINUTES || minutes >= DAY_END_MINUTES) out.push({ code: 'OUTSIDE_WORKING_HOURS', text: 'the time is outside 08:00 to 18:00' });
  if (date > addMonthsClamped(londonDate(now), 12)) out.push({ code: 'OVER_A_YEAR_AHEAD', text: 'the date is more than a year ahead' });
  if (opts.review && !hasConferenceOrPlan(c)) out.push({ code: 'REVIEW_WITHOUT_PLAN', text: `${c.ref} has no initial conference and no plan, so there is nothing to review` });
  return out;
}

/** Refuses unless confirmed; returns the concern codes the person confirmed (for the audit entry). */
export function checkBooking(concerns: { code: BookingConcern; text: string }[], confirmed: boolean, p: { ref: string; commandText: string; verb: 'Book' | 'Move' }): BookingConcern[] {
  if (concerns.length === 0) return [];
  if (confirmed) return concerns.map((x) => x.code);
  const why = concerns.map((x) => x.text).join('; ');
  const action: Action = { label: `${p.verb} anyway`, style: 'danger', payload: { a: 'book_anyway', c: p.ref, t: `${p.commandText} ${CONFIRM_FLAG}` } };
  throw new ConfirmableError(`Not ${p.verb === 'Book' ? 'booked' : 'moved'}: ${why}. If that is what you mean (an emergency, say), press ${action.label}, or repeat the command ending in ${CONFIRM_FLAG}.`, [action]);
}

function whyNotWorking(date: string, profile: Profile): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return 'a weekend';
  if (bankHolidays(Number(date.slice(0, 4))).includes(date)) return 'a bank holiday';
  return `a closure day of ${profile.displayName}`;
}

function hasConferenceOrPlan(c: StoredCase): boolean {
  return c.facts.conferences.some((f) => (f.type === 'initial' && f.status !== 'cancelled') || f.outcome === 'plan') || c.facts.events.some((e) => e.kind === 'plan_started' || e.kind === 'transfer_in_accepted');
}
