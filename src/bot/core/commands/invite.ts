// `invite CASE @person [agency] [sector] [--contact CHILD,…]` and `uninvite CASE @person reason…`, for the case's next
// conference. The invitee gets the attendance card at once (an outbox notice with its buttons).
import { childLabel, SECTORS, type Sector } from '../../../rules/case-facts.js';
import type { Person } from '../../../store/people.js';
import { myInvitation, nextConference, openCase } from '../case-access.js';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import { describeMention, resolveMention, takeMention, type Mention } from '../mentions.js';
import { requireCaseRef, type ParsedCommand } from '../parse.js';
import { can } from '../permissions.js';
import { chatChannelsOf, UNREACHABLE_WORDS, unreachableCode } from '../reach.js';
import type { CoreReply } from '../types.js';
import { renderAttendanceCard } from '../views/attendance-card.js';
import { conferenceInSentence, conferenceLabel, SECTOR_LABEL } from '../views/format.js';
import { requireReason } from './conference-common.js';

export const INVITE_USAGE = 'invite CASE @person [agency] [sector, in lower case] [--contact C1,C2]';
export const UNINVITE_USAGE = 'uninvite CASE @person reason…';

const SECTOR_ALIASES: Record<string, Sector> = { csc: 'childrens_social_care', social_care: 'childrens_social_care', childrens_social_care: 'childrens_social_care', nhs: 'health', school: 'education' };

