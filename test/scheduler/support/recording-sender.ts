// A ChannelSender that records what it was asked to send (the remote platform is not involved).
import { DeliveryError, type ChannelSender, type Recipient, type View } from '../../../src/bot/core/types.js';

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

export function createRecordingSender(channel: 'slack' | 'teams' = 'slack', canReach: (r: Recipient) => boolean = () => true): RecordingSender {
  const sender: RecordingSender = {
    channel,
    sent: [],
    failWith: [],
    canReach,
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
