// Retention: remove what Quorum holds about cases closed long enough ago, keeping a minimal stub
// (reference, closed at, purged at) and the audit trail, which the database will not let go.
import { and, eq, inArray, lt, notInArray, sql } from 'drizzle-orm';
import { addMonthsClamped, londonDate } from '../rules/calendar.js';
import { loadProfile } from '../rules/profiles.js';
import { appendAuditMany } from './audit.js';
import type { Store } from './db.js';
import { caseMembers, cases, chatIdentities, processedRequests, purgedCases } from './schema.js';

import { REPLAY_RETENTION_MS } from './repository/index.js';

export interface PurgeOptions {
  /** Purge cases closed before this London date; unset: each profile's retention (months after closure). */
  closedBefore?: string;
  dryRun?: boolean;
  now: Date;
  actor: string;
  correlationId: string;
}

export interface PurgeResult {
  cases: { ref: string; closedAt: string }[];
  dryRun: boolean;
}

export async function purgeClosedCases(store: Store, o: PurgeOptions): Promise<PurgeResult> {
  return store.db.transaction(async (tx) => {
    const closed = await tx.select().from(cases).where(and(eq(cases.status, 'closed'), o.closedBefore ? lt(cases.closedAt, new Date(`${o.closedBefore}T00:00:00Z`)) : sql`true`));
    const today = londonDate(o.now);
    const due = closed.filter((c) => {
      if (!c.closedAt) return false;
      const closedOn = londonDate(c.closedAt);
      if (o.closedBefore) return closedOn < o.closedBefore;
      return addMonthsClamped(closedOn, loadProfile(c.profile).retentionMonths) <= today;
    });
    const result: PurgeResult = { cases: due.map((c) => ({ ref: c.ref, closedAt: c.closedAt!.toISOString() })), dryRun: Boolean(o.dryRun) };
    if (o.dryRun) return result;
    await tx.delete(processedRequests).where(lt(processedRequests.createdAt, new Date(o.now.getTime() - REPLAY_RETENTION_MS)));
    if (due.length === 0) return result;
    const ids = due.map((c) => c.id);
    const people = (await tx.selectDistinct({ id: caseMembers.personId }).from(caseMembers).where(inArray(caseMembers.caseId, ids))).map((r) => r.id);
    await tx.insert(purgedCases).values(due.map((c) => ({ ref: c.ref, closedAt: c.closedAt, purgedAt: o.now }))).onConflictDoNothing();
    // Children, members, conferences, invitations, events, dissents and nudges go with the case.
    await tx.delete(cases).where(inArray(cases.id, ids));
    // Conversation data of people who are no longer on any case.
    if (people.length) {
      const stillMembers = tx.selectDistinct({ id: caseMembers.personId }).from(caseMembers);
      await tx.delete(chatIdentities).where(and(inArray(chatIdentities.personId, people), notInArray(chatIdentities.personId, stillMembers)));
    }
    await appendAuditMany(
      tx,
      due.map((c) => ({ actor: o.actor, action: 'CASE_PURGED', subjectType: 'case', subjectId: c.id, caseRef: c.ref, correlationId: o.correlationId, detail: { closedAt: c.closedAt!.toISOString() } })),
    );
    return result;
  });
}
