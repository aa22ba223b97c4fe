// Who a command names: a Slack mention (`<@U123ABC>`, `<@U123ABC|name>`), a Teams mention
// (`<at>Name</at>`, as the Teams adapter passes it), or an email (plain, or Slack's `<mailto:…|…>`).
import { z } from 'zod';
import type { Person } from '../../store/people.js';
import type { CaseRepository } from '../../store/repository/index.js';
import { CoreError } from './errors.js';
import type { ChatUser } from './types.js';

export type Mention = { kind: 'slack'; userId: string } | { kind: 'teams'; name: string } | { kind: 'email'; email: string };

const SLACK = /^<@([UW][A-Z0-9]{2,20})(?:\|[^>]*)?>/;
const TEAMS = /^<at(?:\s[^>]*)?>([^<]{1,120})<\/at>/i;
const MAILTO = /^<mailto:([^|>\s]{3,254})(?:\|[^>]*)?>/i;
const WORD = /^\S+/;
const emailSchema = z.string().trim().toLowerCase().email().max(254);

/** Reads the mention at the start of `text`; returns it and what follows. */
export function takeMention(text: string, usageText: string): { mention: Mention; rest: string } {
  const s = text.trimStart();
  let m: RegExpExecArray | null;
  if ((m = SLACK.exec(s))) return { mention: { kind: 'slack', userId: m[1]! }, rest: s.slice(m[0].length).trim() };
  if ((m = TEAMS.exec(s))) return { mention: { kind: 'teams', name: m[1]!.trim() }, rest: s.slice(m[0].length).trim() };
  if ((m = MAILTO.exec(s))) return { mention: { kind: 'email', email: checkEmail(m[1]!) }, rest: s.slice(m[0].length).trim() };
  const word = WORD.exec(s)?.[0];
  if (!word) throw new CoreError('BAD_USAGE', `Who? Mention them (@name) or give their email. Usage: \`${usageText}\``);
  if (word.includes('@') && !word.startsWith('@')) return { mention: { kind: 'email', email: checkEmail(word) }, rest: s.slice(word.length).trim() };
  throw new CoreError('BAD_MENTION', `"${word.slice(0, 40)}" is not a mention or an email. Pick the person from the @ list, or give their email. Usage: \`${usageText}\``);
}

function checkEmail(raw: string): string {
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success) throw new CoreError('BAD_EMAIL', `"${raw.slice(0, 60)}" is not an email address.`);
  return parsed.data;
}

export function describeMention(m: Mention): string {
  return m.kind === 'slack' ? `<@${m.userId}>` : m.kind === 'teams' ? m.name : m.email;
}

/** The person a mention names, or undefined when nobody in the store matches. */
export async function resolveMention(repo: CaseRepository, mention: Mention, caseId: number, asker: ChatUser): Promise<Person | undefined> {
  switch (mention.kind) {
    case 'slack': {
      // A Slack mention names a user of the asker's workspace; typed anywhere else, only an id given by import.
      if (asker.platform !== 'slack') return repo.findPersonByChatUser({ platform: 'slack', workspaceId: '', platformUserId: mention.userId }, { importedIds: true });
      const account = { platform: 'slack' as const, workspaceId: asker.workspaceId, platformUserId: mention.userId };
      const known = await repo.findPersonByChatUser(account, { importedIds: asker.homeWorkspace !== false });
      return known ?? (asker.homeWorkspace !== false ? linkByConfirmedEmail(repo, account, asker) : undefined);
    }
    case 'email':
      return repo.findPersonByEmail(mention.email);
    case 'teams':
      return findByName(repo, mention.name, caseId);
  }
}

/**
 * Someone Quorum knows by email but who has not used Slack with it yet: Slack's confirmed address for
 * the mentioned user (of the bot's own workspace) finds them, and links them as their own first use would.
 */
async function linkByConfirmedEmail(repo: CaseRepository, account: { platform: 'slack'; workspaceId: string; platformUserId: string }, asker: ChatUser): Promise<Person | undefined> {
  const email = await asker.lookupEmailOf?.(account.platformUserId);
  const person = email ? await repo.findPersonByEmail(email) : undefined;
  if (person) await repo.linkChatUser({ ...account, personId: person.id, conversationRef: null }, 'email');
  return person;
}

// A Teams mention carries a display name only: one match wins; several are narrowed to the case's
// members; still several means we ask for the email rather than guess.
async function findByName(repo: CaseRepository, name: string, caseId: number): Promise<Person | undefined> {
  const matches = await repo.findPeopleByName(name);
  if (matches.length <= 1) return matches[0];
  const members = new Set((await repo.membersOf(caseId)).map((m) => m.person.id));
  const onCase = matches.filter((p) => members.has(p.id));
  if (onCase.length === 1) return onCase[0];
  throw new CoreError('AMBIGUOUS_PERSON', `More than one person is called ${name}. Give their email instead.`);
}
