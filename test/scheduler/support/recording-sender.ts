// A ChannelSender that records what it was asked to send (the remote platform is not involved).
import { DeliveryError, type ChannelSender, type View } from '../../../src/bot/core/types.js';

export interface Sent {
  personId: number;
  view: View;
  messageId: string;
}

export interface RecordingSender extends ChannelSender {
  sent: Sent[];
  /** Throw this on the next sends (one per call) instead of sending. */
  failWith: DeliveryError[];
}

let counter = 0;

// Who it reaches is the core's rule (src/bot/core/reach.ts): a Slack id, or a Teams conversation.
export function createRecordingSender(channel: 'slack' | 'teams' = 'slack'): RecordingSender {
  const sender: RecordingSender = {
    channel,
    sent: [],
    failWith: [],
    async send(recipient, view) {
      const failure = sender.failWith.shift();
      if (failure) throw failure;
      const messageId = `${channel}-msg-${++counter}`;
      sender.sent.push({ personId: recipient.personId, view, messageId });
      return { messageId, channelId: `D${recipient.personId}` };
    },
  };
  return sender;
}
