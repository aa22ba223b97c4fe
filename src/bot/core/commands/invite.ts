// `invite CASE @person [agency] [sector]` and `uninvite CASE @person reason…`, for the case's next
// conference. The invitee gets the attendance card at once (an outbox notice with its buttons).
import { and, eq, isNull, ne } from 'drizzle-orm';
import { SECTORS, type Sector } from '../../../rules/case-facts.js';
import { appendAudit } from '../../../store/audit.js';
import type { InvitationRow } from '../../../store/cases.js';
import { addMember, rolesOnCase, upsertPerson, type Person } from '../../../store/people.js';
import { loadRecipients } from '../../../store/recipients.js';
import { caseMembers, conferences, invitations } from '../../../store/schema.js';
import { nextConference, openCase } from '../case-access.js';
import { CoreError } from '../errors.js';
import { auditBase, type HandlerContext } from '../handler.js';
import { describeMention, resolveMention, takeMention, type Mention } from '../mentions.js';
import { enqueue } from '../outbox.js';
import { requireCaseRef, type ParsedCommand } from '../parse.js';
import { can } from '../permissions.js';
import type { CoreReply } from '../types.js';
import { renderAttendanceCard } from '../views/attendance-card.js';
import { conferenceLabel, SECTOR_LABEL } from '../views/format.js';
import { requireReason } from './conference-common.js';

