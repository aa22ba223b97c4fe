// Quorum: children's social care plus at least two other agencies present (attending, or sending a
// briefed deputy). A report alone, a decline or no reply never makes an agency present. Agencies are
// matched by key (agencies.ts), not by free text; where a partnership counts only agencies with
// direct contact (Devon: with each child; Swindon: with the child or family), that is checked per child.
import { agencyKey, countsTowardsQuorum, findAgency } from './agencies.js';
import { childLabel, type CaseFacts, type Conference, type Invitee, type Sector } from './case-facts.js';
import { formatSource } from './format.js';
import { isProfessional } from './participants.js';
import type { Profile } from './profiles.js';

export type PresentAgency = { agency: string; sector: Sector; names: string[]; key: string; countsTowardsQuorum: boolean; children: string[] };

/** Per child: which counting agencies other than social care have direct contact, and how many more are needed. */
export type ChildQuorum = { child: string; initials: string; agencies: string[]; missing: number };

export const QUORUM_NOTICES = ['INQUORATE', 'ATTENDANCE_NOT_RECORDED', 'RECORDED_QUORATE_BUT_NOT', 'PROCEEDED_WITHOUT_REASON', 'TWO_INQUORATE_IN_A_ROW'] as const;
export type QuorumNoticeCode = (typeof QUORUM_NOTICES)[number];
export type QuorumNotice = { code: QuorumNoticeCode; text: string };

