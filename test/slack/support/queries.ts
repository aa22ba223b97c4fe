// Reads the store directly, to check what a Slack request wrote (and did not write).
import { and, eq } from 'drizzle-orm';
import { listAudit } from '../../../src/store/audit.js';
import type { Store } from '../../../src/store/db.js';
import { cases, conferences, dissents, invitations, nudges, people } from '../../../src/store/schema.js';

export async function auditActions(store: Store, caseRef: string, action: string): Promise<number> {
  return (await listAudit(store.db, caseRef)).filter((a) => a.action === action).length;
}

/** A person's answers to the conferences of one case. */
export async function responseOf(store: Store, email: string, caseRef: string): Promise<string[]> {
  const rows = await store.db
    .select({ response: invitations.response })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
    .innerJoin(cases, eq(cases.id, conferences.caseId))
    .where(and(eq(people.email, email), eq(cases.ref, caseRef)));
  return rows.map((r) => r.response);
}

export async function countDissents(store: Store): Promise<number> {
  return (await store.db.select({ id: dissents.id }).from(dissents)).length;
}

export async function outboxKinds(store: Store): Promise<string[]> {
  return (await store.db.select({ kind: nudges.kind }).from(nudges)).map((r) => r.kind);
}
