// The same Slack, Teams and email senders the server uses, for commands that send (quorum tick).
import { mountSlack } from '../bot/slack/index.js';
import { mountTeams } from '../bot/teams/index.js';
import { mountEmail } from '../bot/email/index.js';
import type { ChannelSender } from '../bot/core/types.js';
import { loadConfig } from '../config.js';
import { logger } from '../log.js';
import type { Store } from '../store/db.js';

export async function createPlatformSenders(store: Store): Promise<ChannelSender[]> {
  const ctx = { config: loadConfig(), store, log: logger(), core: { store } };
  const parts = await Promise.all([mountSlack(ctx), mountTeams(ctx), mountEmail(ctx)]);
  return parts.flatMap((p) => p.senders ?? []);
}
