// `next CASE`: the case's coming deadlines, soonest first, with status and standard.
import { evaluate } from '../../../rules/milestones.js';
import { appendAudit } from '../../../store/audit.js';
import { openCase } from '../case-access.js';
import { auditBase, type HandlerContext } from '../handler.js';
import type { ParsedCommand } from '../parse.js';
import { requireCaseRef } from '../parse.js';
import type { CoreReply } from '../types.js';
import { childrenLabel } from '../views/format.js';
import { renderDeadlines } from '../views/deadlines.js';

export async function runNext(h: HandlerContext, cmd: ParsedCommand): Promise<CoreReply> {
  const ref = requireCaseRef(cmd, 'next CASE');
  const access = await openCase(h.tx, ref, h.person, 'view_deadlines', "see this case's deadlines");
  const milestones = evaluate(access.loaded.facts, access.profile, h.req.now);
  await appendAudit(h.tx, { ...auditBase(h, ref), action: 'CASE_DEADLINES_VIEWED', subjectType: 'case', subjectId: access.loaded.row.id });
  return { view: renderDeadlines(ref, childrenLabel(access.loaded), milestones) };
}
