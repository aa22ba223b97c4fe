// Teams local mode (QUORUM_TEAMS_LOCAL=true): no authentication, so nothing the activity claims
// makes anyone a person, no identity comes from a serviceUrl the request names, and only this
// machine is answered. Also: only the allowed tenants, and malformed activities are a 400.
import http from 'node:http';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYGROUND_USER } from '../../demo/cases.js';
import { loadConfig } from '../../src/config.js';
import { logger } from '../../src/log.js';
import { startServer } from '../../src/server.js';
import { mountTeams } from '../../src/bot/teams/index.js';
import { NOT_LINKED_MESSAGE } from '../../src/bot/core/identity.js';
import { dbFingerprint } from './db-fingerprint.js';
import { cardOf, cardText, invokeActivity, messageActivity, startTeamsHarness, TENANT_ID, USER, type TeamsHarness } from './harness.js';

const OTHER_TENANT = '99999999-9999-9999-9999-999999999999';

function rawPost(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('teams local mode without a local user', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness('pglite', { QUORUM_TEAMS_LOCAL_USER: '' });
  });
  afterAll(() => h?.stop());

  it('does not take an imported person’s aadObjectId, nor ask the roster at the serviceUrl, for who is asking', async () => {
    // The chair's Azure AD id, and a roster at the request's serviceUrl that would vouch for her email.
    h.connector.members.set(USER.id, { id: USER.id, aadObjectId: PLAYGROUND_USER.aadObjectId, email: PLAYGROUND_USER.email, userPrincipalName: PLAYGROUND_USER.email });
    const before = await dbFingerprint(h.store.db);
    expect((await h.post(messageActivity('case DEMO-1', { serviceUrl: h.connector.url }))).status).toBe(200);
    const [reply] = await h.connector.waitFor((c) => c.kind === 'reply');
    expect(reply!.body.summary).toBe(NOT_LINKED_MESSAGE);
    expect(JSON.stringify(reply!.body)).not.toMatch(/DEMO-1|A\.B\./);
    expect(h.connector.calls.filter((c) => c.kind === 'member')).toHaveLength(0);
    expect(await dbFingerprint(h.store.db)).toEqual(before);
  });
});