export const INVITE_USAGE = 'invite CASE @person [agency] [sector, in lower case]';
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
function splitAgencySector(rest: string): { agency?: string; sector?: Sector } {
  const words = rest.replace(/^["']|["']$/g, '').split(/\s+/).filter(Boolean);
  const last = words.at(-1);
  const sector = last && last === last.toLowerCase() ? parseSector(last) : undefined;
  if (last && !sector && words.length > 0 && last === last.toLowerCase() && looksLikeSector(last)) {
    // "polic", "educaton": a mistyped sector, not part of the agency's name.
    throw new CoreError('BAD_SECTOR', `"${last.slice(0, 30)}" is not a sector. Sectors: ${SECTORS.join(', ')}.`, 'sector');
  }
  const agency = (sector ? words.slice(0, -1) : words).join(' ').replace(/^["']|["']$/g, '').trim();
  if (agency.length > 120) throw new CoreError('BAD_AGENCY', 'The agency name can be at most 120 characters.', 'agency');
  return { agency: agency || undefined, sector };
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

async function personFor(h: HandlerContext, mention: Mention, caseId: number, given: { agency?: string; sector?: Sector }, ref: string): Promise<{ person: Person; created: boolean }> {
  const found = await resolveMention(h.tx, mention, caseId);
  if (found) return { person: found, created: false };
  if (mention.kind !== 'email') {
    throw new CoreError('UNKNOWN_PERSON', `I don't know ${describeMention(mention)} yet: nobody in Quorum has that chat account. Invite them by email instead: \`invite ${ref} name@agency.example Agency sector\`.`);
  }
  if (!given.agency || !given.sector) {
    throw new CoreError(
      'AGENCY_REQUIRED',
      `${mention.email} is new to Quorum: give their agency and sector, e.g. \`invite ${ref} ${mention.email} Agency Name sector\`. Sectors: ${SECTORS.join(', ')}.`,
      given.agency ? 'sector' : 'agency',
    );
  }
  const { person } = await upsertPerson(h.tx, { name: nameFromEmail(mention.email), organisation: given.agency, sector: given.sector, email: mention.email });
  await appendAudit(h.tx, { ...auditBase(h, ref), action: 'PERSON_CREATED', subjectType: 'person', subjectId: person.id, detail: { via: 'invite' } });
  return { person, created: true };
}

export async function runInvite(h: HandlerContext, cmd: ParsedCommand): Promise<CoreReply> {
  const ref = requireCaseRef(cmd, INVITE_USAGE);
  const { mention, rest } = takeMention(cmd.rest(1), INVITE_USAGE);
  const given = splitAgencySector(rest);
  const { loaded } = await openCase(h.tx, ref, h.person, 'manage_invitations', 'invite people');
  const conf = nextConference(loaded, h.req.now);
  if (!conf) throw new CoreError('NO_CONFERENCE', `${ref} has no conference booked yet. Book one first with \`schedule ${ref} initial|review DATE TIME\`.`);
  const confRow = loaded.conferences.get(conf.id)!;
  const { person, created } = await personFor(h, mention, loaded.row.id, given, ref);
  if (loaded.invitations.get(conf.id)?.some((i) => i.personId === person.id)) {
    throw new CoreError('ALREADY_INVITED', `${person.name} is already invited to the ${conferenceLabel(conf)}.`);
  }
  const agency = given.agency ?? person.organisation;
  const sector = given.sector ?? parseSector(person.sector) ?? 'other';
  if (!agency) throw new CoreError('AGENCY_REQUIRED', `Which agency does ${person.name} come for? Usage: \`${INVITE_USAGE}\``, 'agency');

  const roles = await rolesOnCase(h.tx, loaded.row.id, person.id);
  if (!can(roles, 'respond_invitation')) await addMember(h.tx, loaded.row.id, person.id, 'invitee');
  const role = roles.includes('social_worker') ? 'social_worker' : roles.includes('team_manager') ? 'team_manager' : roles.includes('chair') ? 'chair' : 'professional';
  const values = { agency, sector, role, response: 'no_reply', deputy: null, respondedAt: null, reportSubmittedAt: null, reportSharedAt: null, reportWithheldReason: null, removedAt: null, removedReason: null };
  // An earlier, removed invitation to the same conference comes back fresh.
  const [invitation] = await h.tx
    .insert(invitations)
    .values({ conferenceId: confRow.id, personId: person.id, ...values })
    .onConflictDoUpdate({ target: [invitations.conferenceId, invitations.personId], set: values })
    .returning();
  // The first invitation out is when "invitations sent" is met.
  if (!confRow.invitationsSentAt) await h.tx.update(conferences).set({ invitationsSentAt: h.req.now, updatedAt: h.req.now }).where(eq(conferences.id, confRow.id));
  const card = renderAttendanceCard(ref, conf, invitation as InvitationRow, `You are invited to this conference for ${agency}. Please answer now, and send your written report before the deadline.`);
  await enqueue(h.tx, [
    { key: `invitation:${invitation!.id}:${h.req.now.toISOString()}`, kind: 'invitation', caseId: loaded.row.id, conferenceId: confRow.id, recipientId: person.id, step: 'invited', dueAt: h.req.now, view: card },
  ]);
  await appendAudit(h.tx, { ...auditBase(h, ref), action: 'INVITATION_CREATED', subjectType: 'invitation', subjectId: invitation!.id, detail: { conference: conf.id, personId: person.id, sector, newPerson: created } });
  h.changedCaseIds.add(loaded.row.id);

  const reach = (await loadRecipients(h.tx, [person.id])).get(person.id);
  const onChat = Boolean(reach?.slackUserId || reach?.teamsConversationRef);
  const reachable = onChat ? 'by chat' : 'they are not on chat yet: they will find it under `mine` when they first use Quorum';
  return {
    view: {
      fallback: `${ref}: ${person.name} invited to the ${conferenceLabel(conf)}.`,
      blocks: [
        { type: 'header', text: `${ref}: ${person.name} invited` },
        { type: 'fields', fields: [ { label: 'Conference', value: conferenceLabel(conf) }, { label: 'Agency', value: agency }, { label: 'Sector', value: SECTOR_LABEL[sector] ?? sector } ] },
        { type: 'context', text: `Their attendance card is on its way (${reachable}). See everyone invited with \`case ${ref}\`.` },
      ],
    },
  };
}

export async function runUninvite(h: HandlerContext, cmd: ParsedCommand): Promise<CoreReply> {
  const ref = requireCaseRef(cmd, UNINVITE_USAGE);
  const { mention, rest } = takeMention(cmd.rest(1), UNINVITE_USAGE);
  const reason = requireReason(rest, UNINVITE_USAGE, 'withdrawing the invitation');
  const { loaded } = await openCase(h.tx, ref, h.person, 'manage_invitations', 'withdraw invitations');
  const conf = nextConference(loaded, h.req.now);
  if (!conf) throw new CoreError('NO_CONFERENCE', `${ref} has no conference booked.`);
  const person = await resolveMention(h.tx, mention, loaded.row.id);
  const invitation = person ? loaded.invitations.get(conf.id)?.find((i) => i.personId === person.id) : undefined;
  if (!person || !invitation) throw new CoreError('NOT_INVITED', `${person?.name ?? describeMention(mention)} is not invited to the ${conferenceLabel(conf)}.`);

  await h.tx.update(invitations).set({ removedAt: h.req.now, removedReason: reason }).where(eq(invitations.id, invitation.id));
  // Someone invited by mistake stops seeing the case once no invitation of theirs remains.
  const others = await h.tx
    .select({ id: invitations.id })
    .from(invitations)
    .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
    .where(and(eq(conferences.caseId, loaded.row.id), eq(invitations.personId, person.id), isNull(invitations.removedAt), ne(invitations.id, invitation.id)));
  if (others.length === 0) {
    await h.tx.delete(caseMembers).where(and(eq(caseMembers.caseId, loaded.row.id), eq(caseMembers.personId, person.id), eq(caseMembers.role, 'invitee')));
  }
  await enqueue(h.tx, [
    {
      key: `invitation_withdrawn:${invitation.id}:${h.req.now.toISOString()}`,
      kind: 'invitation_withdrawn',
      caseId: loaded.row.id,
      conferenceId: invitation.conferenceId,
      recipientId: person.id,
      step: 'notice',
      dueAt: h.req.now,
      view: { fallback: `${ref}: your invitation was withdrawn.`, blocks: [{ type: 'text', text: `${ref}: you are no longer invited to the ${conferenceLabel(conf)}. Ask the conference admin if you think this is a mistake.` }] },
    },
  ]);
  await appendAudit(h.tx, { ...auditBase(h, ref), action: 'INVITATION_WITHDRAWN', subjectType: 'invitation', subjectId: invitation.id, detail: { conference: conf.id, personId: person.id } });
  h.changedCaseIds.add(loaded.row.id);
  return {
    view: {
      fallback: `${ref}: ${person.name} is no longer invited.`,
      blocks: [
        { type: 'header', text: `${ref}: invitation withdrawn` },
        { type: 'text', text: `${person.name} (${invitation.agency}) is no longer invited to the ${conferenceLabel(conf)}. Reason recorded: ${reason}` },
      ],
    },
  };
}
