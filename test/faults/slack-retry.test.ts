// The Slack Web API answering 429 with Retry-After, then 500s: the outbox retries each refused
// nudge later and delivers it once; nothing is lost, nothing doubled.
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/bot/scheduler/dispatch.js';
import { sweep } from '../../src/bot/scheduler/sweep.js';
import { buildClientOptions, toBoltLogger } from '../../src/bot/slack/client.js';
import { createSlackSender } from '../../src/bot/slack/sender.js';
import { logger } from '../../src/log.js';
import { openStore, type Store } from '../../src/store/db.js';
import { createTestDatabase } from '../support/databases.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { acceptedPosts, deliveriesPerRow, outboxRows } from './support/deliveries.js';
import { FAULT_NOW, seedCases } from './support/seed.js';

const enabled = Boolean(process.env.TEST_DATABASE_URL);
if (!enabled) console.log('[quorum tests] NOTE: TEST_DATABASE_URL is unset, so the fault tests (test/faults) are SKIPPED.');

describe.runIf(enabled)('slack refusing, then recovering', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: Store;
  let fake: FakeSlack;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedCases(db.url, 12);
    store = await openStore({ databaseUrl: db.url, poolSize: 4 });
    fake = await startFakeSlack();
  });

  afterAll(async () => {
    await store?.close();
    await fake?.close();
    await db?.drop();
  });

  it('retries nudges refused with 429 and 500 and delivers each once', async () => {
    const log = logger();
    const client = new webApi.WebClient('xoxb-fault-test', buildClientOptions(fake.apiUrl, toBoltLogger(log)));
    const senders = [createSlackSender(client)];
    await sweep(store.db, FAULT_NOW);
    const due = (await outboxRows(db.url)).filter((r) => r.status === 'pending');
    expect(due.length).toBeGreaterThan(10);

    const faults = [{ status: 429 as const, retryAfter: 30 }, { status: 500 as const }, { status: 500 as const }, { status: 500 as const }];
    for (const f of faults) fake.failNext('chat.postMessage', f);
    // Dispatch as the poll would, the clock moving on a few minutes each time.
    const statuses: string[] = [];
    for (let minute = 0; minute <= 30; minute += 3) {
      const outcomes = await dispatch(store.db, new Date(FAULT_NOW.getTime() + minute * 60_000), { senders, log });
      statuses.push(...outcomes.map((o) => o.status));
    }

    // The four refusals became retries (the SDK itself retried nothing: one call per attempt).
    expect(statuses.filter((s) => s === 'retry')).toHaveLength(faults.length);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(due.length + faults.length);
    const rows = await outboxRows(db.url);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    expect(rows.filter((r) => r.attempts > 1).length).toBeGreaterThanOrEqual(1);
    const { perRow, unmatched } = await deliveriesPerRow(db.url, acceptedPosts(fake, faults.length));
    expect(unmatched).toEqual([]);
    expect([...perRow.values()].every((calls) => calls.length === 1)).toBe(true);
    expect([...perRow.keys()].sort((a, b) => a - b)).toEqual(rows.map((r) => r.id));
  });
});
