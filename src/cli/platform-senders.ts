// The same Slack, Teams and email senders the server uses, for commands that send (quorum tick).
import { mountSlack } from '../bot/slack/index.js';
import { mountTeams } from '../bot/teams/index.js';
import type { ChannelSender } from '../bot/core/types.js';
import type { Mounted } from '../bot/plugin.js';
import { emailEnabled, loadConfig } from '../config.js';
import { logger } from '../log.js';
import type { Store } from '../store/db.js';

export async function createPlatformSenders(store: Store): Promise<ChannelSender[]> {
  const ctx = { config: loadConfig(), store, log: logger(), core: { store } };
  // Email's page templates and mail client load only when email is on: other commands start as fast as before.
  const email: Promise<Mounted> = emailEnabled(ctx.config) ? (await import('../bot/email/index.js')).mountEmail(ctx) : Promise.resolve({});
  const parts = await Promise.all([mountSlack(ctx), mountTeams(ctx), email]);
  return parts.flatMap((p) => p.senders ?? []);
}
