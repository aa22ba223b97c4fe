// `attend CASE`: my attendance card for the next conference.
import { appendAudit } from '../../../store/audit.js';
import { CoreError } from '../errors.js';
import { myInvitation, nextConference, openCase } from '../case-access.js';
import { auditBase, type HandlerContext } from '../handler.js';
import { requireCaseRef, type ParsedCommand } from '../parse.js';
import type { CoreReply } from '../types.js';
import { evaluate } from '../../../rules/milestones.js';
import { renderAttendanceCard, reportDeadlineLines } from '../views/attendance-card.js';

export async function runAttend(h: HandlerContext, cmd: ParsedCommand): Promise<CoreReply> {
  const ref = requireCaseRef(cmd, 'attend CASE');
  const { loaded, profile } = await openCase(h.tx, ref, h.person, 'respond_invitation', 'answer invitations');
  const conf = nextConference(loaded, h.req.now);
  if (!conf) throw new CoreError('NO_CONFERENCE', `${ref} has no conference booked yet.`);
  const invitation = myInvitation(loaded, conf.id, h.person.id);
  if (!invitation) throw new CoreError('NOT_INVITED', `You are not invited to the next conference on ${ref}. Ask the conference admin if you should be.`);
  await appendAudit(h.tx, { ...auditBase(h, ref), action: 'INVITATION_VIEWED', subjectType: 'invitation', subjectId: invitation.id });
  const deadlines = reportDeadlineLines(evaluate(loaded.facts, profile, h.req.now), conf.id, invitation);
  return { view: renderAttendanceCard(ref, conf, invitation, undefined, deadlines) };
}