/** A sector as typed: `police`, `mental-health`, `childrens_social_care`, … */
export function parseSector(word: string): Sector | undefined {
  const w = word.toLowerCase().replace(/['’]/g, '').replace(/-/g, '_');
  return (SECTORS as readonly string[]).includes(w) ? (w as Sector) : SECTOR_ALIASES[w];
}

/**
 * `Wiltshire Police police` → agency "Wiltshire Police", sector police. The sector is the last word
 * when typed in lower case, so `Wiltshire Police` alone stays an agency.
 */
function splitAgencySector(rest: string): { agency?: string; sector?: Sector; unknownSector?: { word: string; agency: string } } {
  const words = rest.replace(/^["']|["']$/g, '').split(/\s+/).filter(Boolean);
  const last = words.at(-1);
  const sector = last && last === last.toLowerCase() ? parseSector(last) : undefined;
  if (last && !sector && words.length > 0 && last === last.toLowerCase() && looksLikeSector(last)) {
    // "polic", "educaton": a mistyped sector, not part of the agency's name.
    throw new CoreError('BAD_SECTOR', `"${last.slice(0, 30)}" is not a sector. Sectors: ${SECTORS.join(', ')}.`, 'sector');
  }
  const agency = (sector ? words.slice(0, -1) : words).join(' ').replace(/^["']|["']$/g, '').trim();
  if (agency.length > 120) throw new CoreError('BAD_AGENCY', 'The agency name can be at most 120 characters.', 'agency');
  // A last word in lower case that is no sector: named if a sector turns out to be needed.
  const unknownSector = !sector && words.length > 1 && last && last === last.toLowerCase() ? { word: last, agency: words.slice(0, -1).join(' ') } : undefined;
  return { agency: agency || undefined, sector, unknownSector };
}

function looksLikeSector(word: string): boolean {
  const w = word.toLowerCase().replace(/-/g, '_');
  return w.length >= 4 && SECTORS.some((s) => s.startsWith(w) || w.startsWith(s.slice(0, 5)));
}

function nameFromEmail(email: string): string {
  return email
    .split('@')[0]!
    .split(/[._-]+/)
    .filter(Boolean)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join(' ')
    .slice(0, 120);
}

async function personFor(h: HandlerContext, mention: Mention, caseId: number, given: ReturnType<typeof splitAgencySector>, ref: string): Promise<{ person: Person; created: boolean }> {
  const found = await resolveMention(h.repo, mention, caseId, h.req.user);
  if (found) return { person: found, created: false };
  if (mention.kind !== 'email') {
    throw new CoreError('UNKNOWN_PERSON', `I don't know ${describeMention(mention)} yet: nobody in Quorum has that chat account. Invite them by email instead: \`invite ${ref} name@agency.example Agency sector\`.`);
  }
  if (!given.sector && given.unknownSector) {
    const { word, agency } = given.unknownSector;
    throw new CoreError('BAD_SECTOR', `"${word.slice(0, 30)}" is not a sector. Give one of: ${SECTORS.join(', ')}, e.g. \`invite ${ref} ${mention.email} ${agency.slice(0, 60)} police\`.`, 'sector');
  }
  if (!given.agency || !given.sector) {
    throw new CoreError(
      'AGENCY_REQUIRED',
      `${mention.email} is new to Quorum: give their agency and sector, e.g. \`invite ${ref} ${mention.email} Agency Name sector\`. Sectors: ${SECTORS.join(', ')}.`,
      given.agency ? 'sector' : 'agency',
    );
  }
  const person = await h.repo.createPerson(ref, { name: nameFromEmail(mention.email), organisation: given.agency, sector: given.sector, email: mention.email }, 'invite');
  return { person, created: true };
}

/** `--contact C1,C2`: which children the professional has direct contact with (refs or initials). */
function takeContact(rest: string): { rest: string; contact: string[] | null } {
  const m = /(?:^|\s)--contact\s+(\S+)/i.exec(rest);
  if (!m) return { rest, contact: null };
  return { rest: (rest.slice(0, m.index) + rest.slice(m.index + m[0].length)).trim(), contact: m[1]!.split(',').map((x) => x.trim()).filter(Boolean) };
}

function resolveChildren(words: string[], children: readonly { ref: string; initials?: string | null }[], ref: string): string[] {
  return words.map((w) => {
    const child = children.find((ch) => ch.ref.toLowerCase() === w.toLowerCase() || (ch.initials ?? '').replace(/\s/g, '').toLowerCase() === w.replace(/\s/g, '').toLowerCase());
    if (!child) throw new CoreError('UNKNOWN_CHILD', `${ref} has no child "${w.slice(0, 20)}". Children: ${children.map((ch) => (ch.initials ? `${ch.ref} (${ch.initials})` : ch.ref)).join(', ')}.`, 'contact');
    return child.ref;
  });
}

export async function runInvite(h: HandlerContext, cmd: ParsedCommand): Promise<CoreReply> {
  const ref = requireCaseRef(cmd, INVITE_USAGE);
  const { mention, rest: afterMention } = takeMention(cmd.rest(1), INVITE_USAGE);
  const { rest, contact } = takeContact(afterMention);
  const given = splitAgencySector(rest);
  const { case: c } = await openCase(h, ref, 'manage_invitations', 'invite people');
  const directContact = contact ? resolveChildren(contact, c.facts.children, c.ref) : null;
  const conf = nextConference(c, h.req.now);
  if (!conf) throw new CoreError('NO_CONFERENCE', `${c.ref} has no conference booked yet. Book one first with \`schedule ${c.ref} initial|review DATE TIME\`.`);
  const { person, created } = await personFor(h, mention, c.id, given, c.ref);
  if (myInvitation(conf, person.id)) throw new CoreError('ALREADY_INVITED', `${person.name} is already invited to the ${conferenceInSentence(conf)}.`);
  const agency = given.agency ?? person.organisation;
  const sector = given.sector ?? parseSector(person.sector) ?? 'other';
  if (!agency) throw new CoreError('AGENCY_REQUIRED', `Which agency does ${person.name} come for? Usage: \`${INVITE_USAGE}\``, 'agency');

  const roles = await h.repo.rolesOnCase(c.id, person.id);
  const role = roles.includes('social_worker') ? 'social_worker' : roles.includes('team_manager') ? 'team_manager' : roles.includes('chair') ? 'chair' : 'professional';
  const { after, invitee } = await h.repo.invite(c, conf, { personId: person.id, agency, sector, role, directContact, membership: can(roles, 'respond_invitation') ? null : 'invitee' }, { newPerson: created });
  const invitedTo = after.facts.conferences.find((f) => f.id === conf.id)!;
  const card = renderAttendanceCard(c.ref, invitedTo, invitee, `You are invited to this conference for ${agency}. Please answer now, and send your written report before the deadline.`);
  await h.repo.enqueueNotices([
    { key: `invitation:${invitee.invitationId}:${h.req.now.toISOString()}`, kind: 'invitation', caseId: c.id, conferenceId: conf.dbId, recipientId: person.id, step: 'invited', dueAt: h.req.now, view: card },
  ]);

  const reach = (await h.repo.reachOf([person.id])).get(person.id);
  const unreachable = unreachableCode(h.deps.channels ?? ['slack', 'teams'], reach);
  const reachable =
    chatChannelsOf(reach).length > 0
      ? 'by chat'
      : !unreachable
        ? 'by email, with a calendar invitation and a link to answer'
        : `Quorum cannot reach them (${UNREACHABLE_WORDS[unreachable]}): the conference admin and chair will be told`;
  return {
    view: {
      fallback: `${c.ref}: ${person.name} invited to the ${conferenceInSentence(conf)}.`,
      blocks: [
        { type: 'header', text: `${c.ref}: ${person.name} invited` },
        {
          type: 'fields',
          fields: [
            { label: 'Conference', value: conferenceLabel(conf) },
            ...(person.email ? [{ label: 'Email', value: person.email }] : []),
            { label: 'Agency', value: agency },
            { label: 'Sector', value: SECTOR_LABEL[sector] ?? sector },
            { label: 'Direct contact with', value: directContact ? c.facts.children.filter((ch) => directContact.includes(ch.ref)).map(childLabel).join(', ') : 'every child' },
          ],
        },
        ...(created ? [{ type: 'context' as const, text: `${person.name} is new to Quorum: the name is taken from the email address until an import gives their real name.` }] : []),
        { type: 'context', text: `Their attendance card is on its way (${reachable}). See everyone invited with \`case ${c.ref}\`.` },
      ],
    },
  };
}

export async function runUninvite(h: HandlerContext, cmd: ParsedCommand): Promise<CoreReply> {
  const ref = requireCaseRef(cmd, UNINVITE_USAGE);
  const { mention, rest } = takeMention(cmd.rest(1), UNINVITE_USAGE);
  const reason = requireReason(rest, UNINVITE_USAGE, 'withdrawing the invitation');
  h.freeText.push(reason);
  const { case: c } = await openCase(h, ref, 'manage_invitations', 'withdraw invitations');
  const conf = nextConference(c, h.req.now);
  if (!conf) throw new CoreError('NO_CONFERENCE', `${c.ref} has no conference booked.`);
  const person = await resolveMention(h.repo, mention, c.id, h.req.user);
  const invitee = person ? myInvitation(conf, person.id) : undefined;
  if (!person || !invitee) throw new CoreError('NOT_INVITED', `${invitee?.name ?? describeMention(mention)} is not invited to the ${conferenceInSentence(conf)}.`);

  await h.repo.uninvite(c, conf, invitee, reason);
  await h.repo.enqueueNotices([
    {
      key: `invitation_withdrawn:${invitee.invitationId}:${h.req.now.toISOString()}`,
      kind: 'invitation_withdrawn',
      caseId: c.id,
      conferenceId: conf.dbId,
      recipientId: person.id,
      step: 'notice',
      dueAt: h.req.now,
      view: { fallback: `${c.ref}: your invitation was withdrawn.`, blocks: [{ type: 'text', text: `${c.ref}: you are no longer invited to the ${conferenceInSentence(conf)}. Ask the conference admin if you think this is a mistake.` }] },
    },
  ]);
  return {
    view: {
      fallback: `${c.ref}: ${invitee.name} is no longer invited.`,
      blocks: [
        { type: 'header', text: `${c.ref}: invitation withdrawn` },
        { type: 'text', text: `${invitee.name} (${invitee.agency}) is no longer invited to the ${conferenceInSentence(conf)}. Reason recorded: ${reason}` },
      ],
    },
  };
}
