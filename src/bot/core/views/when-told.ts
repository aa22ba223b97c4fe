// Notices go out only in nudge hours (08:00 to 18:00 London on working days, by default): a receipt
// that says someone "has been told" at 21:00 on a Friday would not be true until Monday morning.
import { formatLondonDate, formatLondonTime, isWithinWorkingHours, londonDate, nextWorkingMorning } from '../../../rules/calendar.js';
import type { CoreDeps } from '../types.js';

const DEFAULT_HOURS = { start: 8, end: 18 };

/** '' when a notice written now goes out now; else " at 08:00 on Mon 7 Dec 2026". */
export function whenNoticesGo(deps: CoreDeps, now: Date): string {
  const hours = deps.nudgeHours ?? DEFAULT_HOURS;
  if (isWithinWorkingHours(now, hours.start, hours.end)) return '';
  const at = nextWorkingMorning(now, hours.start);
  return ` at ${formatLondonTime(at)} on ${formatLondonDate(londonDate(at))}`;
}
