// Opens a case for a person: membership first (a non-member learns nothing, not even whether the
// case exists), then the capability their roles give them.
import { loadProfile, type Profile } from '../../rules/profiles.js';
import type { Conference } from '../../rules/case-facts.js';
import { loadCaseForPerson, type LoadedCase } from '../../store/cases.js';
import type { Executor } from '../../store/db.js';
import type { Person } from '../../store/people.js';
import type { Role } from '../../store/schema.js';
import { notAllowed, notMember } from './errors.js';
import { can, type Capability } from './permissions.js';

export interface CaseAccess {
  person: Person;
  loaded: LoadedCase;
  roles: Role[];
  profile: Profile;
}

export async function openCase(db: Executor, ref: string, person: Person, capability: Capability, what: string): Promise<CaseAccess> {
  // A QA manager anywhere in the case's partnership sees dissent and timeliness on all its cases.
  const found = await loadCaseForPerson(db, ref, person.id);
  if (!found) throw notMember(ref);
  const roles = [...found.roles];
  if (!roles.includes('qa_manager') && found.partnershipQa) roles.push('qa_manager');
  if (roles.length === 0) throw notMember(ref);
  if (!can(roles, capability)) throw notAllowed(what);
  return { person, loaded: found.loaded, roles, profile: loadProfile(found.loaded.row.profile) };
}

/** The next conference not yet held or cancelled, else none. */
export function nextConference(loaded: LoadedCase, now: Date): Conference | undefined {
  const upcoming = loaded.facts.conferences.filter((c) => c.status === 'scheduled');
  return upcoming.find((c) => Date.parse(c.at) >= now.getTime() - 12 * 3600_000) ?? upcoming.at(-1);
}

/** The most recent conference that was held. */
export function lastHeldConference(loaded: LoadedCase): Conference | undefined {
  return loaded.facts.conferences.filter((c) => c.status === 'held').at(-1);
}

export function myInvitation(loaded: LoadedCase, conferenceKey: string, personId: number) {
  return loaded.invitations.get(conferenceKey)?.find((i) => i.personId === personId);
}
