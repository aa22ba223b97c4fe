// Attendance buttons: record my answer once, recompute quorum, update the card in place.
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../../store/audit.js';
import { invitations } from '../../../store/schema.js';
import { CoreError } from '../errors.js';
import { myInvitation, openCase } from '../case-access.js';
import { auditBase, type HandlerContext } from '../handler.js';
import type { ActionPayload, CoreReply } from '../types.js';
import { evaluate } from '../../../rules/milestones.js';
import { renderAttendanceCard, reportDeadlineLines } from '../views/attendance-card.js';
import { conferenceLabel } from '../views/format.js';

export type Answer = 'attending' | 'deputy' | 'report_only' | 'declined';

/** Loads my invitation for the payload's conference, refusing anything else. */
export async function openMyInvitation(h: HandlerContext, p: ActionPayload, what = 'answer invitations') {
  const access = await openCase(h.tx, p.c, h.person, 'respond_invitation', what);
  const conf = access.loaded.facts.conferences.find((c) => c.id === p.f);
  if (!conf) throw new CoreError('NO_CONFERENCE', `That conference is no longer on ${p.c}.`);
  const invitation = myInvitation(access.loaded, conf.id, h.person.id);
  if (!invitation) throw new CoreError('NOT_INVITED', `You are not invited to the ${conferenceLabel(conf)} on ${p.c}.`);
  return { access, conf, invitation };
}

export async function recordAnswer(h: HandlerContext, p: ActionPayload, answer: Answer, deputy: string | null = null): Promise<CoreReply> {
  const { access, conf, invitation } = await openMyInvitation(h, p);
  if (conf.status !== 'scheduled') throw new CoreError('CONFERENCE_CLOSED', `The ${conferenceLabel(conf)} is ${conf.status}: answers are closed.`);
  const unchanged = invitation.response === answer && (invitation.deputy ?? null) === deputy;
  if (!unchanged) {
    const [updated] = await h.tx
      .update(invitations)
      .set({ response: answer, deputy, respondedAt: h.req.now })
      .where(eq(invitations.id, invitation.id))
      .returning();
    Object.assign(invitation, updated);
    await appendAudit(h.tx, { ...auditBase(h, p.c), action: 'INVITATION_RESPONDED', subjectType: 'invitation', subjectId: invitation.id, detail: { response: answer, conference: conf.id } });
    h.changedCaseIds.add(access.loaded.row.id);
  }
  return { view: renderAttendanceCard(p.c, conf, invitation, unchanged ? 'No change: that was already your answer.' : 'Thank you: your answer is recorded.', reportDeadlineLines(evaluate(access.loaded.facts, access.profile, h.req.now), conf.id, invitation)), replace: true };
}
