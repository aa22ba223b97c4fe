// Link before falling back: a person with an email but no chat reach is looked up on the platforms
// that can (Slack users.lookupByEmail) before email is chosen. A miss is remembered for a day per
// sender, since lookups are rate limited.
import type { Recipient } from '../../store/recipients.js';
import { chatChannelsOf } from '../core/reach.js';
import type { ChannelSender } from '../core/types.js';

// Per sender, people it did not find by email and until when not to ask again (lookups are rate limited).
const notFound = new WeakMap<ChannelSender, Map<number, number>>();
const LOOKUP_AGAIN_MS = 24 * 3600_000;

/** A person with an email but no chat reach is looked up on the platforms (Slack users.lookupByEmail) before email is chosen. */
export async function linkBeforeEmail(senders: readonly ChannelSender[], r: Recipient | undefined, now: Date, cache: Map<number, Recipient>): Promise<Recipient | undefined> {
  if (!r?.email || chatChannelsOf(r).length > 0) return r;
  for (const s of senders) {
    if (!s.discover) continue;
    const misses = notFound.get(s) ?? new Map<number, number>();
    notFound.set(s, misses);
    if ((misses.get(r.personId) ?? 0) > now.getTime()) continue;
    const found = await s.discover(r);
    if (found) {
      cache.set(r.personId, found);
      return found;
    }
    misses.set(r.personId, now.getTime() + LOOKUP_AGAIN_MS);
  }
  return r;
}
