// The period a timeliness report covers: London dates, both ends included. The default is the last
// three complete calendar months before `today` (a quarter is what QA panels and the DfE's own
// returns look back over, and a month still under way would show deadlines not yet reached as gaps).
import { addCalendarDays, addMonthsClamped, londonDate } from '../calendar.js';

export type Period = { from: string; to: string };

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The three complete months before the month `today` falls in. */
export function defaultPeriod(today: string, months = 3): Period {
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  return { from: addMonthsClamped(firstOfMonth, -months), to: addCalendarDays(firstOfMonth, -1) };
}

/** A period from optional --from/--to; a missing end comes from the default. Throws naming the bad option. */
export function resolvePeriod(opts: { from?: string; to?: string }, today: string): Period {
  for (const [name, value] of [['--from', opts.from], ['--to', opts.to]] as const) {
    if (value !== undefined && (!ISO.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))) throw new RangeError(`${name}: expected a date YYYY-MM-DD, got "${value}"`);
  }
  const fallback = defaultPeriod(today);
  const period = { from: opts.from ?? fallback.from, to: opts.to ?? (opts.from ? today : fallback.to) };
  if (period.from > period.to) throw new RangeError(`--from ${period.from} is after --to ${period.to}`);
  return period;
}

/** Whether an instant falls on a London date inside the period. */
export function inPeriod(instant: string | number, p: Period): boolean {
  const d = londonDate(new Date(instant));
  return d >= p.from && d <= p.to;
}

/** YYYY-MM of every month the period touches, in order. */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  for (let m = `${p.from.slice(0, 7)}-01`; m <= p.to; m = addMonthsClamped(m, 1)) out.push(m.slice(0, 7));
  return out;
}
