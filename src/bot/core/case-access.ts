// Opens a case for a person: membership first (a non-member learns nothing, not even whether the
// case exists), then the capability their roles give them.
import { loadProfile, type Profile } from '../../rules/profiles.js';
import type { Role } from '../../rules/roles.js';
import { findInvitee, type StoredCase, type StoredConference, type StoredInvitee } from '../../store/case-model.js';
import { notAllowed, notMember } from './errors.js';
import type { HandlerContext } from './handler.js';
import { can, type Capability } from './permissions.js';

export interface CaseAccess {
  case: StoredCase;
  roles: Role[];
  profile: Profile;
}

export async function openCase(h: HandlerContext, ref: string, capability: Capability, what: string): Promise<CaseAccess> {
  const found = await h.repo.openCase(ref, h.person.id);
  if (!found) throw notMember(ref);
  const roles = [...found.roles];
  // A QA manager anywhere in the case's partnership sees dissent and timeliness on all its cases.
  if (!roles.includes('qa_manager') && found.partnershipQa) roles.push('qa_manager');
  if (roles.length === 0) throw notMember(ref);
  if (!can(roles, capability)) throw notAllowed(what);
  return { case: found.case, roles, profile: loadProfile(found.case.profile) };
}

/** The next conference not yet held or cancelled, else none. */
export function nextConference(c: StoredCase, now: Date): StoredConference | undefined {
  const upcoming = c.facts.conferences.filter((f) => f.status === 'scheduled');
  return upcoming.find((f) => Date.parse(f.at) >= now.getTime() - 12 * 3600_000) ?? upcoming.at(-1);
}

/** The most recent conference that was held. */
export function lastHeldConference(c: StoredCase): StoredConference | undefined {
  return c.facts.conferences.filter((f) => f.status === 'held').at(-1);
}

export function myInvitation(conf: StoredConference | undefined, personId: number): StoredInvitee | undefined {
  return findInvitee(conf, personId);
}
