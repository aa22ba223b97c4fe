// Mounts the Slack app on the shared HTTP server: Bolt with our own receiver at POST /slack/events,
// the listeners, and the `slack` ChannelSender the dispatcher uses. Off without Slack variables.
import { App, webApi } from '@slack/bolt';
import { slackEnabled } from '../../config.js';
import type { AppContext, Mounted } from '../plugin.js';
import { buildClientOptions, toBoltLogger } from './client.js';
import type { SlackDeps } from './context.js';
import { registerListeners } from './listeners/index.js';
import { SharedServerReceiver } from './receiver.js';
import { createSlackSender } from './sender.js';

export interface SlackMountOptions {
  /** Tests fix the clock; the running app reads it per request. */
  now?: () => Date;
}

export async function mountSlack(ctx: AppContext, opts: SlackMountOptions = {}): Promise<Mounted> {
  const { config } = ctx;
  if (!slackEnabled(config)) return {};
  const log = ctx.log.child({ platform: 'slack' });
  const sdkLogger = toBoltLogger(log);
  const clientOptions = buildClientOptions(config.SLACK_API_URL, sdkLogger);
  const token = config.SLACK_BOT_TOKEN!;
  const client = new webApi.WebClient(token, clientOptions);
  const receiver = new SharedServerReceiver(config.SLACK_SIGNING_SECRET!, log);
  const app = new App({
    receiver,
    // Our own authorize: Bolt's single-token one calls auth.test before each event's ack.
    authorize: async () => ({ botToken: token }),
    clientOptions,
    logger: sdkLogger,
    ignoreSelf: false, // no message listeners, and ignoreSelf would need the bot id (auth.test)
    convoStore: false,
  });
  const deps: SlackDeps = { core: ctx.core, client, log, command: config.SLACK_COMMAND, now: opts.now ?? (() => new Date()) };
  registerListeners(app, deps);
  return { routes: [receiver.route()], senders: [createSlackSender(client)], stop: () => receiver.stop() };
}