export type QuorumResult = {
  conference: string;
  quorate: boolean;
  /** False for a held conference where nobody's attendance was recorded: then it is neither quorate nor inquorate. */
  attendanceRecorded: boolean;
  present: PresentAgency[];
  /** How many more agencies are needed to reach children's social care + 2 others (for the child with fewest). */
  missing: number;
  socialCarePresent: boolean;
  /** Per child, where the partnership counts direct contact per child (Devon); otherwise empty. */
  perChild: ChildQuorum[];
  /** Names of invitees who have not replied. */
  noReply: string[];
  notices: QuorumNotice[];
  /** The notices' text, for views that list them. */
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

function presentAgencies(c: Conference, facts: CaseFacts): PresentAgency[] {
  const allChildren = facts.children.map((ch) => ch.ref);
  const byAgency = new Map<string, PresentAgency>();
  for (const i of professionals(c)) {
    if (!isPresent(i)) continue;
    const key = agencyKey(i.agency, i.sector);
    const known = findAgency(facts.agencies, i.agency, i.sector);
    const entry = byAgency.get(key) ?? { agency: i.agency, sector: i.sector, names: [], key, countsTowardsQuorum: countsTowardsQuorum(known ?? { sector: i.sector }), children: [] };
    entry.names.push(i.response === 'deputy' && i.deputy ? i.deputy : i.name);
    for (const ref of i.directContact ?? allChildren) if (!entry.children.includes(ref)) entry.children.push(ref);
    byAgency.set(key, entry);
  }
  return [...byAgency.values()];
}

type Count = { socialCarePresent: boolean; others: number; perChild: ChildQuorum[]; missingOthers: number };

function count(present: PresentAgency[], facts: CaseFacts, profile: Profile): Count {
  const socialCarePresent = present.some((p) => p.sector === 'childrens_social_care');
  const rule = profile.quorum.directContact;
  const others = present.filter((p) => p.sector !== 'childrens_social_care' && (!rule || (p.countsTowardsQuorum && p.children.length > 0)));
  if (rule?.with !== 'each_child') {
    return { socialCarePresent, others: others.length, perChild: [], missingOthers: Math.max(0, OTHERS_NEEDED - others.length) };
  }
  const perChild = facts.children.map((ch) => {
    const agencies = others.filter((p) => p.children.includes(ch.ref)).map((p) => p.agency);
    return { child: ch.ref, initials: childLabel(ch), agencies, missing: Math.max(0, OTHERS_NEEDED - agencies.length) };
  });
  const missingOthers = Math.max(0, ...perChild.map((p) => p.missing));
  return { socialCarePresent, others: others.length, perChild, missingOthers };
}

/** A held conference with no response recorded for any professional: its attendance is unknown. */
function attendanceRecorded(c: Conference): boolean {
  return c.status !== 'held' || professionals(c).some((i) => i.response !== 'no_reply');
}

const NATIONAL_QUORUM = 'Working Together to Safeguard Children 2023, child protection conferences: quorum';

/** The standard that sets quorum (and so who is expected, and why replies are chased). */
export function quorumSource(profile: Profile): string {
  return profile.quorum.citation ? formatSource(profile.quorum.citation) : NATIONAL_QUORUM;
}

/** Held and inquorate by its record: proceeded inquorate, or its recorded attendance was not quorate. */
export function wasHeldInquorate(c: Conference, facts: CaseFacts, profile: Profile): boolean {
  if (c.status !== 'held') return false;
  if (c.quorum?.decision === 'proceeded_inquorate') return true;
  if (!attendanceRecorded(c)) return false;
  const n = count(presentAgencies(c, facts), facts, profile);
  return !(n.socialCarePresent && n.missingOthers === 0);
}

/** Agencies actively involved: invited and not declined. */
function activeAgencies(c: Conference): number {
  return new Set(professionals(c).filter((i) => i.response !== 'declined').map((i) => agencyKey(i.agency, i.sector))).size;
}

function describeNeed(n: Count): string {
  const need: string[] = [];
  if (!n.socialCarePresent) need.push("children's social care");
  const short = n.perChild.filter((p) => p.missing > 0);
  if (short.length) {
    need.push(short.map((p) => `${p.missing} more agenc${p.missing === 1 ? 'y' : 'ies'} with direct contact with ${p.initials}`).join(', '));
  } else if (n.missingOthers > 0) {
    need.push(`${n.missingOthers} more agenc${n.missingOthers === 1 ? 'y' : 'ies'}`);
  }
  return need.join(' and ');
}

export function evaluateQuorum(conferenceId: string, facts: CaseFacts, profile: Profile): QuorumResult {
  const c = facts.conferences.find((x) => x.id === conferenceId);
  if (!c) throw new UnknownConferenceError(conferenceId);
  const present = presentAgencies(c, facts);
  const n = count(present, facts, profile);
  const quorate = n.socialCarePresent && n.missingOthers === 0;
  const recorded = attendanceRecorded(c);
  const missing = (n.socialCarePresent ? 0 : 1) + n.missingOthers;
  const noReply = c.invitees.filter((i) => i.response === 'no_reply').map((i) => i.name);
  const notices: QuorumNotice[] = [];
  const add = (code: QuorumNoticeCode, text: string) => notices.push({ code, text });
  const cite = profile.quorum.citation ? ` (${formatSource(profile.quorum.citation)})` : '';

  if (!recorded) add('ATTENDANCE_NOT_RECORDED', 'Attendance not recorded: record who attended to show whether it was quorate.');
  else if (!quorate) add('INQUORATE', `Inquorate: needs ${describeNeed(n)}.`);
  if (recorded && c.status === 'held' && c.quorum?.decision === 'quorate' && !quorate) {
    add('RECORDED_QUORATE_BUT_NOT', 'Recorded as quorate, but the recorded attendance is not.');
  }
  if (profile.quorum.requireReasonToProceedInquorate && c.quorum?.decision === 'proceeded_inquorate' && !c.quorum.reason) {
    add('PROCEEDED_WITHOUT_REASON', `Proceeded inquorate without a recorded reason: the reasons and interim safeguards must be recorded${cite}.`);
  }
  if (profile.quorum.warnConsecutiveInquorate && recorded && !quorate) {
    const previous = facts.conferences
      .filter((x) => x.status === 'held' && x.id !== c.id && Date.parse(x.at) < Date.parse(c.at))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
      .pop();
    if (previous && wasHeldInquorate(previous, facts, profile) && activeAgencies(c) >= OTHERS_NEEDED + 1) {
      add('TWO_INQUORATE_IN_A_ROW', `The previous conference (${previous.id}) was inquorate too, and three or more agencies are active: two inquorate conferences in a row should not take place${cite}.`);
    }
  }
  return { conference: c.id, quorate, attendanceRecorded: recorded, present, missing, socialCarePresent: n.socialCarePresent, perChild: n.perChild, noReply, notices, warnings: notices.map((x) => x.text) };
}

/** Quorum for every conference that is not cancelled, in date order. */
export function evaluateAllQuorum(facts: CaseFacts, profile: Profile): QuorumResult[] {
  return facts.conferences
    .filter((c) => c.status !== 'cancelled')
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((c) => evaluateQuorum(c.id, facts, profile));
}
