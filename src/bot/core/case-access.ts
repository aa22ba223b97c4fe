// Opens a case for a person: membership first (a non-member learns nothing, not even whether the
// case exists), then the capability their roles give them.
import { eq, sql } from 'drizzle-orm';
import { loadProfile, type Profile } from '../../rules/profiles.js';
import type { Conference } from '../../rules/case-facts.js';
import { loadCase, type LoadedCase } from '../../store/cases.js';
import type { Executor } from '../../store/db.js';
import type { Person } from '../../store/people.js';
import { cases, type Role } from '../../store/schema.js';
import { notAllowed, notMember } from './errors.js';
import { can, type Capability } from './permissions.js';

export interface CaseAccess {
  person: Person;
  loaded: LoadedCase;
  roles: Role[];
  profile: Profile;
}

export async function openCase(db: Executor, ref: string, person: Person, capability: Capability, what: string): Promise<CaseAccess> {
  // One query for the case, my roles on it, and whether I am a QA manager in its partnership (who
  // sees dissent and timeliness across the whole partnership): this runs on every request.
  const [found] = await db
    .select({
      row: cases,
      roles: sql<Role[] | null>`(select array_agg(m.role) from case_members m where m.case_id = "cases"."id" and m.person_id = ${person.id})`,
      partnershipQa: sql<boolean>`exists (select 1 from case_members q join cases qc on qc.id = q.case_id where q.person_id = ${person.id} and q.role = 'qa_manager' and qc.partnership_id = "cases"."partnership_id")`,
    })
    .from(cases)
    .where(eq(cases.ref, ref));
  if (!found) throw notMember(ref);
  const row = found.row;
  const roles: Role[] = [...(found.roles ?? [])];
  if (!roles.includes('qa_manager') && found.partnershipQa) roles.push('qa_manager');
  if (roles.length === 0) throw notMember(ref);
  if (!can(roles, capability)) throw notAllowed(what);
  const loaded = (await loadCase(db, row.id))!;
  return { person, loaded, roles, profile: loadProfile(row.profile) };
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
