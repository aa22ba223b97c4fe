// Mounts the Slack app on the shared HTTP server: Bolt with our own receiver at POST /slack/events,
// the listeners, and the `slack` ChannelSender the dispatcher uses. Off without Slack variables.
// At start, auth.test says which workspace the token is for: only it (and SLACK_ALLOWED_TEAMS) get in.
import { WebClient } from '@slack/web-api';
import { App } from './bolt.js';
import { slackEnabled } from '../../config.js';
import type { AppContext, Mounted } from '../plugin.js';
import { buildClientOptions, toBoltLogger } from './client.js';
import type { SlackDeps } from './context.js';
import { registerListeners } from './listeners/index.js';
import { SLACK_RESPONSE_ORIGIN } from './payloads.js';
import { SharedServerReceiver } from './receiver.js';
import { createSlackSender } from './sender.js';
import { SlackWorkspaces } from './workspaces.js';
import { randomUUID } from 'node:crypto';
import { withCaseRepository } from '../../store/repository/index.js';
import type { SlackLinker } from './sender.js';

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
  const client = new WebClient(token, clientOptions);
  const workspaces = new SlackWorkspaces(config.SLACK_ALLOWED_TEAMS);
  await workspaces.connect(client, log);
  // Replies go to a response_url only on Slack's host (or on the one SLACK_API_URL points at).
  const responseOrigins = [SLACK_RESPONSE_ORIGIN, ...(config.SLACK_API_URL ? [new URL(config.SLACK_API_URL).origin] : [])];
  const receiver = new SharedServerReceiver({ signingSecret: config.SLACK_SIGNING_SECRET!, log, command: config.SLACK_COMMAND, responseOrigins, workspaces });
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
  return {
    routes: [receiver.route()],
    senders: [createSlackSender(client, { homeTeam: () => workspaces.homeTeam, link: linkerFor(ctx) })],
    settled: () => receiver.settled(),
    stop: async () => {
      workspaces.stop();
      await receiver.stop();
    },
  };
}

/** A link found by users.lookupByEmail, stored and audited (CHAT_USER_LINKED, by email) like any other. */
export function linkerFor(ctx: Pick<AppContext, 'store' | 'log'>): SlackLinker {
  return async (personId, workspaceId, slackUserId) => {
    await withCaseRepository(ctx.store, { correlationId: randomUUID(), now: new Date(), source: 'chat', actor: 'system:slack-lookup' }, (repo) =>
      repo.linkChatUser({ platform: 'slack', workspaceId, platformUserId: slackUserId, personId, conversationRef: null }, 'email'),
    );
    ctx.log.info({ code: 'SLACK_LINKED_BY_LOOKUP', personId, workspaceId }, 'a person was linked to Slack by their confirmed email');
  };
}
