// `move CASE DATE TIME REASON_CODE [note…]` and `cancel CASE REASON_CODE [note…]`. The reason is a
// coded choice (src/rules/reasons.ts), recorded on the conference and shared with every invitee
// (Devon, Gloucestershire); a free-text note goes only to the roles that may read it, never into a
// nudge. Swindon accepts a request to reschedule only from the family (a profile rule with its
// citation): there a move needs the `family-request` code, or the conference admin confirms with a
// trailing `--confirmed`.
import type { Conference } from '../../../rules/case-facts.js';
import { formatSource } from '../../../rules/format.js';
import { evaluate } from '../../../rules/milestones.js';
import { CHANGE_REASON_LABEL } from '../../../rules/reasons.js';
import type { StoredConference } from '../../../store/case-model.js';
import { nextConference, openCase, type CaseAccess } from '../case-access.js';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import { requireCaseRef, type ParsedCommand } from '../parse.js';
import type { Block, CoreReply } from '../types.js';
import { cardUpdateRow, withoutDeputyName } from '../nudges/card-updates.js';
import { renderAttendanceCard } from '../views/attendance-card.js';
import { milestoneLine } from '../views/deadlines.js';
import { conferenceInSentence, conferenceLabel, formatWhen } from '../views/format.js';
import { whenNoticesGo } from '../views/when-told.js';
import { bookingConcerns, checkBooking, CONFIRM_FLAG, takeConfirmFlag } from './booking-checks.js';
import { conferenceDeadline, deadlineLines, earlyWarning, futureInstant, noticeInvitees, parseDateArg, parseTimeArg, requireChange } from './conference-common.js';

export const MOVE_USAGE = 'move CASE YYYY-MM-DD HH:MM REASON_CODE [note…] [--confirmed] [--confirm]';
export const CANCEL_USAGE = 'cancel CASE REASON_CODE [note…]';

async function openBooked(h: HandlerContext, ref: string): Promise<{ access: CaseAccess; conf: StoredConference }> {
  const access = await openCase(h, ref, 'manage_conference', 'move or cancel conferences');
  const conf = nextConference(access.case, h.req.now);
  if (!conf) throw new CoreError('NO_CONFERENCE', `${ref} has no conference booked to change. Book one with \`schedule ${ref} initial|review DATE TIME\`.`);
  return { access, conf };
}

