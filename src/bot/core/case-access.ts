// Opens a case for a person: membership first (a non-member learns nothing, not even whether the
// case exists), then the capability their roles give them.
import { and, eq } from 'drizzle-orm';
import { loadProfile, type Profile } from '../../rules/profiles.js';
import type { Conference } from '../../rules/case-facts.js';
import { findCaseByRef, loadCase, type LoadedCase } from '../../store/cases.js';
import type { Executor } from '../../store/db.js';
import type { Person } from '../../store/people.js';
import { rolesOnCase } from '../../store/people.js';
import { caseMembers, cases, type Role } from '../../store/schema.js';
import { notAllowed, notMember } from './errors.js';
import { can, type Capability } from './permissions.js';

export interface CaseAccess {
  person: Person;
  loaded: LoadedCase;
  roles: Role[];
  profile: Profile;
}

export async function openCase(db: Executor, ref: string, person: Person, capability: Capability, what: string): Promise<CaseAccess> {
  const row = await findCaseByRef(db, ref);
  if (!row) throw notMember(ref);
  const roles = await rolesOnCase(db, row.id, person.id);
  // A QA manager sees dissent and timeliness across the whole partnership.
  if (!roles.includes('qa_manager') && row.partnershipId !== null && (await isPartnershipQaManager(db, row.partnershipId, person.id))) roles.push('qa_manager');
  if (roles.length === 0) throw notMember(ref);
  if (!can(roles, capability)) throw notAllowed(what);
  const loaded = (await loadCase(db, row.id))!;
  return { person, loaded, roles, profile: loadProfile(row.profile) };
}

async function isPartnershipQaManager(db: Executor, partnershipId: number, personId: number): Promise<boolean> {
  const rows = await db
    .select({ id: cases.id })
    .from(caseMembers)
    .innerJoin(cases, eq(cases.id, caseMembers.caseId))
    .where(and(eq(caseMembers.personId, personId), eq(caseMembers.role, 'qa_manager'), eq(cases.partnershipId, partnershipId)))
    .limit(1);
  return rows.length > 0;
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
