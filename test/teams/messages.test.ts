// Message activities POSTed to /api/messages as Teams sends them; replies land on the fake connector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { chatIdentities } from '../../src/store/schema.js';
import { DB_KINDS } from '../support/databases.js';
import { cardCheck } from './card-check.js';
import { cardOf, cardText, channelMessageActivity, installActivity, messageActivity, PERSONAL_CONVERSATION, startTeamsHarness, LOCAL_USER_ID, USER, type TeamsHarness } from './harness.js';

describe.each(DB_KINDS)('teams messages (%s)', (kind) => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness(kind);
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function say(text: string) {
    const before = h.connector.calls.length;
    const res = await h.post(messageActivity(text, { serviceUrl: h.connector.url }));
    expect(res.status).toBe(200);
    const [call] = await h.connector.waitFor((c) => c.kind === 'reply' && h.connector.calls.indexOf(c) >= before);
    return call!;
  }

  it('answers `next CASE` in the personal chat with a deadlines card naming each standard', async () => {
    const call = await say('next DEMO-2');
    expect(call.conversationId).toBe(PERSONAL_CONVERSATION);
    const card = cardOf(call.body);
    cardCheck(card);
    const text = cardText(card);
    expect(text).toContain('DEMO-2: coming deadlines');
    expect(text).toMatch(/OVERDUE/);
    expect(call.body.summary).toMatch(/DEMO-2/);
  });

  it.each(['help', 'mine', 'next DEMO-1', 'case DEMO-1', 'dissent DEMO-3'])('answers the demo command `%s` with a valid card', async (command) => {
    const call = await say(command);
    const card = cardOf(call.body);
    cardCheck(card);
    if (command === 'case DEMO-1') expect(cardText(card)).toMatch(/quorum|quorate/i);
  });

  it('stores the personal conversation reference on first contact', async () => {
    const rows = await h.store.db.select().from(chatIdentities).where(eq(chatIdentities.platformUserId, LOCAL_USER_ID));
    expect(rows).toHaveLength(1);
    const ref = rows[0]!.conversationRef as any;
    expect(ref.conversation.id).toBe(PERSONAL_CONVERSATION);
    expect(ref.serviceUrl).toBe(h.connector.url);
    expect(ref.user.id).toBe(USER.id);
  });

  it('answers an unknown command with usage, writing nothing', async () => {
    const call = await say('frobnicate DEMO-1');
    expect(cardText(cardOf(call.body)) + (call.body.text ?? '')).toMatch(/help/);
  });

  it('shows the attendance card for `attend CASE`', async () => {
    const card = cardOf((await say('attend DEMO-2')).body);
    cardCheck(card);
    expect(cardText(card)).toContain('[Attending]');
  });

  it('answers a channel @mention privately, and says so in the channel without case details', async () => {
    const before = h.connector.calls.length;
    const res = await h.post(channelMessageActivity('next DEMO-2', { serviceUrl: h.connector.url }));
    expect(res.status).toBe(200);
    const [created] = await h.connector.waitFor((c) => c.kind === 'create' && h.connector.calls.indexOf(c) >= before);
    expect(created!.body.members[0].id).toBe(USER.id);
    const [priv] = await h.connector.waitFor((c) => c.kind === 'send' && c.conversationId?.startsWith('a:private') === true && h.connector.calls.indexOf(c) >= before);
    expect(cardText(cardOf(priv!.body))).toContain('DEMO-2: coming deadlines');
    const [inChannel] = await h.connector.waitFor((c) => c.kind === 'reply' && c.conversationId?.startsWith('19:') === true && h.connector.calls.indexOf(c) >= before);
    expect(inChannel!.body.text).toMatch(/personal chat/);
    expect(JSON.stringify(inChannel!.body)).not.toMatch(/DEMO-2/);
  });

  it('welcomes a user who installs the app with their home view', async () => {
    const before = h.connector.calls.length;
    const res = await h.post(installActivity({ serviceUrl: h.connector.url }));
    expect(res.status).toBe(200);
    const [call] = await h.connector.waitFor((c) => (c.kind === 'send' || c.kind === 'reply') && h.connector.calls.indexOf(c) >= before);
    cardCheck(cardOf(call!.body));
  });

  it('rejects a body that is not an activity with 400', async () => {
    const res = await fetch(`${h.server.url}/api/messages`, { method: 'POST', body: '{not json' });
    expect(res.status).toBe(400);
    const res2 = await h.post({ hello: 'world' } as any);
    expect(res2.status).toBe(400);
  });
});
