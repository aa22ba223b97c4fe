// Small text helpers shared by views. Dates are London dates, always.
import { formatLondonDate, formatLondonTime, londonDate } from '../../../rules/calendar.js';
import { childLabel, type CaseFacts, type Conference } from '../../../rules/case-facts.js';

/** "Initial conference Tue 20 Jan 2026 at 10:00": for headings, list items and the start of a sentence. */
export function conferenceLabel(c: Conference): string {
  const kind = conferenceKind(c);
  return `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${formatWhen(c.at)}`;
}

/** "initial conference on Tue 20 Jan 2026 at 10:00": inside a sentence ("the …", "for the …"). */
export function conferenceInSentence(c: Conference): string {
  return `${conferenceKind(c)} on ${formatWhen(c.at)}`;
}

function conferenceKind(c: Pick<Conference, 'prebirth' | 'type' | 'transferIn'>): string {
  return c.prebirth ? 'pre-birth conference' : c.type === 'initial' ? (c.transferIn ? 'transfer-in conference' : 'initial conference') : 'review conference';
}

export function formatWhen(iso: string): string {
  const d = new Date(iso);
  return `${formatLondonDate(londonDate(d))} at ${formatLondonTime(d)}`;
}

/** Children by initials (or child reference) only: the store holds nothing more. */
export function childrenLabel(facts: Pick<CaseFacts, 'children'>): string {
  return facts.children.map((c) => (c.unborn ? `unborn (${childLabel(c)})` : childLabel(c))).join(', ');
}

export const RESPONSE_LABEL: Record<string, string> = {
  no_reply: 'No reply yet',
  attending: 'Attending',
  deputy: 'Sending a colleague',
  report_only: "Can't attend: report only",
  declined: 'Declined',
};

export const SECTOR_LABEL: Record<string, string> = {
  childrens_social_care: "children's social care",
  police: 'police',
  health: 'health',
  education: 'education',
  probation: 'probation',
  housing: 'housing',
  mental_health: 'mental health',
  substance_misuse: 'substance misuse',
  domestic_abuse: 'domestic abuse',
  early_help: 'early help',
  legal: 'legal',
  other: 'other',
};

/** "1 invitee", "3 invitees": one wording for counts in every view (never "invitee(s)"). */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
