// Where each person can be reached: their people row plus the chat identities they linked. Which
// channel to use is the core's decision (src/bot/core/reach.ts); the store only says what is known.
import { inArray } from 'drizzle-orm';
import type { Executor } from './db.js';
import { chatIdentities, people } from './schema.js';

/** Where a person can be reached. Never carries a child's details. */
export interface Recipient {
  personId: number;
  email: string | null;
  slackUserId: string | null;
  teamsConversationRef: Record<string, unknown> | null;
}

export async function loadRecipients(db: Executor, personIds: number[]): Promise<Map<number, Recipient>> {
  const out = new Map<number, Recipient>();
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return out;
  const [persons, links] = await Promise.all([
    db.select({ id: people.id, email: people.email, slackUserId: people.slackUserId }).from(people).where(inArray(people.id, ids)),
    db.select().from(chatIdentities).where(inArray(chatIdentities.personId, ids)),
  ]);
  for (const p of persons) out.set(p.id, { personId: p.id, email: p.email, slackUserId: p.slackUserId, teamsConversationRef: null });
  const imported = new Set(persons.filter((p) => p.slackUserId).map((p) => p.id));
  // The freshest link wins: one made before workspaces were recorded ('') may be stale.
  const ordered = [...links].sort((a, b) => Number(a.workspaceId !== '') - Number(b.workspaceId !== '') || a.updatedAt.getTime() - b.updatedAt.getTime());
  for (const l of ordered) {
    const r = out.get(l.personId);
    if (!r) continue;
    if (l.platform === 'slack' && !imported.has(l.personId)) r.slackUserId = l.platformUserId;
    if (l.platform === 'teams' && l.conversationRef) r.teamsConversationRef = l.conversationRef;
  }
  return out;
}
