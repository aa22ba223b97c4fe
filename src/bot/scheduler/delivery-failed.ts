// When a nudge finally fails (a permanent platform error, or no attempts left) a person is told, so
// that no reminder is lost silently: the case's conference admin, else its chair, else its team
// manager. The notice is an outbox row of its own kind, keyed by the failed row and the person, so
// it is written once however often the failure is recorded. It names the case, the kind of message
// and the professional it could not reach: never a child.
import { and, eq, inArray } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Role } from '../../rules/roles.js';
import type { Executor } from '../../store/db.js';
import { enqueue } from '../../store/outbox.js';
import { caseMembers, cases, people } from '../../store/schema.js';
import type { View } from '../core/types.js';

export const DELIVERY_FAILED_KIND = 'delivery_failed';

// Who hears of a failure, in order: the first role with someone other than the failed recipient.
const REPORT_ROLES: readonly Role[] = ['conference_admin', 'chair', 'team_manager'];

const KIND_LABELS: Record<string, string> = {
  report_due: 'report reminder',
  report_overdue: 'missing reports notice',
  report_share: 'report sharing reminder',
  reply_chase: 'reply reminder',
  quorum: 'quorum alert',
  quorum_change: 'quorum notice',
  timescale: 'timescale reminder',
  invitation: 'conference invitation',
  conference_moved: 'notice that the conference moved',
  conference_cancelled: 'notice that the conference was cancelled',
  invitation_withdrawn: 'notice that an invitation was withdrawn',
  unreachable_report: 'report of people Quorum cannot reach',
};

export interface FailedNudge {
  id: number;
  kind: string;
  step: string;
  caseId: number;
  conferenceId: number | null;
  recipientId: number;
  attempts: number;
  code: string;
  permanent: boolean;
}

export interface FailureReport {
  /** Who the notice goes to (empty: nobody could be told; the log says so at error level). */
  to: number[];
  role?: Role;
}

/** Writes the notices of one failure, in the caller's transaction (the one that marks the row failed). */
export async function reportDeliveryFailure(db: Executor, failed: FailedNudge, now: Date, log: Logger): Promise<FailureReport> {
  // A notice that cannot be delivered is not reported in turn: failures would chase each other.
  if (failed.kind === DELIVERY_FAILED_KIND) {
    log.error({ code: 'DELIVERY_FAILURE_UNREPORTED', nudgeId: failed.id, reason: 'NOTICE_FAILED' }, 'a delivery failure notice could not be delivered');
    return { to: [] };
  }
  const [members, [info]] = await Promise.all([
    db.select({ personId: caseMembers.personId, role: caseMembers.role }).from(caseMembers).where(and(eq(caseMembers.caseId, failed.caseId), inArray(caseMembers.role, [...REPORT_ROLES]))),
    db.select({ ref: cases.ref, name: people.name, agency: people.organisation }).from(cases).leftJoin(people, eq(people.id, failed.recipientId)).where(eq(cases.id, failed.caseId)),
  ]);
  const pick = pickReportRole(members, failed.recipientId);
  if (!pick || !info) {
    log.error({ code: 'DELIVERY_FAILURE_UNREPORTED', nudgeId: failed.id, caseId: failed.caseId, reason: 'NO_ONE_TO_TELL' }, 'a nudge failed and the case has nobody else to tell');
    return { to: [] };
  }
  const view = deliveryFailedView(info.ref, { name: info.name ?? 'a professional', agency: info.agency ?? '' }, failed, pick.role);
  await enqueue(
    db,
    pick.people.map((personId) => ({
      key: `${DELIVERY_FAILED_KIND}:n${failed.id}:p${personId}`,
      kind: DELIVERY_FAILED_KIND,
      caseId: failed.caseId,
      conferenceId: failed.conferenceId,
      recipientId: personId,
      step: 'notice',
      dueAt: now,
      view,
      meta: { failedNudgeId: failed.id, code: failed.code },
    })),
  );
  log.warn({ code: 'DELIVERY_FAILURE_REPORTED', nudgeId: failed.id, role: pick.role, to: pick.people }, 'a failed nudge was reported on the case');
  return { to: pick.people, role: pick.role };
}

export function pickReportRole(members: { personId: number; role: Role }[], failedRecipient: number): { role: Role; people: number[] } | undefined {
  for (const role of REPORT_ROLES) {
    const found = [...new Set(members.filter((m) => m.role === role && m.personId !== failedRecipient).map((m) => m.personId))];
    if (found.length) return { role, people: found };
  }
  return undefined;
}

function deliveryFailedView(ref: string, recipient: { name: string; agency: string }, f: FailedNudge, role: Role): View {
  const what = KIND_LABELS[f.kind] ?? 'message';
  const who = recipient.agency ? `${recipient.name} (${recipient.agency})` : recipient.name;
  const times = `${f.attempts} time${f.attempts === 1 ? '' : 's'}`;
  const why = f.permanent ? `The platform refused it (${f.code}).` : f.code === 'SEND_INTERRUPTED' ? `Sending it was interrupted ${times}.` : `It failed ${times} (${f.code}).`;
  const whyYou =
    role === 'conference_admin'
      ? 'You hear of this as the conference admin for the case.'
      : `You hear of this as the case's ${role === 'chair' ? 'chair' : 'team manager'}: the conference admin is the person it could not reach, or the case has none.`;
  return {
    fallback: `${ref}: a ${what} to ${who} could not be delivered.`,
    blocks: [
      { type: 'header', text: `${ref}: a message was not delivered` },
      { type: 'text', text: `*Quorum could not deliver a ${what} to ${who}.* ${why} Please make sure they know by another route.` },
      {
        type: 'fields',
        fields: [
          { label: 'Case', value: ref },
          { label: 'Message', value: `${f.kind}, ${f.step} (nudge ${f.id})` },
        ],
      },
      { type: 'context', text: whyYou },
    ],
  };
}
