// Where each person can be reached: their people row plus the chat identities they linked. The one
// answer to "can the bot message this person?", for delivery and for `case` / `invite` alike.
import { inArray } from 'drizzle-orm';
import type { ChannelSender, Recipient } from '../bot/core/types.js';
import type { Executor } from './db.js';
import { chatIdentities, people } from './schema.js';

export async function loadRecipients(db: Executor, personIds: number[]): Promise<Map<number, Recipient>> {
  const out = new Map<number, Recipient>();
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return out;
  const [persons, links] = await Promise.all([
    db.select({ id: people.id, email: people.email, slackUserId: people.slackUserId }).from(people).where(inArray(people.id, ids)),
    db.select().from(chatIdentities).where(inArray(chatIdentities.personId, ids)),
  ]);
  for (const p of persons) out.set(p.id, { personId: p.id, email: p.email, slackUserId: p.slackUserId, teamsConversationRef: null });
  for (const l of links) {
    const r = out.get(l.personId);
    if (!r) continue;
    if (l.platform === 'slack') r.slackUserId ??= l.platformUserId;
    if (l.platform === 'teams' && l.conversationRef) r.teamsConversationRef = l.conversationRef;
  }
  return out;
}

/** The first sender that reaches the person, else the fallback (console). */
export function pickSender(senders: readonly ChannelSender[], fallback: ChannelSender, recipient: Recipient | undefined): ChannelSender {
  if (!recipient) return fallback;
  return senders.find((s) => s.canReach(recipient)) ?? fallback;
}
