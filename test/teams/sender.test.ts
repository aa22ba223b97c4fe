// The `teams` ChannelSender: proactive messages through the (fake) connector, and how connector
// failures map to retryable or permanent DeliveryErrors.
import { canReachBy } from '../../src/bot/core/reach.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DeliveryError, type Recipient, type View } from '../../src/bot/core/types.js';
import { chatIdentities } from '../../src/store/schema.js';
import { cardCheck } from './card-check.js';
import { cardOf, messageActivity, PERSONAL_CONVERSATION, startTeamsHarness, LOCAL_USER_ID, type TeamsHarness } from './harness.js';

const VIEW: View = { fallback: 'DEMO-1: reports due in 2 working days.', blocks: [{ type: 'header', text: 'DEMO-1: reports due' }, { type: 'text', text: '*Reports* are due (Swindon standard 4).' }] };

describe('teams sender', () => {
  let h: TeamsHarness;
  let recipient: Recipient;
  beforeAll(async () => {
    h = await startTeamsHarness('pglite');
    await h.post(messageActivity('help', { serviceUrl: h.connector.url }));
    const [row] = await h.store.db.select().from(chatIdentities).where(eq(chatIdentities.platformUserId, LOCAL_USER_ID));
    recipient = { personId: row!.personId, email: null, slackUserId: null, teamsConversationRef: row!.conversationRef };
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('reaches only people with a stored conversation reference', () => {
    expect(h.sender.channel).toBe('teams');
    expect(canReachBy('teams', recipient)).toBe(true);
    expect(canReachBy('teams', { ...recipient, teamsConversationRef: null })).toBe(false);
  });

  it('sends the view as a card into the personal chat and returns the message id', async () => {
    const before = h.connector.calls.length;
    const result = await h.sender.send(recipient, VIEW);
    expect(result.messageId).toMatch(/^msg-/);
    expect(result.channelId).toBe(PERSONAL_CONVERSATION);
    // botbuilder posts a proactive message as a reply to the continuation activity's fresh id.
    const [call] = await h.connector.waitFor((c) => (c.kind === 'send' || c.kind === 'reply') && c.conversationId === PERSONAL_CONVERSATION && h.connector.calls.indexOf(c) >= before);
    expect(call!.body.text).toBe(VIEW.fallback);
    cardCheck(cardOf(call!.body));
  });

  it('updates a message it sent in place (updateActivity with the stored activity id)', async () => {
    const sent = await h.sender.send(recipient, VIEW);
    const before = h.connector.calls.length;
    await h.sender.update!(recipient, sent, { ...VIEW, fallback: 'DEMO-1: this conference was cancelled (family request).' });
    const [call] = await h.connector.waitFor((c) => c.kind === 'update' && h.connector.calls.indexOf(c) >= before);
    expect([call!.conversationId, call!.activityId]).toEqual([PERSONAL_CONVERSATION, sent.messageId]);
    expect(call!.body.text).toContain('cancelled');
  });

  it('maps a 429 to a retryable error honouring Retry-After', async () => {
    const before = h.connector.calls.length;
    h.connector.failNext({ status: 429, headers: { 'retry-after': '7' } });
    const err = await h.sender.send(recipient, VIEW).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).opts).toMatchObject({ retryAfterMs: 7000 });
    expect((err as DeliveryError).opts.permanent).toBeFalsy();
    // One attempt only: the dispatcher, not the connector client, decides when to retry.
    expect(h.connector.calls.length - before).toBe(1);
  });

  it('maps a 500 to a retryable error', async () => {
    h.connector.failNext({ status: 500 });
    const err = (await h.sender.send(recipient, VIEW).catch((e: unknown) => e)) as DeliveryError;
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err.opts.permanent).toBeFalsy();
  });

  it.each([403, 404])('maps a %i (app removed, user gone) to a permanent error', async (status) => {
    h.connector.failNext({ status });
    const err = (await h.sender.send(recipient, VIEW).catch((e: unknown) => e)) as DeliveryError;
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err.opts.permanent).toBe(true);
  });

  it('refuses a recipient with no reference as permanent', async () => {
    const err = (await h.sender.send({ ...recipient, teamsConversationRef: null }, VIEW).catch((e: unknown) => e)) as DeliveryError;
    expect(err.opts.permanent).toBe(true);
  });
});
