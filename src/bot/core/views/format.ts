// Small text helpers shared by views. Dates are London dates, always.
import { formatLondonDate, formatLondonTime, londonDate } from '../../../rules/calendar.js';
import type { CaseFacts, Conference } from '../../../rules/case-facts.js';

export function conferenceLabel(c: Conference): string {
  const kind = c.prebirth ? 'Pre-birth conference' : c.type === 'initial' ? (c.transferIn ? 'Transfer-in conference' : 'Initial conference') : 'Review conference';
  return `${kind} ${formatWhen(c.at)}`;
}

export function formatWhen(iso: string): string {
  const d = new Date(iso);
  return `${formatLondonDate(londonDate(d))} at ${formatLondonTime(d)}`;
}

/** Children by initials only: the store holds nothing more. */
export function childrenLabel(facts: Pick<CaseFacts, 'children'>): string {
  return facts.children.map((c) => (c.unborn ? `unborn (${c.initials})` : c.initials)).join(', ');
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
