// Quorum: children's social care plus at least two other agencies present (attending, or sending a
// briefed deputy). A report alone, a decline or no reply never makes an agency present.
import type { CaseFacts, Conference, Invitee, Sector } from './case-facts.js';
import { formatSource } from './format.js';
import { isProfessional } from './participants.js';
import type { Profile } from './profiles.js';

export type PresentAgency = { agency: string; sector: Sector; names: string[] };

export type QuorumResult = {
  conference: string;
  quorate: boolean;
  present: PresentAgency[];
  /** How many more agencies are needed to reach children's social care + 2 others. */
  missing: number;
  socialCarePresent: boolean;
  /** Names of invitees who have not replied. */
  noReply: string[];
  warnings: string[];
};

const OTHERS_NEEDED = 2;

export class UnknownConferenceError extends Error {
  constructor(readonly conferenceId: string) {
    super(`unknown conference "${conferenceId}"`);
    this.name = 'UnknownConferenceError';
  }
}

const professionals = (c: Conference): Invitee[] => c.invitees.filter(isProfessional);
const isPresent = (i: Invitee) => i.response === 'attending' || i.response === 'deputy';

function presentAgencies(c: Conference): PresentAgency[] {
  const byAgency = new Map<string, PresentAgency>();
  for (const i of professionals(c)) {
    if (!isPresent(i)) continue;
    const key = i.agency.trim().toLowerCase();
    const entry = byAgency.get(key) ?? { agency: i.agency, sector: i.sector, names: [] };
    entry.names.push(i.response === 'deputy' && i.deputy ? i.deputy : i.name);
    byAgency.set(key, entry);
  }
  return [...byAgency.values()];
}

function count(present: PresentAgency[]): { socialCarePresent: boolean; others: number } {
  const socialCarePresent = present.some((p) => p.sector === 'childrens_social_care');
  const others = present.filter((p) => p.sector !== 'childrens_social_care').length;
  return { socialCarePresent, others };
}

function isQuorate(c: Conference): boolean {
  const { socialCarePresent, others } = count(presentAgencies(c));
  return socialCarePresent && others >= OTHERS_NEEDED;
}

/** Agencies actively involved: invited and not declined. */
function activeAgencies(c: Conference): number {
  return new Set(professionals(c).filter((i) => i.response !== 'declined').map((i) => i.agency.trim().toLowerCase())).size;
}

export function evaluateQuorum(conferenceId: string, facts: CaseFacts, profile: Profile): QuorumResult {
  const c = facts.conferences.find((x) => x.id === conferenceId);
  if (!c) throw new UnknownConferenceError(conferenceId);
  const present = presentAgencies(c);
  const { socialCarePresent, others } = count(present);
  const quorate = socialCarePresent && others >= OTHERS_NEEDED;
  const missing = (socialCarePresent ? 0 : 1) + Math.max(0, OTHERS_NEEDED - others);
  const noReply = c.invitees.filter((i) => i.response === 'no_reply').map((i) => i.name);
  const warnings: string[] = [];
  const cite = profile.quorum.citation ? ` (${formatSource(profile.quorum.citation)})` : '';

  if (!quorate) {
    const need = [socialCarePresent ? null : "children's social care", others < OTHERS_NEEDED ? `${OTHERS_NEEDED - others} more agenc${OTHERS_NEEDED - others === 1 ? 'y' : 'ies'}` : null];
    warnings.push(`Inquorate: needs ${need.filter(Boolean).join(' and ')}.`);
  }
  if (c.status === 'held' && c.quorum?.decision === 'quorate' && !quorate) {
    warnings.push('Recorded as quorate, but the recorded attendance is not.');
  }
  if (profile.quorum.requireReasonToProceedInquorate && c.quorum?.decision === 'proceeded_inquorate' && !c.quorum.reason) {
    warnings.push(`Proceeded inquorate without a recorded reason: the reasons and interim safeguards must be recorded${cite}.`);
  }
  if (profile.quorum.warnConsecutiveInquorate && !quorate) {
    const previous = facts.conferences
      .filter((x) => x.status === 'held' && x.id !== c.id && Date.parse(x.at) < Date.parse(c.at))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
      .pop();
    const previousInquorate = previous && (previous.quorum?.decision === 'proceeded_inquorate' || !isQuorate(previous));
    if (previous && previousInquorate && activeAgencies(c) >= OTHERS_NEEDED + 1) {
      warnings.push(`The previous conference (${previous.id}) was inquorate too, and three or more agencies are active: two inquorate conferences in a row should not take place${cite}.`);
    }
  }
  return { conference: c.id, quorate, present, missing, socialCarePresent, noReply, warnings };
}

/** Quorum for every conference that is not cancelled, in date order. */
export function evaluateAllQuorum(facts: CaseFacts, profile: Profile): QuorumResult[] {
  return facts.conferences
    .filter((c) => c.status !== 'cancelled')
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((c) => evaluateQuorum(c.id, facts, profile));
}
