// Cards that stay current: a move, a cancel and an answer given elsewhere update the invitation
// card already sent on Slack in place (chat.update with its stored channel and ts); a message that
// can no longer be updated is left alone.
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreDeps } from '../../src/bot/core/deps.js';
import { runAction, runCommand } from '../../src/bot/core/index.js';
import { dispatch } from '../../src/bot/scheduler/index.js';
import { buildClientOptions, toBoltLogger } from '../../src/bot/slack/client.js';
import { createSlackSender } from '../../src/bot/slack/sender.js';
import { loadConfig } from '../../src/config.js';
import { nudges, people } from '../../src/store/schema.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { EMAILS } from '../scheduler/support/fixtures.js';
import { seed } from '../scheduler/support/seed.js';

const log = pino({ level: 'silent' });
const NOW = new Date('2026-01-07T09:00:00Z');
const GP = 'gp@surgery.example';

describe.each(DB_KINDS)('card updates (%s)', (kind) => {
  let fake: FakeSlack;
  let store: TestStore;
  let core: ReturnType<typeof createCoreDeps>;
  let slack: ReturnType<typeof createSlackSender>;
  let card: typeof nudges.$inferSelect;
  const as = (email: string) => ({ user: { platform: 'cli' as const, workspaceId: 'cli', userId: email, email }, correlationId: 't', now: NOW });
  // One store: the GP's invitation card goes out on Slack once; the tests then change it in order.
  beforeAll(async () => {
    [fake, store] = await Promise.all([startFakeSlack(), openTestStore(kind)]);
    await seed(store);
    core = createCoreDeps(loadConfig({ NODE_ENV: 'test' }), store);
    slack = createSlackSender(new webApi.WebClient('xoxb-test', buildClientOptions(fake.apiUrl.replace(/\/$/, ''), toBoltLogger(log))));
    await runCommand(core, as(EMAILS.admin), `invite CP-0001 ${GP} Wroughton Surgery health`);
    await store.db.update(people).set({ slackUserId: 'U0GP' }).where(eq(people.email, GP));
    await dispatch(store.db, NOW, { senders: [slack], log });
    [card] = (await store.db.select().from(nudges).where(eq(nudges.kind, 'invitation'))) as [typeof nudges.$inferSelect];
  });
  afterAll(async () => {
    await fake?.close();
    await store?.close();
  });

  it('updates the Slack invitation card in place when the answer comes from elsewhere', async () => {
    expect(card).toMatchObject({ status: 'sent', channel: 'slack' });

    // The answer given on the web page (any channel but this card) updates the card.
    const answered = await runAction(core, { ...as(GP), user: { platform: 'web', workspaceId: 'web', userId: String(card!.recipientId) } }, { a: 'attend', c: 'CP-0001', f: 'icpc-1' });
    expect(answered.error).toBeUndefined();
    await dispatch(store.db, NOW, { senders: [slack], log });
    const afterAnswer = fake.callsTo('chat.update');
    expect(afterAnswer.map((c) => [c.args.channel, c.args.ts])).toEqual([[card!.platformChannelId, card!.platformMessageId]]);
    expect(JSON.stringify(afterAnswer[0]!.args.blocks)).toContain('Attending');
  });

  it('updates it to the new time on a move, and to "cancelled" on a cancel, leaving a message that cannot be updated', async () => {

    const move = await runCommand(core, as(EMAILS.admin), 'move CP-0001 2026-01-15 14:00 family-request');
    expect(move.error).toBeUndefined();
    await dispatch(store.db, NOW, { senders: [slack], log });
    const moved = fake.callsTo('chat.update').filter((c) => c.args.ts === card!.platformMessageId);
    expect(JSON.stringify(moved.at(-1)!.args.blocks)).toContain('Thu 15 Jan 2026');

    fake.failNext('chat.update', { error: 'message_not_found' });
    await runCommand(core, as(EMAILS.admin), 'cancel CP-0001 family-request');
    const out = await dispatch(store.db, NOW, { senders: [slack], log });
    const cancelled = fake.callsTo('chat.update').slice(-3);
    // The first update was refused (left alone, logged); the other messages of the conference say it is cancelled.
    expect(cancelled.slice(1).every((c) => String(c.args.text).includes('cancelled'))).toBe(true);
    expect(out.find((o) => o.kind === 'card_update')).toMatchObject({ status: 'sent' });
  });
});
