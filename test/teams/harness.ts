// Starts the real Teams endpoint on our own HTTP server against a test database and a fake
// connector, and builds activities shaped exactly as Teams sends them.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { logger } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { importCases } from '../../src/store/import.js';
import { mountTeams } from '../../src/bot/teams/index.js';
import type { TeamsAdapterOptions } from '../../src/bot/teams/adapter.js';
import { localUserId } from '../../src/bot/teams/chat-user.js';
import type { ChannelSender } from '../../src/bot/core/types.js';
import { buildDemoCases, PLAYGROUND_USER } from '../../demo/cases.js';
import { openTestStore, type DbKind, type TestStore } from '../support/databases.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';

export const BOT_ID = '28:00000000-0000-0000-0000-0000000000b0';
export const TENANT_ID = '00000000-0000-0000-0000-0000000000a1';
export const USER = { id: '29:1-user-alex', aadObjectId: PLAYGROUND_USER.aadObjectId, name: 'A. Wilber' };
export const PERSONAL_CONVERSATION = 'a:1personal-chat-alex';
/** Local mode acts as QUORUM_TEAMS_LOCAL_USER (the playground user, by default): its chat link id. */
export const LOCAL_USER_ID = localUserId(PLAYGROUND_USER.email);

export interface TeamsHarness {
  store: TestStore;
  server: RunningServer;
  connector: FakeConnector;
  sender: ChannelSender;
  kicks: number;
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** Resolves when every turn still running after its early answer has finished. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Local mode acting as the playground user unless `env` brings Bot Framework credentials; `opts`
 * points authentication at a fake OpenID authority (test/support/fake-openid.ts).
 */
export async function startTeamsHarness(kind: DbKind, env: Record<string, string> = {}, opts: TeamsAdapterOptions = {}): Promise<TeamsHarness> {
  const store = await openTestStore(kind);
  await importCases(store, buildDemoCases(), { actor: 'test', correlationId: 'seed' });
  const connector = await startFakeConnector();
  const local = env.MICROSOFT_APP_ID ? {} : { QUORUM_TEAMS_LOCAL: 'true', QUORUM_TEAMS_LOCAL_USER: PLAYGROUND_USER.email };
  const config = loadConfig({ NODE_ENV: 'test', ...local, ...env });
  const h = { kicks: 0 } as TeamsHarness;
  const mounted = await mountTeams({ config, store, log: logger(), core: { store, kick: () => h.kicks++ } }, opts);
  const server = await startServer({ port: 0, host: '127.0.0.1', routes: mounted.routes ?? [] });
  return Object.assign(h, {
    store,
    server,
    connector,
    sender: mounted.senders![0]!,
    async post(activity: Record<string, unknown>, headers: Record<string, string> = {}) {
      const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
      const text = await res.text();
      // A message is answered before its turn runs: wait for the turn, so its replies are recorded.
      await mounted.settled?.();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    settled: async () => mounted.settled?.(),
    async stop() {
      await mounted.stop?.();
      await server.close();
      await connector.close();
      await store.close();
    },
  });
}

interface ActivityOpts {
  serviceUrl: string;
  from?: { id: string; aadObjectId?: string; name?: string };
  conversation?: Record<string, unknown>;
  id?: string;
}

function base(o: ActivityOpts) {
  return {
    id: o.id ?? `1${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    localTimezone: 'Europe/London',
    serviceUrl: o.serviceUrl,
    channelId: 'msteams',
    from: o.from ?? USER,
    conversation: o.conversation ?? { conversationType: 'personal', tenantId: TENANT_ID, id: PERSONAL_CONVERSATION },
    recipient: { id: BOT_ID, name: 'Quorum' },
    entities: [{ locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London', type: 'clientInfo' }],
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'en-GB',
  };
}

export function messageActivity(text: string, o: ActivityOpts) {
  return { ...base(o), type: 'message', text, textFormat: 'plain', attachments: [] };
}

/** A channel message: "<at>Quorum</at> next CP-1", with the mention entity Teams adds. */
export function channelMessageActivity(command: string, o: ActivityOpts) {
  const b = base({
    ...o,
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT_ID, id: '19:demo-channel@thread.tacv2;messageid=1700000000000' },
  });
  return {
    ...b,
    type: 'message',
    text: `<at>Quorum</at>&nbsp;${command}\n`,
    textFormat: 'plain',
    attachments: [{ contentType: 'text/html', content: `<div><at id="0">Quorum</at>&nbsp;${command}</div>` }],
    entities: [...b.entities, { type: 'mention', text: '<at>Quorum</at>', mentioned: { id: BOT_ID, name: 'Quorum' } }],
    channelData: { tenant: { id: TENANT_ID }, teamsChannelId: '19:demo-channel@thread.tacv2', teamsTeamId: '19:demo-team@thread.tacv2', channel: { id: '19:demo-channel@thread.tacv2' }, team: { id: '19:demo-team@thread.tacv2' } },
  };
}

/** A click on an Action.Execute button (a universal action), as Teams sends it. */
export function invokeActivity(verb: string, data: Record<string, unknown>, o: ActivityOpts & { replyToId?: string }) {
  return {
    ...base(o),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: o.replyToId ?? 'msg-card-1',
    value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: 'manual' },
  };
}

export function installActivity(o: ActivityOpts) {
  const b = base(o);
  return { ...b, type: 'conversationUpdate', membersAdded: [{ id: BOT_ID }], channelData: { tenant: { id: TENANT_ID } } };
}

/** The first Adaptive Card in a recorded connector call's activity. */
export function cardOf(body: any): any {
  return body?.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** Every piece of text in a card, a line per block (a label and its value on one line): for asserting what the user reads. */
export function cardText(card: any): string {
  const out: string[] = [];
  const walk = (x: any) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    if (x.type === 'TextBlock') out.push(x.text);
    if (x.type === 'RichTextBlock') out.push(x.inlines.map((r: any) => r.text).join(''));
    if (x.type === 'ColumnSet') {
      out.push(x.columns.map((c: any) => cardTextOf(c.items)).join(': '));
      return;
    }
    if (typeof x.title === 'string' && x.type?.startsWith('Action.')) out.push(`[${x.title}]`);
    for (const v of Object.values(x)) if (typeof v === 'object') walk(v);
  };
  walk(card?.body);
  return out.join('\n');
}

function cardTextOf(items: any[]): string {
  return cardText({ body: items });
}

/** Every Action.Execute in a card. */
export function actionsOf(card: any): any[] {
  const out: any[] = [];
  const walk = (x: any) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    if (x.type === 'Action.Execute') out.push(x);
    for (const v of Object.values(x)) if (typeof v === 'object') walk(v);
  };
  walk(card);
  return out;
}
