// Snooze a nudge to the next working morning: its chain comes back then, and only then.
import { formatLondonDate, formatLondonTime, londonDate, nextWorkingMorning } from '../../../rules/calendar.js';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import type { ActionPayload, CoreReply } from '../types.js';

export async function snoozeNudge(h: HandlerContext, p: ActionPayload): Promise<CoreReply> {
  if (!p.n) throw new CoreError('BAD_ACTION', 'Only a reminder can be snoozed.');
  const until = nextWorkingMorning(h.req.now, h.deps.morningHour ?? 9);
  const done = await h.repo.snoozeNudge({ nudgeId: p.n, personId: h.person.id, caseRef: p.c, until, step: `snooze-${londonDate(until)}` });
  // Same answer whether the nudge does not exist, is someone else's, or is on another case.
  if (!done) throw new CoreError('NUDGE_NOT_YOURS', 'That reminder was not sent to you, so you cannot snooze it.');
  return {
    view: { fallback: 'Snoozed.', blocks: [{ type: 'text', text: `Snoozed: I'll remind you again on ${formatLondonDate(londonDate(until))} at ${formatLondonTime(until)}.` }] },
    replace: true,
  };
}
