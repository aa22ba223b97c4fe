// Report buttons: submitted, shared with the family, or withheld with a reason. Each is recorded
// once: a second click keeps the first time.
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../../store/audit.js';
import { invitations } from '../../../store/schema.js';
import { CoreError } from '../errors.js';
import { auditBase, type HandlerContext } from '../handler.js';
import type { ActionPayload, CoreReply } from '../types.js';
import { evaluate } from '../../../rules/milestones.js';
import { renderAttendanceCard, reportDeadlineLines } from '../views/attendance-card.js';
import { openMyInvitation } from './respond.js';

type ReportChange = { kind: 'submitted' } | { kind: 'shared' } | { kind: 'withheld'; reason: string };

export async function recordReport(h: HandlerContext, p: ActionPayload, change: ReportChange): Promise<CoreReply> {
  const { access, conf, invitation } = await openMyInvitation(h, p, 'update your report');
  let patch: Partial<typeof invitations.$inferInsert> | null = null;
  let action = '';
  if (change.kind === 'submitted' && !invitation.reportSubmittedAt) {
    patch = { reportSubmittedAt: h.req.now };
    action = 'REPORT_SUBMITTED';
  } else if (change.kind !== 'submitted') {
    if (!invitation.reportSubmittedAt) throw new CoreError('REPORT_NOT_SUBMITTED', 'Mark your report as submitted first.');
    if (change.kind === 'shared' && !invitation.reportSharedAt) {
      patch = { reportSharedAt: h.req.now, reportWithheldReason: null };
      action = 'REPORT_SHARED';
    } else if (change.kind === 'withheld' && !invitation.reportSharedAt) {
      patch = { reportWithheldReason: change.reason };
      action = 'REPORT_WITHHELD';
    }
  }
  if (patch) {
    const [updated] = await h.tx.update(invitations).set(patch).where(eq(invitations.id, invitation.id)).returning();
    Object.assign(invitation, updated);
    await appendAudit(h.tx, { ...auditBase(h, p.c), action, subjectType: 'invitation', subjectId: invitation.id, detail: { conference: conf.id } });
    h.changedCaseIds.add(access.loaded.row.id);
  }
  return { view: renderAttendanceCard(p.c, conf, invitation, patch ? 'Thank you: recorded.' : 'No change: that was already recorded.', reportDeadlineLines(evaluate(access.loaded.facts, access.profile, h.req.now), conf.id, invitation)), replace: true };
}
