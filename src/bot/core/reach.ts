// Who the bot can reach, and how: the one answer for delivery, for `case` (who is unreachable) and
// for `invite` (is the card on its way by chat). The senders ask this too.
import type { Recipient } from '../../store/recipients.js';
import type { Channel, ChannelSender } from './types.js';

export type ChatChannel = Exclude<Channel, 'console'>;

/** A Teams conversation reference good enough to continue a conversation. */
export function isTeamsReference(ref: Record<string, unknown> | null | undefined): ref is Record<string, unknown> & { conversation: object; serviceUrl: string } {
  return Boolean(ref && typeof ref.serviceUrl === 'string' && ref.conversation && typeof ref.conversation === 'object');
}

export function canReachBy(channel: ChatChannel, r: Recipient | undefined): boolean {
  if (!r) return false;
  return channel === 'slack' ? Boolean(r.slackUserId) : isTeamsReference(r.teamsConversationRef);
}

/** The chat channels that reach the person, in order of preference. */
export function chatChannelsOf(r: Recipient | undefined): ChatChannel[] {
  return (['slack', 'teams'] as const).filter((c) => canReachBy(c, r));
}

/** The first sender that reaches the person, else the fallback. */
export function pickSender(senders: readonly ChannelSender[], fallback: ChannelSender, recipient: Recipient | undefined): ChannelSender {
  if (!recipient) return fallback;
  return senders.find((s) => s.channel !== 'console' && canReachBy(s.channel, recipient)) ?? fallback;
}
