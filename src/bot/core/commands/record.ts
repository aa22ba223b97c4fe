// `record CASE WHAT [YYYY-MM-DD] [--corrects [YYYY-MM-DD]]`, WHAT one of RECORD_KINDS: what happened, as an event with its author. Entries are
// never edited: a correction is a new event, and the one it replaces points at it (supersededBy).
import { closeOfDay, formatLondonDate, londonDate } from '../../../rules/calendar.js';
import type { EventKind } from '../../../rules/case-facts.js';
import { evaluate, type Milestone } from '../../../rules/milestones.js';
import type { StoredEvent } from '../../../store/case-model.js';
import { lastHeldConference, openCase } from '../case-access.js';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import { requireCaseRef, type ParsedCommand } from '../parse.js';
import type { Block, CoreReply } from '../types.js';
import { milestoneLabel, milestoneLine, upcoming } from '../views/deadlines.js';
import { conferenceInSentence } from '../views/format.js';
import { isDateArg, parseDateArg } from './conference-common.js';
import { RECORD_KINDS } from './record-kinds.js';

export { RECORD_KINDS };

export const RECORD_USAGE = 'record CASE visit|core-group|decision-sent|minutes-sent|…|plan-ended (record CASE alone lists all) [YYYY-MM-DD] [--corrects [YYYY-MM-DD]]';


/** Events about the last conference held: they carry its id. */
const ABOUT_HELD_CONFERENCE: ReadonlySet<EventKind> = new Set(['decision_sent', 'minutes_sent', 'outcome_told_to_child', 'chair_form', 'parents_absent', 'absent_parents_told', 'mid_point_review_agreed']);

/** Events about the next conference booked, before it is held: they carry its id. */
const ABOUT_NEXT_CONFERENCE: ReadonlySet<EventKind> = new Set(['remote_attendance_requested', 'chair_read_report']);

/** The date given is a date agreed for the future (the mid-point review), not when something happened. */
const AGREED_DATE: ReadonlySet<EventKind> = new Set(['mid_point_review_agreed']);

interface RecordArgs {
  what: string;
  date?: string;
  corrects: boolean;
  correctsDate?: string;
}

function parseRecordArgs(cmd: ParsedCommand): RecordArgs {
  const what = cmd.args[1]?.toLowerCase().replace(/_/g, '-');
  if (!what || !RECORD_KINDS[what]) {
    throw new CoreError('BAD_USAGE', `What happened? One of: ${Object.keys(RECORD_KINDS).join(', ')}. Usage: \`${RECORD_USAGE}\``);
  }
  const out: RecordArgs = { what, corrects: false };
  const rest = cmd.args.slice(2);
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (word.toLowerCase() === '--corrects') {
      out.corrects = true;
      if (isDateArg(rest[i + 1])) out.correctsDate = parseDateArg(rest[++i], RECORD_USAGE);
    } else if (out.date === undefined && !out.corrects) {
      out.date = parseDateArg(word, RECORD_USAGE);
    } else {
      throw new CoreError('BAD_USAGE', `I did not understand "${word.slice(0, 30)}". Usage: \`${RECORD_USAGE}\``);
    }
  }
  return out;
}

const sameMilestone = (a: Milestone, b: Milestone) => a.key === b.key && a.conference === b.conference;

