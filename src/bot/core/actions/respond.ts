// Attendance buttons: record my answer once, recompute quorum, update the card in place.
import { evaluate } from '../../../rules/milestones.js';
import type { Answer } from '../../../store/repository/index.js';
import { myInvitation, openCase } from '../case-access.js';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import type { ActionPayload, CoreReply } from '../types.js';
import { cardUpdateRow, withoutDeputyName } from '../nudges/card-updates.js';
import { renderAttendanceCard, reportDeadlineLines } from '../views/attendance-card.js';
import { conferenceInSentence } from '../views/format.js';

export type AnswerResponse = Answer['response'];

/** Loads my invitation for the payload's conference, refusing anything else. */
export async function openMyInvitation(h: HandlerContext, p: ActionPayload, what = 'answer invitations') {
  const access = await openCase(h, p.c, 'respond_invitation', what);
  const conf = access.case.facts.conferences.find((c) => c.id === p.f);
  if (!conf) throw new CoreError('NO_CONFERENCE', `That conference is no longer on ${access.case.ref}.`);
  const invitation = myInvitation(conf, h.person.id);
  if (!invitation) throw new CoreError('NOT_INVITED', `You are not invited to the ${conferenceInSentence(conf)} on ${access.case.ref}.`);
  return { access, conf, invitation };
}

export async function recordAnswer(h: HandlerContext, p: ActionPayload, answer: AnswerResponse, deputy: string | null = null): Promise<CoreReply> {
  const { access, conf, invitation } = await openMyInvitation(h, p);
  if (conf.status !== 'scheduled') throw new CoreError('CONFERENCE_CLOSED', `The ${conferenceInSentence(conf)} is ${conf.status}: answers are closed.`);
  const unchanged = invitation.response === answer && (invitation.deputy ?? null) === deputy;
  const c = unchanged ? access.case : await h.repo.recordAnswer(access.case, conf, invitation, { response: answer, deputy });
  const nowConf = c.facts.conferences.find((f) => f.id === conf.id)!;
  const mine = myInvitation(nowConf, h.person.id)!;
  const note = unchanged ? 'No change: that was already your answer.' : 'Thank you: your answer is recorded.';
  // Cards sent earlier (chat, or the answer came from the web page) show the new answer too.
  if (!unchanged) await h.repo.enqueueNotices([cardUpdateRow(c.id, nowConf, mine, renderAttendanceCard(c.ref, nowConf, withoutDeputyName(mine), 'Your answer was updated.'), h.req.now, 'card', `answer-${answer}`)]);
  return { view: renderAttendanceCard(c.ref, nowConf, mine, note, reportDeadlineLines(evaluate(c.facts, access.profile, h.req.now), conf.id, mine)), replace: true };
}
