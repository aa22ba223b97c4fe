// The plain-English sentence each milestone carries, and its citation text.
import { formatLondonDate, formatLondonTime, londonDate } from './calendar.js';
import type { Deadline } from './deadline.js';
import { documentOf } from './documents.js';
import { ruleLabel } from './milestone-labels.js';
import type { Citation, Profile, Rule, Span } from './profiles.js';

/**
 * The citation as a professional would say it: `Swindon Multi-Agency Standards for Safeguarding
 * Children, Child Protection Conferences standard 2`. Never the file name (see documents.ts).
 */
export function formatSource(c: Citation): string {
  const title = documentOf(c.file)?.title ?? c.file;
  return `${title}, ${formatCitationShort(c)}${c.extension ? `, applied by extension to ${c.extension}` : ''}`;
}

/** The seed file a citation comes from, for machine-readable output only (timeline --json). */
export function sourceFileOf(c: Citation): string | null {
  return documentOf(c.file)?.file ?? null;
}

/** `Child Protection Conferences standard 2`, as it reads inside a sentence. */
export function formatCitationShort(c: Citation): string {
  return `${c.section}${c.standard ? ` standard ${c.standard}` : ''}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatAmount(amount: number, unit: Span['unit']): string {
  switch (unit) {
    case 'working_days':
      return plural(amount, 'working day', 'working days');
    case 'days':
      return plural(amount, 'day', 'days');
    case 'weeks':
      return plural(amount, 'week', 'weeks');
    case 'months':
      return plural(amount, 'month', 'months');
    case 'hours':
      return amount < 1 ? plural(Math.round(amount * 60), 'minute', 'minutes') : plural(amount, 'hour', 'hours');
  }
}

function phrase(span: Span, anchorLabel: string): string {
  const amount = formatAmount(span.amount, span.unit);
  switch (span.direction) {
    case 'within':
      return span.amount === 0 ? `on ${anchorLabel}` : `within ${amount} of ${anchorLabel}`;
    case 'before':
      return `${amount} before ${anchorLabel}`;
    case 'every':
      return `at most ${amount} after ${anchorLabel}`;
    case 'after':
      return `${amount} after ${anchorLabel}`;
  }
}

function when(instant: Date, withTime: boolean): string {
  const date = formatLondonDate(londonDate(instant));
  return withTime ? `${date} at ${formatLondonTime(instant)}` : date;
}

/**
 * "Initial conference due by Wed 14 Jan 2026: within 15 working days of the strategy discussion on
 * Fri 19 Dec 2025 (Swindon, Child Protection Conferences standard 2)."
 */
export function explain(rule: Rule, deadline: Deadline, profile: Profile): string {
  const hours = deadline.span.unit === 'hours';
  const { anchor, span } = deadline;
  const citation = span.citation ?? rule.citation;
  const showAnchorTime = hours || anchor.showTime === true;
  const by = span.direction === 'after' ? 'not before' : 'due by';
  let text = `${ruleLabel(rule)} ${by} ${when(deadline.dueAt, hours)}: ${phrase(span, anchor.label)} on ${when(anchor.at, showAnchorTime)}`;
  if (rule.anyOf ? span.quorumDefault : rule.quorumDefault) text += ` (Quorum's default: ${formatAmount(span.amount, span.unit)}, as the standard sets no interval)`;
  if (deadline.moved) text += ', moved back to the close of the previous working day';
  if (deadline.candidates > 1) text += ', the sooner of its deadlines';
  // A national rule on a partnership's case says why it applies, so nobody reads it as local policy.
  const own = rule.id.startsWith(`${profile.name}.`);
  return `${text} (${formatSource(citation)}${own ? '' : `; ${profile.displayName}'s standards set no timescale for this, so the national baseline applies`}).`;
}