export async function runMove(h: HandlerContext, cmd: ParsedCommand): Promise<CoreReply> {
  const ref = requireCaseRef(cmd, MOVE_USAGE);
  const date = parseDateArg(cmd.args[1], MOVE_USAGE);
  const time = parseTimeArg(cmd.args[2], MOVE_USAGE);
  const taken = takeConfirmFlag(cmd.rest(3));
  let text = taken.text;
  const confirmed = /(^|\s)--confirmed$/i.test(text);
  if (confirmed) text = text.replace(/(^|\s)--confirmed$/i, '');
  const change = requireChange(h, text, MOVE_USAGE, 'moving the conference');
  const { access, conf } = await openBooked(h, ref);
  const { case: c, profile, roles } = access;
  const at = futureInstant(h, date, time);
  if (at.toISOString() === conf.at) throw new CoreError('SAME_TIME', `The ${conferenceInSentence(conf)} is already at that time: nothing to move.`);
  const concerns = bookingConcerns(c, profile, at, h.req.now, { review: false });

  const familyRequest = change.code === 'family-request';
  const familyOnly = profile.rescheduleOnlyAtFamilyRequest;
  if (confirmed && !roles.includes('conference_admin')) throw new CoreError('NOT_ALLOWED', 'Only the conference admin can confirm a rescheduling with --confirmed.');
  if (familyOnly && !familyRequest && !confirmed) {
    throw new CoreError(
      'FAMILY_REQUEST_ONLY',
      `${profile.displayName} accepts a request to reschedule a conference only from the family (${formatSource(familyOnly.citation)}). Use the reason code family-request, or the conference admin confirms with \`${MOVE_USAGE}\` ending in --confirmed.`,
      'reason',
    );
  }

  const commandText = ['move', ...cmd.args.filter((a) => a.toLowerCase() !== CONFIRM_FLAG)].join(' ');
  const confirmedDespite = checkBooking(concerns, taken.confirmed, { ref: c.ref, commandText, verb: 'Move' });
  const from = conf.at;
  const proposed: Conference = { ...conf, at: at.toISOString() };
  const late = Boolean(deadlineLines(proposed, conferenceDeadline(c, profile, proposed, h.req.now)).warning);
  const after = await h.repo.moveConference(c, conf, { at, ...change }, { familyRequest, confirmedByAdmin: confirmed, inviteesTold: conf.invitees.length, afterDeadline: late, withNote: change.note !== null, ...(confirmedDespite.length ? { confirmedDespite } : {}) });
  const moved = after.facts.conferences.find((f) => f.id === conf.id)!;
  // Invitees hear the coded reason only: a note might name a child.
  const note = `Moved from ${formatWhen(from)} to ${formatWhen(moved.at)}. Reason: ${CHANGE_REASON_LABEL[change.code]}. Your answer still stands: change it below if the new time does not suit.`;
  const told = await noticeInvitees(h, after, moved, {
    kind: 'conference_moved',
    keyOf: (personId) => `conference_moved:${moved.dbId}:${moved.at}:${personId}`,
    viewFor: (i) => renderAttendanceCard(c.ref, moved, i, note),
  });
  // The cards they already have show the new time too.
  await h.repo.enqueueNotices(moved.invitees.map((i) => cardUpdateRow(c.id, moved, i, renderAttendanceCard(c.ref, moved, withoutDeputyName(i), `Moved to ${formatWhen(moved.at)}.`), h.req.now, 'card', `move-${moved.at}`)));
  const deadline = evaluate(after.facts, profile, h.req.now).find((m) => m.key === (moved.type === 'initial' ? 'icpc' : 'review') && m.conference === moved.id);
  const { warning, line } = deadlineLines(moved, deadline);
  const early = earlyWarning(after, profile, moved, h.req.now);

  const blocks: Block[] = [
    { type: 'header', text: `${c.ref}: ${conferenceLabel(moved)}` },
    { type: 'text', text: `Moved from ${formatWhen(from)}. Reason recorded: ${CHANGE_REASON_LABEL[change.code]}.${change.note ? ` Note kept for the chair and children's social care: ${change.note}` : ''}` },
  ];
  if (warning) blocks.push({ type: 'text', text: `*${warning}*` });
  else if (line) blocks.push({ type: 'text', text: `In time: ${line}` });
  if (early) blocks.push({ type: 'text', text: `*${early}*` });
  blocks.push({ type: 'context', text: told ? inviteesTold(h, told) : 'Nobody is invited yet, so nobody needed telling.' });
  return { view: { fallback: `${c.ref}: conference moved to ${formatWhen(moved.at)}.`, blocks } };
}

export async function runCancel(h: HandlerContext, cmd: ParsedCommand): Promise<CoreReply> {
  const ref = requireCaseRef(cmd, CANCEL_USAGE);
  const change = requireChange(h, cmd.rest(1), CANCEL_USAGE, 'cancelling the conference');
  const { access, conf } = await openBooked(h, ref);
  const { case: c, profile } = access;
  const after = await h.repo.cancelConference(c, conf, change, { inviteesTold: conf.invitees.length, withNote: change.note !== null });
  const told = await noticeInvitees(h, after, conf, {
    kind: 'conference_cancelled',
    keyOf: (personId) => `conference_cancelled:${conf.dbId}:${personId}`,
    viewFor: () => ({
      fallback: `${c.ref}: the ${conferenceInSentence(conf)} is cancelled.`,
      blocks: [
        { type: 'header', text: `${c.ref}: ${conferenceLabel(conf)} cancelled` },
        { type: 'text', text: `Reason: ${CHANGE_REASON_LABEL[change.code]}.` },
        { type: 'context', text: 'You will get a new invitation when it is rebooked.' },
      ],
    }),
  });

  // Every message they had about it now says it is cancelled, and why (the code's words, never the note).
  const cancelledView = {
    fallback: `${c.ref}: this conference was cancelled (${CHANGE_REASON_LABEL[change.code]}).`,
    blocks: [
      { type: 'header' as const, text: `${c.ref}: ${conferenceLabel(conf)}` },
      { type: 'text' as const, text: `*This conference was cancelled (${CHANGE_REASON_LABEL[change.code]}).* You will get a new invitation when it is rebooked.` },
    ],
  };
  await h.repo.enqueueNotices(conf.invitees.map((i) => cardUpdateRow(c.id, conf, i, cancelledView, h.req.now, 'cancelled', 'cancel')));
  // The deadline the conference was meant to meet is still running.
  const key = conf.type === 'initial' ? 'icpc' : 'review';
  const still = evaluate(after.facts, profile, h.req.now).find((m) => m.key === key && m.status !== 'met');
  const blocks: Block[] = [
    { type: 'header', text: `${c.ref}: ${conferenceLabel(conf)} cancelled` },
    { type: 'text', text: `Reason recorded: ${CHANGE_REASON_LABEL[change.code]}.${change.note ? ` Note kept for the chair and children's social care: ${change.note}` : ''}` },
    { type: 'context', text: told ? inviteesTold(h, told) : 'Nobody was invited, so nobody needed telling.' },
  ];
  if (still) blocks.push({ type: 'text', text: `Still due: ${milestoneLine(still)}` });
  blocks.push({ type: 'context', text: `Rebook with \`schedule ${c.ref} ${conf.type} DATE TIME\`.` });
  return { view: { fallback: `${c.ref}: conference cancelled.`, blocks } };
}

/** "All 3 invitees are being told…", or when they will be outside nudge hours. */
function inviteesTold(h: HandlerContext, told: number): string {
  const when = whenNoticesGo(h.deps, h.req.now);
  const who = told === 1 ? 'The 1 invitee' : `All ${told} invitees`;
  return `${who} ${when ? `will be told${when}` : told === 1 ? 'is being told' : 'are being told'}, with the reason (not the note).`;
}
