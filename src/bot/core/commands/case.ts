// `case CASE`: conferences, quorum now, reports received and missing by agency.
import { evaluateQuorum } from '../../../rules/quorum.js';
import { appendAudit } from '../../../store/audit.js';
import { loadRecipients } from '../../../store/recipients.js';
import type { Executor } from '../../../store/db.js';
import { myInvitation, nextConference, openCase } from '../case-access.js';
import { auditBase, type HandlerContext } from '../handler.js';
import { can } from '../permissions.js';
import { requireCaseRef, type ParsedCommand } from '../parse.js';
import type { CoreReply } from '../types.js';
import { renderCaseSummary } from '../views/case-summary.js';
import { childrenLabel } from '../views/format.js';

export async function runCase(h: HandlerContext, cmd: ParsedCommand): Promise<CoreReply> {
  const ref = requireCaseRef(cmd, 'case CASE');
  const access = await openCase(h.tx, ref, h.person, 'view_case_summary', 'see this case');
  const { loaded, roles, profile } = access;
  const full = can(roles, 'view_case_full');
  const conf = nextConference(loaded, h.req.now);
  const invitations = conf ? (loaded.invitations.get(conf.id) ?? []) : [];
  const view = renderCaseSummary({
    caseRef: ref,
    children: childrenLabel(loaded),
    profileName: profile.displayName,
    conferences: loaded.facts.conferences,
    next: conf ? { conference: conf, quorum: evaluateQuorum(conf.id, loaded.facts, profile), invitations } : undefined,
    full,
    mine: conf ? myInvitation(loaded, conf.id, h.person.id) : undefined,
    unreachable: full ? pickPlatform(h, await unreachable(h.tx, invitations.map((i) => ({ personId: i.personId, name: i.personName })))) : undefined,
    dissents: can(roles, 'view_dissent') ? loaded.facts.dissents : undefined,
  });
  await appendAudit(h.tx, { ...auditBase(h, ref), action: 'CASE_VIEWED', subjectType: 'case', subjectId: loaded.row.id, detail: { full } });
  return { view };
}

/** Invitees the bot cannot message proactively yet, per platform. */
async function unreachable(db: Executor, invitees: { personId: number; name: string }[]): Promise<{ slack: string[]; teams: string[] }> {
  const reach = await loadRecipients(db, invitees.map((i) => i.personId));
  return {
    slack: invitees.filter((i) => !reach.get(i.personId)?.slackUserId).map((i) => i.name),
    teams: invitees.filter((i) => !reach.get(i.personId)?.teamsConversationRef).map((i) => i.name),
  };
}

function pickPlatform(h: HandlerContext, u: { slack: string[]; teams: string[] }): { platform: string; names: string[] } {
  return h.req.user.platform === 'slack' ? { platform: 'Slack', names: u.slack } : { platform: 'Teams', names: u.teams };
}
