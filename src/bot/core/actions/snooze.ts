// Snooze a nudge to the next working morning: the scheduler re-queues that chain.
import { formatLondonDate, formatLondonTime, londonDate } from '../../../rules/calendar.js';
import { appendAudit } from '../../../store/audit.js';
import { CoreError } from '../errors.js';
import { auditBase, type HandlerContext } from '../handler.js';
import type { ActionPayload, CoreReply } from '../types.js';

export async function snoozeNudge(h: HandlerContext, p: ActionPayload): Promise<CoreReply> {
  if (!p.n) throw new CoreError('BAD_ACTION', 'Only a reminder can be snoozed.');
  if (!h.deps.scheduler) throw new CoreError('SCHEDULER_OFF', 'Reminders are switched off here, so there is nothing to snooze.');
  const until = await h.deps.scheduler.snooze(h.tx, p.n, h.person.id, h.req.now);
  await appendAudit(h.tx, { ...auditBase(h, p.c), action: 'NUDGE_SNOOZED', subjectType: 'nudge', subjectId: p.n, detail: { until: until.toISOString() } });
  return {
    view: { fallback: 'Snoozed.', blocks: [{ type: 'text', text: `Snoozed: I'll remind you again on ${formatLondonDate(londonDate(until))} at ${formatLondonTime(until)}.` }] },
    replace: true,
  };
}
