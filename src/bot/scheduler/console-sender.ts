// The sender of last resort, for people no platform reaches: logs ids and codes, never the text.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { logger } from '../../log.js';
import type { ChannelSender, Recipient, SendResult, View } from '../core/types.js';

export function createConsoleSender(log: Logger = logger()): ChannelSender {
  return {
    channel: 'console',
    async send(recipient: Recipient, view: View): Promise<SendResult> {
      const messageId = `console-${randomUUID()}`;
      log.info({ code: 'NUDGE_CONSOLE', personId: recipient.personId, blocks: view.blocks.length, messageId }, 'nudge for a person no platform reaches');
      return { messageId };
    },
  };
}
