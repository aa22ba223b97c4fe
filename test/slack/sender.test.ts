// The `slack` ChannelSender against the fake Web API: what it sends, and how each failure maps to
// a DeliveryError the outbox can act on (429 with Retry-After, 5xx, permanent platform errors).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { logger } from '../../src/log.js';
import { buildClientOptions, toBoltLogger } from '../../src/bot/slack/client.js';
import { canReachBy } from '../../src/bot/core/reach.js';
import { createSlackSender } from '../../src/bot/slack/sender.js';
import { DeliveryError, type ChannelSender, type Recipient, type View } from '../../src/bot/core/types.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { expectValidTraffic } from './support/traffic.js';

const view: View = {
  fallback: 'CP-0001: the Initial conference is now quorate.',
  blocks: [
    { type: 'header', text: 'CP-0001: now quorate' },
    { type: 'text', text: '*The Initial conference is now quorate.* Police & health attending.' },
    { type: 'actions', actions: [{ label: 'Snooze', payload: { a: 'snooze', c: 'CP-0001', n: 42 } }] },
  ],
};
const recipient: Recipient = { personId: 1, email: null, slackUserId: 'UCHAIR001', teamsConversationRef: null };

describe('slack sender', () => {
  let fake: FakeSlack;
  let sender: ChannelSender;
  beforeAll(async () => {
    fake = await startFakeSlack();
    sender = createSlackSender(new webApi.WebClient('xoxb-test', buildClientOptions(fake.apiUrl.replace(/\/$/, ''), toBoltLogger(logger()))));
  });
  afterAll(() => fake.close());
  afterEach(() => fake.reset());

  it('reaches only people with a Slack user id', () => {
    expect(sender.channel).toBe('slack');
    expect(canReachBy('slack', recipient)).toBe(true);
    expect(canReachBy('slack', { ...recipient, slackUserId: null })).toBe(false);
  });

  it('DMs the user with blocks and a fallback, returning the message ts and channel', async () => {
    const result = await sender.send(recipient, view);
    expect(result).toEqual({ messageId: expect.stringMatching(/^\d+\.\d+$/), channelId: 'DCHAIR001' });
    const [call] = fake.callsTo('chat.postMessage');
    expect(call!.token).toBe('xoxb-test');
    expect(call!.args).toMatchObject({ channel: 'UCHAIR001', text: 'CP-0001: the Initial conference is now quorate.' });
    expect(JSON.parse(call!.args.blocks[2].elements[0].value)).toEqual({ a: 'snooze', c: 'CP-0001', n: 42 });
    expectValidTraffic(fake);
  });

  it('maps a 429 to a retryable error honouring Retry-After, without retrying itself', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const err = await sender.send(recipient, view).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).opts).toEqual({ retryAfterMs: 7000 });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('maps a 500 to a retryable error', async () => {
    fake.failNext('chat.postMessage', { status: 500 });
    const err = (await sender.send(recipient, view).catch((e: unknown) => e)) as DeliveryError;
    expect(err.message).toBe('SLACK_HTTP_500');
    expect(err.opts.permanent).toBe(false);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it.each(['user_not_found', 'channel_not_found', 'account_inactive'])('maps %s to a permanent error', async (code) => {
    fake.failNext('chat.postMessage', { error: code });
    const err = (await sender.send(recipient, view).catch((e: unknown) => e)) as DeliveryError;
    expect(err.opts.permanent).toBe(true);
    expect(err.message).toBe(`SLACK_${code.toUpperCase()}`);
  });

  it('treats an unknown platform error and a dead server as retryable', async () => {
    fake.failNext('chat.postMessage', { error: 'fatal_error' });
    expect(((await sender.send(recipient, view).catch((e: unknown) => e)) as DeliveryError).opts.permanent).toBe(false);
    const dead = createSlackSender(new webApi.WebClient('xoxb-test', buildClientOptions('http://127.0.0.1:9/api/', toBoltLogger(logger()))));
    const err = (await dead.send(recipient, view).catch((e: unknown) => e)) as DeliveryError;
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err.message).toBe('SLACK_REQUEST_FAILED');
  });
});
