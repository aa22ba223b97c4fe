// A running Slack endpoint for tests: a real store (either driver) seeded with importCases, the
// real routes from mountSlack on the real HTTP server, and the fake Web API on 127.0.0.1. Helpers
// send signed requests the way Slack does: slash commands and interactions as forms, events as JSON.
import { createHmac, randomBytes } from 'node:crypto';
import type { Button, KnownBlock } from '@slack/types';
import { loadConfig } from '../../../src/config.js';
import { logger } from '../../../src/log.js';
import type { AppContext, Mounted } from '../../../src/bot/plugin.js';
import { mountSlack } from '../../../src/bot/slack/index.js';
import { startServer, type RunningServer } from '../../../src/server.js';
import { importCases } from '../../../src/store/import.js';
import { openTestStore, type DbKind, type TestStore } from '../../support/databases.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEAM = 'T0TEST';

export interface Harness {
  store: TestStore;
  fake: FakeSlack;
  server: RunningServer;
  mounted: Mounted;
  kicks: number;
  post(body: string, opts?: { contentType?: string; timestamp?: number; secret?: string; headers?: Record<string, string> }): Promise<Response>;
  command(user: string, text: string, opts?: { triggerId?: string; responseId?: string; headers?: Record<string, string> } & From): Promise<Response>;
  click(user: string, button: Button, opts?: { actionTs?: string; responseId?: string; container?: Record<string, unknown>; view?: Record<string, unknown>; headers?: Record<string, string> } & From): Promise<Response>;
  submit(user: string, view: Record<string, any>, values: Record<string, Record<string, unknown>>, opts?: { headers?: Record<string, string> } & From): Promise<Response>;
  event(event: Record<string, unknown>, opts?: { headers?: Record<string, string> } & From): Promise<Response>;
  close(): Promise<void>;
}

/** The workspace a request comes from (TEAM unless said), and the user's own team (Slack Connect). */
export interface From {
  team?: string;
  userTeam?: string;
}

export interface HarnessOptions {
  /** More configuration, e.g. SLACK_ALLOWED_TEAMS. */
  env?: Record<string, string>;
  /** Runs before Slack is mounted: set what auth.test answers, or make it fail. */
  beforeMount?: (fake: FakeSlack) => void;
}

export async function startHarness(kind: DbKind, seed: unknown, now: Date, opts: HarnessOptions = {}): Promise<Harness> {
  const store = await openTestStore(kind);
  await importCases(store, seed, { actor: 'test', correlationId: 'seed' });
  const fake = await startFakeSlack();
  opts.beforeMount?.(fake);
  const config = loadConfig({ NODE_ENV: 'test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: fake.apiUrl, QUORUM_LOG_LEVEL: 'silent', ...opts.env });
  const h = { kicks: 0 } as Harness;
  const ctx: AppContext = { config, store, log: logger(), core: { store, kick: () => void (h.kicks += 1) } };
  const mounted = await mountSlack(ctx, { now: () => now });
  // auth.test at start is no request's doing: tests count the calls requests make.
  fake.calls.length = 0;
  const server = await startServer({ port: 0, host: '127.0.0.1', routes: mounted.routes ?? [] });
  let seq = 0;
  const next = () => `${Date.now()}.${String(++seq).padStart(6, '0')}`;

  const post: Harness['post'] = (body, opts = {}) => {
    return signedPost(server.url, body, opts);
  };
  const interaction = (payload: unknown, headers?: Record<string, string>) => post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), { headers });

  Object.assign(h, {
    store,
    fake,
    server,
    mounted,
    post,
    command: (user, text, opts = {}) =>
      post(
        new URLSearchParams({
          token: 'legacy',
          team_id: opts.team ?? TEAM,
          team_domain: 'test',
          channel_id: `D${user.slice(1)}`,
          channel_name: 'directmessage',
          user_id: user,
          user_name: user.toLowerCase(),
          command: '/cp',
          text,
          api_app_id: 'A0QUORUM',
          response_url: fake.responseUrl(opts.responseId ?? `cmd-${++seq}`),
          trigger_id: opts.triggerId ?? `trig.${randomBytes(6).toString('hex')}`,
        }).toString(),
        { headers: opts.headers },
      ),
    click: (user, button, opts = {}) =>
      interaction(
        {
          type: 'block_actions',
          team: { id: opts.team ?? TEAM, domain: 'test' },
          user: { id: user, username: user.toLowerCase(), team_id: opts.userTeam ?? opts.team ?? TEAM },
          api_app_id: 'A0QUORUM',
          token: 'legacy',
          trigger_id: `trig.${randomBytes(6).toString('hex')}`,
          container: opts.container ?? { type: 'message', message_ts: '1700000000.000001', channel_id: `D${user.slice(1)}`, is_ephemeral: true },
          ...(opts.view ? { view: opts.view } : { channel: { id: `D${user.slice(1)}` }, response_url: fake.responseUrl(opts.responseId ?? `click-${++seq}`) }),
          actions: [{ type: 'button', action_id: button.action_id, block_id: 'quorum_actions_x', value: button.value, text: button.text, action_ts: opts.actionTs ?? next() }],
        },
        opts.headers,
      ),
    submit: (user, view, values, opts = {}) =>
      interaction(
        {
          type: 'view_submission',
          team: { id: opts.team ?? TEAM, domain: 'test' },
          user: { id: user, username: user.toLowerCase(), team_id: opts.userTeam ?? opts.team ?? TEAM },
          api_app_id: 'A0QUORUM',
          token: 'legacy',
          trigger_id: `trig.${randomBytes(6).toString('hex')}`,
          view: { id: view.id ?? 'V00000001', team_id: TEAM, type: 'modal', hash: view.hash ?? 'h1', ...view, state: { values } },
          response_urls: [],
        },
        opts.headers,
      ),
    event: (event, opts = {}) =>
      post(JSON.stringify({ token: 'legacy', team_id: opts.team ?? TEAM, api_app_id: 'A0QUORUM', type: 'event_callback', event_id: `Ev${++seq}`, event_time: Math.floor(Date.now() / 1000), event, authorizations: [{ team_id: opts.team ?? TEAM, user_id: 'UQUORUMBOT', is_bot: true }] }), {
        contentType: 'application/json',
        headers: opts.headers,
      }),
    close: async () => {
      await mounted.stop?.();
      await server.close();
      await fake.close();
      await store.close();
    },
  } satisfies Omit<Harness, 'kicks'>);
  return h;
}

/** POSTs to /slack/events signed the way Slack signs (v0, HMAC-SHA256 of `v0:ts:body`). */
export function signedPost(baseUrl: string, body: string, opts: { contentType?: string; timestamp?: number; secret?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', opts.secret ?? SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': opts.contentType ?? 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature, ...(opts.headers ?? {}) },
    body,
  });
}

/** The buttons in some rendered blocks, by core action id (`attend`, `decline`, …). */
export function buttonFor(blocks: KnownBlock[] | undefined, actionId: string): Button {
  for (const b of blocks ?? []) {
    if (b.type !== 'actions') continue;
    for (const e of b.elements) if (e.type === 'button' && e.action_id?.startsWith(`quorum:${actionId}:`)) return e;
  }
  throw new Error(`no ${actionId} button`);
}

/** Every text in some blocks, for assertions on what the user reads. */
export function textOf(blocks: unknown): string {
  const found = JSON.stringify(blocks ?? []).match(/"text":"((?:[^"\\]|\\.)*)"/g) ?? [];
  return found.map((m) => JSON.parse(m.slice(7)) as string).join('\n');
}
