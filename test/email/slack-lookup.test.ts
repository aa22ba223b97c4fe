// Link before falling back: a person with an email and no Slack link is looked up with
// users.lookupByEmail and linked (confirmed email, the bot's own workspace) before email is
// chosen; anyone else stays on email, and nothing is linked.
import { eq, inArray } from 'drizzle-orm';
import pino from 'pino';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelSender } from '../../src/bot/core/types.js';
import { dispatch } from '../../src/bot/scheduler/index.js';
import { buildClientOptions, toBoltLogger } from '../../src/bot/slack/client.js';
import { linkerFor } from '../../src/bot/slack/index.js';
import { createSlackSender } from '../../src/bot/slack/sender.js';
import { auditLog, chatIdentities, nudges, people } from '../../src/store/schema.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { EMAILS } from '../scheduler/support/fixtures.js';
import { at9, seed } from '../scheduler/support/seed.js';
import { sweep } from '../../src/bot/scheduler/index.js';

const log = pino({ level: 'silent' });

describe.each(DB_KINDS)('slack users.lookupByEmail before email (%s)', (kind) => {
  let fake: FakeSlack;
  let store: TestStore;
  let healthId: number;
  let schoolId: number;
  let slack: ChannelSender;
  const emailed: number[] = [];
  const email: ChannelSender = { channel: 'email', send: async (r) => (emailed.push(r.personId), { messageId: `m${emailed.length}` }) };
  // One store: the health visitor is found and linked, the school's lead is not (unconfirmed, then another workspace).
  beforeAll(async () => {
    [fake, store] = await Promise.all([startFakeSlack(), openTestStore(kind)]);
    const ids = await seed(store);
    healthId = ids.get(EMAILS.health)!;
    schoolId = ids.get(EMAILS.school)!;
    await store.db.update(people).set({ slackUserId: null }).where(inArray(people.id, [healthId, schoolId]));
  });
  afterAll(async () => {
    await fake?.close();
    await store?.close();
  });
  beforeEach(() => {
    // A new sender each time: a sender remembers a miss for a day.
    const client = new webApi.WebClient('xoxb-test', buildClientOptions(fake.apiUrl.replace(/\/$/, ''), toBoltLogger(log)));
    slack = createSlackSender(client, { homeTeam: () => 'T0TEST', link: linkerFor({ store, log }) });
    emailed.length = 0;
    fake.reset();
  });

  async function run(personId: number) {
    const now = at9('2026-01-07');
    await sweep(store.db, now);
    await dispatch(store.db, now, { senders: [slack, email], log });
    return store.db.select().from(nudges).where(eq(nudges.recipientId, personId));
  }

  it('links the person found by a confirmed email in the same workspace, audits it, and sends by Slack', async () => {
    fake.emails.set('U0HEALTH', EMAILS.health);
    const rows = await run(healthId);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === 'sent' && r.channel === 'slack')).toBe(true);
    expect(emailed).not.toContain(healthId);
    expect(await store.db.select().from(chatIdentities).where(eq(chatIdentities.personId, healthId))).toMatchObject([{ platform: 'slack', workspaceId: 'T0TEST', platformUserId: 'U0HEALTH' }]);
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.action, 'CHAT_USER_LINKED'));
    expect(audit).toMatchObject([{ subjectId: String(healthId), detail: { platform: 'slack', by: 'email' } }]);
  });

  it('links nobody and emails instead when the address is unconfirmed or the user is in another workspace', async () => {
    fake.emails.set('U0SCHOOL', EMAILS.school);
    fake.unconfirmed.add('U0SCHOOL');
    await store.db.update(nudges).set({ status: 'pending' }).where(eq(nudges.recipientId, schoolId));
    expect((await run(schoolId)).every((r) => r.status === 'sent' && r.channel === 'email')).toBe(true);
    fake.unconfirmed.clear();
    fake.lookupTeams.set('U0SCHOOL', 'T0OTHER');
    slack = createSlackSender(new webApi.WebClient('xoxb-test', buildClientOptions(fake.apiUrl.replace(/\/$/, ''), toBoltLogger(log))), { homeTeam: () => 'T0TEST', link: linkerFor({ store, log }) });
    await store.db.update(nudges).set({ status: 'pending' }).where(eq(nudges.recipientId, schoolId));
    expect((await run(schoolId)).every((r) => r.channel === 'email')).toBe(true);
    expect(fake.callsTo('users.lookupByEmail').filter((c) => c.args.email === EMAILS.school)).toHaveLength(2);
    expect(await store.db.select().from(chatIdentities).where(eq(chatIdentities.personId, schoolId))).toEqual([]);
  });
});
