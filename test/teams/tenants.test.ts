// With Bot Framework authentication (against a fake login service signing real tokens): activities
// from tenants other than MICROSOFT_APP_TENANT_ID / TEAMS_ALLOWED_TENANTS are refused with 403,
// writing nothing and calling nothing, and the tenant is the ChatUser's workspaceId.
import { eq } from 'drizzle-orm';
import type { TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYGROUND_USER } from '../../demo/cases.js';
import { chatUserFrom } from '../../src/bot/teams/chat-user.js';
import { chatIdentities } from '../../src/store/schema.js';
import { dbFingerprint } from './db-fingerprint.js';
import { channelClaims, startFakeOpenId, type FakeOpenId } from '../support/fake-openid.js';
import { cardText, invokeActivity, messageActivity, startTeamsHarness, TENANT_ID, type TeamsHarness } from './harness.js';

const APP_ID = '00000000-0000-0000-0000-0000000000c1';
const PARTNER_TENANT = '00000000-0000-0000-0000-0000000000a2';
const OTHER_TENANT = '99999999-9999-9999-9999-999999999999';

function inTenant<T extends Record<string, any>>(activity: T, tenant: string): T {
  return { ...activity, conversation: { ...activity.conversation, tenantId: tenant }, channelData: { ...activity.channelData, tenant: { id: tenant } } };
}

describe('teams tenants with Bot Framework authentication', () => {
  let idp: FakeOpenId;
  let h: TeamsHarness;
  let auth: Record<string, string>;
  beforeAll(async () => {
    idp = await startFakeOpenId('ok');
    h = await startTeamsHarness(
      'pglite',
      { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-a-real-secret', MICROSOFT_APP_TENANT_ID: TENANT_ID, TEAMS_ALLOWED_TENANTS: PARTNER_TENANT },
      { openIdMetadataUrl: idp.metadataUrl },
    );
    auth = { authorization: `Bearer ${idp.token(channelClaims(APP_ID, h.connector.url))}` };
  });
  afterAll(async () => {
    await h?.stop();
    await idp?.close();
  });

  it('runs a card click from the bot’s own tenant, verifying the token with keys fetched once', async () => {
    const res = await h.post(invokeActivity('attend', { a: 'attend', c: 'DEMO-2', f: 'rcpc-1' }, { serviceUrl: h.connector.url }), auth);
    expect(res.status).toBe(200);
    expect(cardText(res.body.value)).toContain('Thank you: your answer is recorded.');
    // Linked by the Azure AD object id import gave: with authentication, that id is the Bot Framework's word.
    const links = await h.store.db.select().from(chatIdentities).where(eq(chatIdentities.platformUserId, PLAYGROUND_USER.aadObjectId));
    expect(links).toHaveLength(1);
    expect(idp.requests).toEqual(['/v1/.well-known/openidconfiguration', '/v1/.well-known/keys']);
  });

  it('accepts a tenant named in TEAMS_ALLOWED_TENANTS', async () => {
    const res = await h.post(inTenant(invokeActivity('attend', { a: 'attend', c: 'DEMO-2', f: 'rcpc-1' }, { serviceUrl: h.connector.url }), PARTNER_TENANT), auth);
    expect(res.status).toBe(200);
  });

  it('refuses messages and clicks from any other tenant, or none, with 403: nothing written, nothing sent', async () => {
    const before = await dbFingerprint(h.store.db);
    const calls = h.connector.calls.length;
    const click = invokeActivity('attend', { a: 'decline', c: 'DEMO-2', f: 'rcpc-1' }, { serviceUrl: h.connector.url });
    const message = messageActivity('next DEMO-2', { serviceUrl: h.connector.url });
    const noTenant = { ...message, conversation: { conversationType: 'personal', id: 'a:1x' }, channelData: {} };
    for (const a of [inTenant(click, OTHER_TENANT), inTenant(message, OTHER_TENANT), noTenant]) {
      const res = await h.post(a, auth);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: 'TEAMS_TENANT_NOT_ALLOWED', message: 'This Microsoft 365 tenant is not connected to Quorum.' });
    }
    expect(h.connector.calls.length).toBe(calls);
    expect(await dbFingerprint(h.store.db)).toEqual(before);
  });

  it('authenticates activities it has nothing to do with before answering them', async () => {
    const reaction = { ...messageActivity('', { serviceUrl: h.connector.url }), type: 'messageReaction' };
    expect((await h.post(reaction)).status).toBe(401);
    expect((await h.post(reaction, auth)).status).toBe(200);
  });

  it('gives the tenant to the core as the user’s workspaceId', () => {
    const activity = inTenant(messageActivity('help', { serviceUrl: h.connector.url }), PARTNER_TENANT.toUpperCase());
    const user = chatUserFrom({ activity } as unknown as TurnContext, { localMode: false });
    expect(user).toMatchObject({ platform: 'teams', userId: PLAYGROUND_USER.aadObjectId, workspaceId: PARTNER_TENANT });
  });
});
