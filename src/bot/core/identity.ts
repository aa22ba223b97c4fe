// A chat user is a person when the platform-confirmed email (or, in the connected workspace, an id
// given by import) matches one in the store. The link is (platform, workspace, user id), stored and
// audited with its workspace; an unlinked user learns nothing about cases.
import { isDeepStrictEqual } from 'node:util';
import type { Person } from '../../store/people.js';
import type { CaseRepository } from '../../store/repository/index.js';
import { CoreError } from './errors.js';
import type { ChatUser } from './types.js';

export const NOT_LINKED_MESSAGE =
  "I don't know you yet: your chat account's email doesn't match anyone on a case in Quorum. Ask the conference admin to add you with that email.";

export async function resolvePerson(repo: CaseRepository, user: ChatUser): Promise<Person> {
  if (user.platform === 'cli') {
    // The command line acts as the person named by --as EMAIL (a case system, an admin's script).
    const person = user.email ? await repo.findPersonByEmail(user.email) : undefined;
    if (!person) throw new CoreError('NOT_LINKED', `No person with the email ${user.email ?? '(none given)'} is on any case. Pass --as with a member's email.`);
    return person;
  }
  if (user.platform === 'web') {
    // The answer page acts as the person its signed link names (checked by src/bot/email before the core is called).
    const person = /^\d{1,12}$/.test(user.userId) ? await repo.findPersonById(Number(user.userId)) : undefined;
    if (!person) throw new CoreError('NOT_LINKED', 'This link does not name anyone Quorum knows.');
    return person;
  }
  const account = { platform: user.platform, workspaceId: user.workspaceId, platformUserId: user.userId };
  const found = await repo.findChatLink(account, { importedIds: user.homeWorkspace !== false });
  let person: Person;
  let how: 'existing' | 'platform_id' | 'email' = 'existing';
  if (found) {
    person = found.person;
    if (!found.link) how = 'platform_id';
    else if (!user.conversationRef || sameJson(found.link.conversationRef, user.conversationRef)) return person;
  } else {
    // Anyone can put any address on a profile: only one the platform says they confirmed links.
    if (user.emailConfirmed === false || !user.workspaceId) throw new CoreError('NOT_LINKED', NOT_LINKED_MESSAGE);
    const email = user.email ?? (user.lookupEmail ? await user.lookupEmail().catch(() => null) : null);
    const byEmail = email ? await repo.findPersonByEmail(email) : undefined;
    if (!byEmail) throw new CoreError('NOT_LINKED', NOT_LINKED_MESSAGE);
    person = byEmail;
    how = 'email';
  }
  repo.actAs(`person:${person.id}`);
  await repo.linkChatUser({ ...account, personId: person.id, conversationRef: user.conversationRef ?? null }, how);
  return person;
}

/** jsonb keeps its own key order, and JSON drops undefined: compare what would be stored. */
function sameJson(stored: unknown, incoming: unknown): boolean {
  return isDeepStrictEqual(stored, JSON.parse(JSON.stringify(incoming)));
}
