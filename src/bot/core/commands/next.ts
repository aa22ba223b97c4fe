// `next CASE`: the case's coming deadlines, soonest first, with status and standard.
import { evaluate } from '../../../rules/milestones.js';
import { openCase } from '../case-access.js';
import type { HandlerContext } from '../handler.js';
import { requireCaseRef, type ParsedCommand } from '../parse.js';
import type { CoreReply } from '../types.js';
import { renderDeadlines } from '../views/deadlines.js';
import { childrenLabel } from '../views/format.js';

export async function runNext(h: HandlerContext, cmd: ParsedCommand): Promise<CoreReply> {
  const ref = requireCaseRef(cmd, 'next CASE');
  const { case: c, profile } = await openCase(h, ref, 'view_deadlines', "see this case's deadlines");
  const milestones = evaluate(c.facts, profile, h.req.now);
  await h.repo.auditReads([{ caseRef: c.ref, action: 'CASE_DEADLINES_VIEWED', subject: { type: 'case', id: c.id } }]);
  return { view: renderDeadlines(c.ref, childrenLabel(c.facts), milestones) };
}
