// Shared by schedule, move, cancel, invite and record: dates and times as typed, reasons, the
// conference's own deadline (so a late booking warns, naming the standard), and invitee notices.
import { closeOfDay, londonDate, londonDateTime } from '../../../rules/calendar.js';
import type { Conference } from '../../../rules/case-facts.js';
import { evaluate, type Milestone } from '../../../rules/milestones.js';
import type { Profile } from '../../../rules/profiles.js';
import type { StoredCase, StoredConference, StoredInvitee } from '../../../store/case-model.js';
import { CHANGE_REASONS, parseChangeReason, type ChangeReason } from '../../../rules/reasons.js';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import type { View } from '../types.js';
import { milestoneLine } from '../views/deadlines.js';

export const MIN_REASON = 10;
export const MAX_REASON = 900;

/** A London calendar date typed as YYYY-MM-DD, checked to exist (no 30 February). */
export function parseDateArg(raw: string | undefined, usageText: string): string {
  if (!raw) throw new CoreError('BAD_USAGE', `Which date? Usage: \`${usageText}\``);
  const ok = isRealDate(raw);
  if (!ok) throw new CoreError('BAD_DATE', `"${raw.slice(0, 20)}" is not a date: write it as YYYY-MM-DD, e.g. 2026-03-02. Usage: \`${usageText}\``);
  return raw;
}

/** YYYY-MM-DD naming a day that exists. */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

export function isDateArg(raw: string | undefined): boolean {
  return Boolean(raw && /^\d{4}-\d{2}-\d{2}$/.test(raw));
}

/** A London wall-clock time, HH:MM (9:30 is read as 09:30). */
export function parseTimeArg(raw: string | undefined, usageText: string): string {
  if (!raw) throw new CoreError('BAD_USAGE', `What time? Usage: \`${usageText}\``);
  const m = /^(\d{1,2}):(\d{2})$/.exec(raw);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new CoreError('BAD_TIME', `"${raw.slice(0, 10)}" is not a time: write it as HH:MM (24-hour, London time), e.g. 10:00. Usage: \`${usageText}\``);
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

/** The instant of a new conference date: in the future, or refused. */
export function futureInstant(h: HandlerContext, date: string, time: string): Date {
  const at = londonDateTime(date, time);
  if (at.getTime() <= h.req.now.getTime()) {
    throw new CoreError('DATE_IN_PAST', `${date} at ${time} is in the past. A conference can only be booked for a future date and time (London time).`);
  }
  return at;
}

/** The reason, as typed; refused when missing or too short, because the standards need it recorded and shared. */
export function requireReason(raw: string, usageText: string, what: string): string {
  const reason = raw.trim();
  if (!reason) throw new CoreError('REASON_REQUIRED', `Give the reason for ${what}: it is recorded and shared with everyone invited. Usage: \`${usageText}\``, 'reason');
  if (reason.length < MIN_REASON) throw new CoreError('REASON_TOO_SHORT', `The reason needs at least ${MIN_REASON} characters: it is recorded and shared with everyone invited.`, 'reason');
  if (reason.length > MAX_REASON) throw new CoreError('REASON_TOO_LONG', `The reason can be at most ${MAX_REASON} characters.`, 'reason');
  return reason;
}

/**
 * A coded reason and an optional note: `family-request the father works Tuesdays`. The note is free
 * text (it could name a child), so it is marked for the replay record to leave out.
 */
export function requireChange(h: HandlerContext, raw: string, usageText: string, what: string): { code: ChangeReason; note: string | null } {
  const text = raw.trim();
  const codes = CHANGE_REASONS.join(', ');
  if (!text) throw new CoreError('REASON_REQUIRED', `Give the reason for ${what}, as one of: ${codes}; then a note if needed. Usage: \`${usageText}\``, 'reason');
  const [first, ...rest] = text.split(/\s+/);
  const code = parseChangeReason(first);
  if (!code) throw new CoreError('BAD_REASON', `"${first!.slice(0, 30)}" is not a reason code. Start the reason with one of: ${codes}. Usage: \`${usageText}\``, 'reason');
  const note = rest.join(' ').trim() || null;
  if (note) {
    if (note.length > MAX_REASON) throw new CoreError('REASON_TOO_LONG', `The note can be at most ${MAX_REASON} characters.`, 'reason');
    h.freeText.push(note);
  } else if (code === 'other') {
    throw new CoreError('NOTE_REQUIRED', `With the code "other", add a short note saying why (it is kept for the chair and children's social care, never sent to invitees; do not write a child's name). Usage: \`${usageText}\``, 'reason');
  }
  return { code, note };
}

/**
 * The deadline a conference must meet: `icpc` for an initial, `review` for a review. For a proposed
 * booking or move (not yet stored), the rules are asked about the case as it would be with it.
 */
export function conferenceDeadline(c: StoredCase, profile: Profile, conf: Conference, now: Date): Milestone | undefined {
  const proposed = { ...c.facts, conferences: [...c.facts.conferences.filter((f) => f.id !== conf.id), conf] };
  const key = conf.type === 'initial' ? 'icpc' : 'review';
  return evaluate(proposed, profile, now).find((m) => m.key === key && m.conference === conf.id);
}

/** True when the conference falls after its deadline (by London date for day-based rules). */
export function isAfterDeadline(conf: Conference, m: Milestone): boolean {
  const dayBased = m.dueAt === closeOfDay(m.due).toISOString();
  return dayBased ? londonDate(new Date(conf.at)) > m.due : Date.parse(conf.at) > Date.parse(m.dueAt);
}

/** Lines for a confirmation: the deadline, and a warning naming it when the date is past it. */
export function deadlineLines(conf: Conference, m: Milestone | undefined): { warning?: string; line?: string } {
  if (!m) return {};
  if (isAfterDeadline(conf, m)) return { warning: `Warning: this date is after the deadline. ${milestoneLine(m)}`, line: milestoneLine(m) };
  return { line: milestoneLine(m) };
}

/**
 * A "not before" limit the conference breaks (Dudley: a pre-birth conference after 24 weeks of
 * pregnancy): a warning naming the standard, as a late booking warns.
 */
export function earlyWarning(c: { facts: StoredCase['facts'] }, profile: Profile, conf: Conference, now: Date): string | undefined {
  const proposed = { ...c.facts, conferences: [...c.facts.conferences.filter((f) => f.id !== conf.id), conf] };
  const m = evaluate(proposed, profile, now).find((x) => x.notBefore && x.conference === conf.id);
  if (!m || londonDate(new Date(conf.at)) >= m.due) return undefined;
  return `Warning: this date is before the earliest the standard allows. ${milestoneLine(m)}`;
}

/** One outbox notice per current invitee of the conference, due now. */
export async function noticeInvitees(
  h: HandlerContext,
  c: StoredCase,
  conf: StoredConference,
  notice: { kind: string; keyOf: (personId: number) => string; viewFor: (invitee: StoredInvitee) => View },
): Promise<number> {
  await h.repo.enqueueNotices(
    conf.invitees.map((i) => ({
      key: notice.keyOf(i.personId),
      kind: notice.kind,
      caseId: c.id,
      conferenceId: conf.dbId,
      recipientId: i.personId,
      step: 'notice',
      dueAt: h.req.now,
      view: notice.viewFor(i),
    })),
  );
  return conf.invitees.length;
}
