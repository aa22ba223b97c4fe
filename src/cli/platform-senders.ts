// The same Slack, Teams and email senders the server uses, for commands that send (quorum tick).
// Each platform's SDK is imported only when this runs: `quorum --help` or `timeline` never load
// Bolt, botbuilder or teams-ai (hundreds of milliseconds of start-up).
import type { ChannelSender } from '../bot/core/types.js';
import type { Mounted } from '../bot/plugin.js';
import { emailEnabled, loadConfig } from '../config.js';
import { logger } from '../log.js';
import type { Store } from '../store/db.js';

export async function createPlatformSenders(store: Store): Promise<ChannelSender[]> {
  const ctx = { config: loadConfig(), store, log: logger(), core: { store } };
  // Email's page templates and mail client load only when email is on: other commands start as fast as before.
  const email: Promise<Mounted> = emailEnabled(ctx.config) ? (await import('../bot/email/index.js')).mountEmail(ctx) : Promise.resolve({});
  const [{ mountSlack }, { mountTeams }] = await Promise.all([import('../bot/slack/index.js'), import('../bot/teams/index.js')]);
  const parts = await Promise.all([mountSlack(ctx), mountTeams(ctx), email]);
  return parts.flatMap((p) => p.senders ?? []);
}
