// Report buttons: submitted, shared with the family, or withheld with a reason. Each is recorded
// once: a second click keeps the first time.
import { evaluate } from '../../../rules/milestones.js';
import type { StoredInvitee } from '../../../store/case-model.js';
import type { ReportChange } from '../../../store/repository/index.js';
import { myInvitation } from '../case-access.js';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import type { ActionPayload, CoreReply } from '../types.js';
import { cardUpdateRow, withoutDeputyName } from '../nudges/card-updates.js';
import { renderAttendanceCard, reportDeadlineLines } from '../views/attendance-card.js';
import { openMyInvitation } from './respond.js';

/** Whether the change adds anything: a report is submitted, shared or withheld once. */
function isNews(i: StoredInvitee, change: ReportChange): boolean {
  if (change.kind === 'submitted') return !i.reportSubmittedAt;
  if (!i.reportSubmittedAt) throw new CoreError('REPORT_NOT_SUBMITTED', 'Mark your report as submitted first.');
  return !i.reportSharedAt;
}

export async function recordReport(h: HandlerContext, p: ActionPayload, change: ReportChange): Promise<CoreReply> {
  const { access, conf, invitation } = await openMyInvitation(h, p, 'update your report');
  const news = isNews(invitation, change);
  const c = news ? await h.repo.recordReport(access.case, conf, invitation, change) : access.case;
  const nowConf = c.facts.conferences.find((f) => f.id === conf.id)!;
  const mine = myInvitation(nowConf, h.person.id)!;
  const note = news ? 'Thank you: recorded.' : 'No change: that was already recorded.';
  if (news) await h.repo.enqueueNotices([cardUpdateRow(c.id, nowConf, mine, renderAttendanceCard(c.ref, nowConf, withoutDeputyName(mine), 'Your report status was updated.'), h.req.now, 'card', `report-${change.kind}`)]);
  return { view: renderAttendanceCard(c.ref, nowConf, mine, note, reportDeadlineLines(evaluate(c.facts, access.profile, h.req.now), conf.id, mine)), replace: true };
}
