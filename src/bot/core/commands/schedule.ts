// `schedule CASE initial|review DATE TIME [pre-birth] [transfer-in]`: book the case's next
// conference. A date past the conference's own deadline is allowed, with a warning naming it.
import type { Conference } from '../../../rules/case-facts.js';
import { evaluate } from '../../../rules/milestones.js';
import { openCase } from '../case-access.js';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import { requireCaseRef, type ParsedCommand } from '../parse.js';
import type { Block, CoreReply } from '../types.js';
import { milestoneLine } from '../views/deadlines.js';
import { conferenceInSentence, conferenceLabel } from '../views/format.js';
import { bookingConcerns, checkBooking, CONFIRM_FLAG } from './booking-checks.js';
import { conferenceDeadline, deadlineLines, earlyWarning, futureInstant, parseDateArg, parseTimeArg } from './conference-common.js';

export const SCHEDULE_USAGE = 'schedule CASE initial|review YYYY-MM-DD HH:MM [pre-birth] [transfer-in] [--confirm]';
const FLAGS = new Set(['pre-birth', 'prebirth', 'transfer-in', 'transferin']);
const BEFORE_KEYS = new Set(['invitations', 'social_worker_report', 'reports', 'reports_to_family', 'social_worker_report_to_family', 'reports_to_attendees']);

export async function runSchedule(h: HandlerContext, cmd: ParsedCommand): Promise<CoreReply> {
  const ref = requireCaseRef(cmd, SCHEDULE_USAGE);
  const [, typeArg, dateArg, timeArg, ...allFlags] = cmd.args;
  const confirmed = allFlags.some((f) => f.toLowerCase() === CONFIRM_FLAG);
  const flagArgs = allFlags.filter((f) => f.toLowerCase() !== CONFIRM_FLAG);
  const type = typeArg?.toLowerCase();
  if (type !== 'initial' && type !== 'review') throw new CoreError('BAD_USAGE', `Say which conference: initial or review. Usage: \`${SCHEDULE_USAGE}\``);
  const date = parseDateArg(dateArg, SCHEDULE_USAGE);
  const time = parseTimeArg(timeArg, SCHEDULE_USAGE);
  const flags = flagArgs.map((f) => f.toLowerCase().replace(/^--/, ''));
  const unknown = flags.find((f) => !FLAGS.has(f));
  if (unknown) throw new CoreError('BAD_USAGE', `"${unknown.slice(0, 30)}" is not an option here: only pre-birth and transfer-in. Usage: \`${SCHEDULE_USAGE}\``);
  const prebirth = flags.includes('pre-birth') || flags.includes('prebirth');
  const transferIn = flags.includes('transfer-in') || flags.includes('transferin');
  if (type === 'review' && (prebirth || transferIn)) throw new CoreError('BAD_USAGE', 'pre-birth and transfer-in describe an initial conference, not a review.');
  if (prebirth && transferIn) throw new CoreError('BAD_USAGE', 'A conference is either pre-birth or transfer-in, not both.');

  const { case: c, profile } = await openCase(h, ref, 'manage_conference', 'book conferences');
  if (c.status !== 'open') throw new CoreError('CASE_CLOSED', `${c.ref} is closed: no conference can be booked on it.`);
  const at = futureInstant(h, date, time);
  const concerns = bookingConcerns(c, profile, at, h.req.now, { review: type === 'review' });
  const booked = c.facts.conferences.find((f) => f.status === 'scheduled');
  if (booked && Date.parse(booked.at) < h.req.now.getTime()) {
    throw new CoreError('OUTCOME_PENDING', `The ${conferenceInSentence(booked)} on ${c.ref} has no outcome recorded yet. The chair records it with \`outcome ${c.ref}\` (or cancel it with \`cancel ${c.ref} reason\`) before the next one is booked.`);
  }
  if (booked) {
    throw new CoreError('ALREADY_BOOKED', `${c.ref} already has the ${conferenceInSentence(booked)} booked. Use \`move ${c.ref} DATE TIME reason\` to change it, or \`cancel ${c.ref} reason\` first.`);
  }

  const confirmedDespite = checkBooking(concerns, confirmed, { ref: c.ref, commandText: ['schedule', ...cmd.args.filter((a) => a.toLowerCase() !== CONFIRM_FLAG)].join(' '), verb: 'Book' });

  // The warning is decided before anything is written, from the booking as proposed.
  const proposal: Conference = { id: '(proposed)', type, at: at.toISOString(), status: 'scheduled', prebirth, transferIn, bookedAt: h.req.now.toISOString(), invitees: [] };
  const proposedDeadline = conferenceDeadline(c, profile, proposal, h.req.now);
  const late = Boolean(deadlineLines(proposal, proposedDeadline).warning);
  const { after, conference: conf } = await h.repo.bookConference(c, { type, prebirth, transferIn, at }, { afterDeadline: late, deadline: proposedDeadline?.due ?? null, rule: proposedDeadline?.rule ?? null, ...(confirmedDespite.length ? { confirmedDespite } : {}) });

  // The reply reads the case as stored: the same evaluation `next` shows.
  const milestones = evaluate(after.facts, profile, h.req.now);
  const deadline = milestones.find((m) => m.key === (type === 'initial' ? 'icpc' : 'review') && m.conference === conf.id);
  const { warning, line } = deadlineLines(conf, deadline);
  const early = earlyWarning(after, profile, conf, h.req.now);
  const before = milestones.filter((m) => m.conference === conf.id && BEFORE_KEYS.has(m.key) && m.status !== 'met');
  const blocks: Block[] = [{ type: 'header', text: `${c.ref}: ${conferenceLabel(conf)} booked` }];
  if (warning) blocks.push({ type: 'text', text: `*${warning}*` });
  else if (line) blocks.push({ type: 'text', text: `In time: ${line}` });
  else blocks.push({ type: 'context', text: 'No deadline applies yet: no strategy discussion or plan is recorded on this case.' });
  if (early) blocks.push({ type: 'text', text: `*${early}*` });
  if (before.length) blocks.push({ type: 'text', text: '*Before the conference*' }, { type: 'list', items: before.map((m) => milestoneLine(m)) });
  blocks.push({ type: 'context', text: `Next: invite the agencies with \`invite ${c.ref} @person\`.` });
  return { view: { fallback: `${c.ref}: ${conferenceLabel(conf)} booked${warning ? ', after its deadline' : ''}${early ? ', before the earliest date its standard allows' : ''}.`, blocks } };
}
