// Who the bot can reach, and how: the one answer for delivery, for `case` (who is unreachable) and
// for `invite` (is the card on its way by chat). Chat comes first (a person on both gets chat);
// email is the fallback for the professionals outside the council's workspace.
import type { Recipient } from '../../store/recipients.js';
import type { Channel, ChannelSender } from './types.js';

export type ChatChannel = Extract<Channel, 'slack' | 'teams'>;

/** A Teams conversation reference good enough to continue a conversation. */
export function isTeamsReference(ref: Record<string, unknown> | null | undefined): ref is Record<string, unknown> & { conversation: object; serviceUrl: string } {
  return Boolean(ref && typeof ref.serviceUrl === 'string' && ref.conversation && typeof ref.conversation === 'object');
}

export function canReachBy(channel: Channel, r: Recipient | undefined): boolean {
  if (!r) return false;
  if (channel === 'slack') return Boolean(r.slackUserId);
  if (channel === 'teams') return isTeamsReference(r.teamsConversationRef);
  return Boolean(r.email);
}

/** The chat channels that reach the person, in order of preference. */
export function chatChannelsOf(r: Recipient | undefined): ChatChannel[] {
  return (['slack', 'teams'] as const).filter((c) => canReachBy(c, r));
}

const PREFERENCE: readonly Channel[] = ['slack', 'teams', 'email'];

/** The sender that reaches the person: chat before email. None: the nudge is undeliverable. */
export function pickSender(senders: readonly ChannelSender[], recipient: Recipient | undefined): ChannelSender | undefined {
  if (!recipient) return undefined;
  for (const channel of PREFERENCE) {
    const sender = senders.find((s) => s.channel === channel);
    if (sender && canReachBy(channel, recipient)) return sender;
  }
  return undefined;
}

/** Why nobody can reach a person, as a stable code (the report to the admin says it in words). */
export type UnreachableCode = 'NO_CHAT_NO_EMAIL' | 'EMAIL_NOT_CONFIGURED';

export const UNREACHABLE_WORDS: Record<UnreachableCode, string> = {
  NO_CHAT_NO_EMAIL: 'no chat account and no email',
  EMAIL_NOT_CONFIGURED: 'no chat account, and email is not turned on in Quorum',
};

/** Null when one of the channels this Quorum runs reaches them. */
export function unreachableCode(channels: readonly Channel[], r: Recipient | undefined): UnreachableCode | null {
  if (channels.some((c) => canReachBy(c, r))) return null;
  return r?.email ? 'EMAIL_NOT_CONFIGURED' : 'NO_CHAT_NO_EMAIL';
}