describe('teams local mode', () => {
  let h: TeamsHarness;
  const url = () => `${h.server.url}/api/messages`;
  beforeAll(async () => {
    h = await startTeamsHarness('pglite', { TEAMS_ALLOWED_TENANTS: TENANT_ID });
  });
  afterAll(() => h?.stop());

  const stranger = { id: '29:1-someone-else', aadObjectId: '00000000-0000-0000-0000-00000000dead', name: 'Someone' };

  it('acts as QUORUM_TEAMS_LOCAL_USER whatever the activity says', async () => {
    await h.post(messageActivity('next DEMO-1', { serviceUrl: h.connector.url, from: stranger }));
    const [reply] = await h.connector.waitFor((c) => c.kind === 'reply');
    expect(cardText(cardOf(reply!.body))).toContain('DEMO-1: coming deadlines');
  });

  it('refuses a serviceUrl off this machine, a non-JSON body, and a foreign Host or Origin', async () => {
    const before = await dbFingerprint(h.store.db);
    const calls = h.connector.calls.length;
    // The same sender as above: a request that gets through changes no stored conversation reference.
    const activity = JSON.stringify(messageActivity('help', { serviceUrl: h.connector.url, from: stranger }));
    expect((await h.post(messageActivity('next DEMO-1', { serviceUrl: 'https://attacker.example/' }))).status).toBe(400);
    expect(await rawPost(url(), activity, { 'content-type': 'text/plain' })).toBe(415);
    expect(await rawPost(url(), activity, { 'content-type': 'application/json', host: 'attacker.example' })).toBe(403);
    expect(await rawPost(url(), activity, { 'content-type': 'application/json', origin: 'http://attacker.example' })).toBe(403);
    expect(await rawPost(url(), activity, { 'content-type': 'application/json', origin: 'http://localhost:56150' })).toBe(200);
    await h.connector.waitFor((c) => c.kind === 'reply' && h.connector.calls.indexOf(c) >= calls);
    expect(h.connector.calls.slice(calls).map((c) => c.kind)).toEqual(['reply']);
    expect(await dbFingerprint(h.store.db)).toEqual(before);
  });

  it('refuses activities from a tenant not allowed, writing nothing and calling nothing', async () => {
    const before = await dbFingerprint(h.store.db);
    const calls = h.connector.calls.length;
    const elsewhere = { conversationType: 'personal', tenantId: OTHER_TENANT, id: 'a:1other-tenant' };
    const message = { ...messageActivity('next DEMO-1', { serviceUrl: h.connector.url, conversation: elsewhere }), channelData: { tenant: { id: OTHER_TENANT } } };
    const click = { ...invokeActivity('attend', { a: 'attend', c: 'DEMO-2', f: 'rcpc-1' }, { serviceUrl: h.connector.url, conversation: elsewhere }), channelData: { tenant: { id: OTHER_TENANT } } };
    // Tenant ids that disagree are no tenant at all.
    const mixed = { ...messageActivity('next DEMO-1', { serviceUrl: h.connector.url }), channelData: { tenant: { id: OTHER_TENANT } } };
    for (const a of [message, click, mixed]) expect((await h.post(a)).status).toBe(403);
    expect(h.connector.calls.length).toBe(calls);
    expect(await dbFingerprint(h.store.db)).toEqual(before);
  });

  it('answers malformed activities with a 400, never a 5xx, writing nothing', async () => {
    const before = await dbFingerprint(h.store.db);
    const calls = h.connector.calls.length;
    const m = () => messageActivity('next DEMO-1', { serviceUrl: h.connector.url }) as Record<string, any>;
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) deep = { d: deep };
    const bad: [string, Record<string, unknown>, number][] = [
      ['numeric from.id', { ...m(), from: { id: 42 } }, 400],
      ['object conversation.id', { ...m(), conversation: { id: {} } }, 400],
      ['array activity id', { ...m(), id: ['a'] }, 400],
      ['NUL in text', { ...m(), text: 'next DEMO-1\u0000' }, 400],
      ['lone surrogate in a name', { ...m(), from: { ...USER, name: 'A\ud800' } }, 400],
      ['huge text', { ...m(), text: 'x'.repeat(40_000) }, 400],
      ['deep nesting', { ...m(), value: deep }, 400],
      ['unknown type', { ...m(), type: 'bogus' }, 400],
      ['another channel', { ...m(), channelId: 'emulator' }, 400],
      ['no serviceUrl', { ...m(), serviceUrl: undefined }, 400],
      ['javascript serviceUrl', { ...m(), serviceUrl: 'javascript:alert(1)' }, 400],
      ['an invoke Quorum does not answer', { ...invokeActivity('x', {}, { serviceUrl: h.connector.url }), name: 'task/fetch' }, 400],
      ['numeric verb', { ...invokeActivity('x', {}, { serviceUrl: h.connector.url }), value: { action: { type: 'Action.Execute', verb: 7 } } }, 400],
      ['Action.Submit', { ...invokeActivity('attend', {}, { serviceUrl: h.connector.url }), value: { action: { type: 'Action.Submit', verb: 'attend' } } }, 400],
      ['mention without mentioned', { ...m(), entities: [{ type: 'mention', text: '<at>Q</at>' }] }, 400],
      ['a reaction (nothing to do)', { ...m(), type: 'messageReaction' }, 200],
    ];
    for (const [what, activity, status] of bad) expect((await h.post(activity)).status, what).toBe(status);
    const polluting = invokeActivity('attend', JSON.parse('{"a":"attend","c":"DEMO-9","__proto__":{"polluted":true}}'), { serviceUrl: h.connector.url });
    expect((await h.post(polluting)).status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(h.connector.calls.length).toBe(calls);
    expect(await dbFingerprint(h.store.db)).toEqual(before);
  });
});

const external = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe.skipIf(!external)('teams local mode behind a non-loopback interface', () => {
  it('answers only requests from this machine, even when bound to every interface', async () => {
    // config.ts refuses HOST=0.0.0.0 in local mode; this is the second line of defence.
    const mounted = await mountTeams({ config: loadConfig({ NODE_ENV: 'test', QUORUM_TEAMS_LOCAL: 'true' }), store: {} as never, log: logger(), core: { store: {} as never } });
    const server = await startServer({ port: 0, host: '0.0.0.0', routes: mounted.routes ?? [] });
    try {
      const body = JSON.stringify(messageActivity('help', { serviceUrl: 'http://127.0.0.1:9/' }));
      expect(await rawPost(`http://${external}:${server.port}/api/messages`, body, { 'content-type': 'application/json', host: `127.0.0.1:${server.port}` })).toBe(403);
    } finally {
      await server.close();
    }
  });
});
