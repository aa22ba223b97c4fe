// `case CASE`: conferences, quorum now, reports received and missing by agency.
import { evaluate } from '../../../rules/milestones.js';
import { evaluateQuorum } from '../../../rules/quorum.js';
import { myInvitation, nextConference, openCase } from '../case-access.js';
import type { HandlerContext } from '../handler.js';
import { can } from '../permissions.js';
import { requireCaseRef, type ParsedCommand } from '../parse.js';
import { canReachBy, UNREACHABLE_WORDS, unreachableCode } from '../reach.js';
import type { CoreReply } from '../types.js';
import { renderCaseSummary } from '../views/case-summary.js';
import { childrenLabel } from '../views/format.js';

export async function runCase(h: HandlerContext, cmd: ParsedCommand): Promise<CoreReply> {
  const ref = requireCaseRef(cmd, 'case CASE');
  const { case: c, roles, profile } = await openCase(h, ref, 'view_case_summary', 'see this case');
  const full = can(roles, 'view_case_full');
  const conf = nextConference(c, h.req.now);
  const view = renderCaseSummary({
    caseRef: c.ref,
    children: childrenLabel(c.facts),
    profileName: profile.displayName,
    conferences: c.facts.conferences,
    next: conf ? { conference: conf, quorum: evaluateQuorum(conf.id, c.facts, profile) } : undefined,
    full,
    mine: myInvitation(conf, h.person.id),
    unreachable: full && conf ? await unreachableOn(h, conf.invitees) : undefined,
    dissents: can(roles, 'view_dissent') ? c.facts.dissents : undefined,
    notes: can(roles, 'view_notes'),
    notRecorded: evaluate(c.facts, profile, h.req.now).filter((m) => m.notRecorded),
  });
  await h.repo.auditReads([{ caseRef: c.ref, action: 'CASE_VIEWED', subject: { type: 'case', id: c.id }, detail: { full } }]);
  return { view };
}

/**
 * Invitees no channel this Quorum runs can reach (with why: their nudges are stored undeliverable),
 * and those only email reaches. Without a known channel list, chat only is assumed.
 */
async function unreachableOn(h: HandlerContext, invitees: { personId: number; name: string; agency: string }[]): Promise<{ lines: string[]; byEmail: string[] }> {
  const reach = await h.repo.reachOf(invitees.map((i) => i.personId));
  const channels = h.deps.channels ?? ['slack', 'teams'];
  const lines: string[] = [];
  const byEmail: string[] = [];
  for (const i of invitees) {
    const r = reach.get(i.personId);
    const code = unreachableCode(channels, r);
    if (code) lines.push(`${i.name}, ${i.agency}: ${UNREACHABLE_WORDS[code]}`);
    else if (!canReachBy('slack', r) && !canReachBy('teams', r)) byEmail.push(i.name);
  }
  return { lines, byEmail };
}
