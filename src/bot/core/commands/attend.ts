// `attend CASE`: my attendance card for the next conference.
import { evaluate } from '../../../rules/milestones.js';
import { myInvitation, nextConference, openCase } from '../case-access.js';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import { requireCaseRef, type ParsedCommand } from '../parse.js';
import type { CoreReply } from '../types.js';
import { renderAttendanceCard, reportDeadlineLines } from '../views/attendance-card.js';

export async function runAttend(h: HandlerContext, cmd: ParsedCommand): Promise<CoreReply> {
  const ref = requireCaseRef(cmd, 'attend CASE');
  const { case: c, profile } = await openCase(h, ref, 'respond_invitation', 'answer invitations');
  const conf = nextConference(c, h.req.now);
  if (!conf) throw new CoreError('NO_CONFERENCE', `${c.ref} has no conference booked yet.`);
  const invitation = myInvitation(conf, h.person.id);
  if (!invitation) throw new CoreError('NOT_INVITED', `You are not invited to the next conference on ${c.ref}. Ask the conference admin if you should be.`);
  await h.repo.auditReads([{ caseRef: c.ref, action: 'INVITATION_VIEWED', subject: { type: 'invitation', id: invitation.invitationId } }]);
  const deadlines = reportDeadlineLines(evaluate(c.facts, profile, h.req.now), conf.id, invitation);
  return { view: renderAttendanceCard(c.ref, conf, invitation, undefined, deadlines) };
}
