// When nudges may go out: QUORUM_NUDGE_START_HOUR to QUORUM_NUDGE_END_HOUR London, working days only.
import { isWithinWorkingHours } from '../../rules/calendar.js';

export interface NudgeHours {
  start: number;
  end: number;
}

export const DEFAULT_NUDGE_HOURS: NudgeHours = { start: 8, end: 18 };

export function isNudgeTime(now: Date, hours: NudgeHours = DEFAULT_NUDGE_HOURS): boolean {
  return isWithinWorkingHours(now, hours.start, hours.end);
}
