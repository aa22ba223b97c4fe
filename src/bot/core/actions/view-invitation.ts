// The attendance card of one invitation, for the answer page: the same card, deadlines and
// standards a chat user gets with `attend`, for a named conference. The read is audited.
import { evaluate } from '../../../rules/milestones.js';
import type { HandlerContext } from '../handler.js';
import type { CoreReply } from '../types.js';
import { renderAttendanceCard, reportDeadlineLines } from '../views/attendance-card.js';
import { openMyInvitation } from './respond.js';

export async function viewInvitationFor(h: HandlerContext, caseRef: string, conferenceKey: string): Promise<CoreReply> {
  const { access, conf, invitation } = await openMyInvitation(h, { a: 'attend', c: caseRef, f: conferenceKey }, 'see your invitation');
  await h.repo.auditReads([{ caseRef: access.case.ref, action: 'INVITATION_VIEWED', subject: { type: 'invitation', id: invitation.invitationId }, detail: { via: 'web' } }]);
  const deadlines = reportDeadlineLines(evaluate(access.case.facts, access.profile, h.req.now), conf.id, invitation);
  return { view: renderAttendanceCard(access.case.ref, conf, invitation, undefined, deadlines) };
}