export async function runRecord(h: HandlerContext, cmd: ParsedCommand): Promise<CoreReply> {
  const ref = requireCaseRef(cmd, RECORD_USAGE);
  const args = parseRecordArgs(cmd);
  const { kind, label } = RECORD_KINDS[args.what]!;
  const today = londonDate(h.req.now);
  const date = args.date ?? today;
  if (AGREED_DATE.has(kind) && !args.date) throw new CoreError('BAD_USAGE', `Which date was agreed? Usage: \`record ${ref} ${args.what} YYYY-MM-DD\``, 'date');
  if (date > today && !AGREED_DATE.has(kind)) throw new CoreError('DATE_IN_FUTURE', `${formatLondonDate(date)} is in the future: record what has happened, on or before today (${formatLondonDate(today)}).`, 'date');

  const { case: c, profile } = await openCase(h, ref, 'record_event', 'record what happened on this case');
  let conferenceKey: string | null = null;
  if (ABOUT_HELD_CONFERENCE.has(kind)) {
    const held = lastHeldConference(c);
    if (!held) throw new CoreError('NO_HELD_CONFERENCE', `${c.ref} has no conference with an outcome recorded yet, so there is no ${kind === 'decision_sent' ? 'decision to send' : kind === 'minutes_sent' ? 'minutes to send' : 'outcome to record this for'}. The chair records it with \`outcome ${c.ref}\`.`);
    if (date < londonDate(new Date(held.at))) throw new CoreError('DATE_BEFORE_CONFERENCE', `${formatLondonDate(date)} is before the ${conferenceInSentence(held)} it is about.`, 'date');
    conferenceKey = held.id;
  }
  if (ABOUT_NEXT_CONFERENCE.has(kind)) {
    const next = c.facts.conferences.filter((f) => f.status === 'scheduled').sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
    if (!next) throw new CoreError('NO_CONFERENCE_BOOKED', `${c.ref} has no conference booked, so there is none to record this for. Book one with \`schedule ${c.ref} initial|review YYYY-MM-DD HH:MM\`.`);
    if (date > londonDate(new Date(next.at))) throw new CoreError('DATE_AFTER_CONFERENCE', `${formatLondonDate(date)} is after the ${conferenceInSentence(next)} it is about.`, 'date');
    conferenceKey = next.id;
  }

  // Entries still counting, newest recorded first.
  const existing = c.facts.events.filter((e) => e.kind === kind).sort((a, b) => b.id - a.id);
  let replaced: StoredEvent | undefined;
  if (args.corrects) {
    replaced = args.correctsDate ? existing.find((e) => londonDate(new Date(e.at)) === args.correctsDate) : existing[0];
    if (!replaced) {
      throw new CoreError('NOTHING_TO_CORRECT', `There is no ${label.toLowerCase()} recorded on ${c.ref}${args.correctsDate ? ` on ${formatLondonDate(args.correctsDate)}` : ''} to correct.`);
    }
  } else if (existing.some((e) => londonDate(new Date(e.at)) === date)) {
    throw new CoreError('ALREADY_RECORDED', `A ${label.toLowerCase()} on ${formatLondonDate(date)} is already recorded on ${c.ref}. To change an entry, add --corrects: \`record ${c.ref} ${args.what} DATE --corrects\`.`);
  }

  // Today's entry is "now"; an earlier date counts as the close of that day.
  const at = date === today ? h.req.now : closeOfDay(date);
  const before = evaluate(c.facts, profile, h.req.now);
  const { after } = await h.repo.recordEvent(c, { kind, at, conferenceKey, corrects: replaced }, { date });
  const afterMilestones = evaluate(after.facts, profile, h.req.now);
  return { view: renderRecorded(c.ref, label, date, replaced ? londonDate(new Date(replaced.at)) : null, before, afterMilestones, args.what) };
}

function renderRecorded(ref: string, label: string, date: string, correctedDate: string | null, before: Milestone[], after: Milestone[], what: string) {
  const met: string[] = [];
  for (const m of after) {
    const was = before.find((b) => sameMilestone(b, m));
    if (m.status === 'met' && was && was.status !== 'met' && m.metAt) met.push(`Met${m.late ? ' (late)' : ''}: ${milestoneLine(m)}`);
  }
  // Repeating deadlines (visits, core groups) are never "met": the next one moves instead.
  for (const b of upcoming(before)) {
    const now = after.find((a) => sameMilestone(a, b));
    if (now && now.status !== 'met' && now.due !== b.due && (b.key === 'statutory_visit' || b.key === 'core_group' || b.key === 'temporary_plan_review')) met.push(`Done: ${milestoneLabel(b.key)} that was due by ${formatLondonDate(b.due)}.`);
  }
  const open = upcoming(after);
  const changed = open.filter((a) => !before.some((b) => sameMilestone(a, b) && b.due === a.due && b.status === a.status));
  const next = (changed.length ? changed : open).slice(0, 5);
  const blocks: Block[] = [{ type: 'header', text: `${ref}: ${label} recorded for ${formatLondonDate(date)}` }];
  if (correctedDate) blocks.push({ type: 'text', text: `This corrects the entry for ${formatLondonDate(correctedDate)}, which is kept but no longer counts.` });
  if (met.length) blocks.push({ type: 'list', items: met });
  blocks.push({ type: 'text', text: next.length ? '*Due next*' : 'Nothing else is due on this case right now.' });
  if (next.length) blocks.push({ type: 'list', items: next.map((m) => milestoneLine(m)) });
  blocks.push({ type: 'context', text: `Wrong date? \`record ${ref} ${what} YYYY-MM-DD --corrects\` replaces it; the original stays on the record.` });
  return { fallback: `${ref}: ${label} recorded for ${formatLondonDate(date)}.`, blocks };
}
