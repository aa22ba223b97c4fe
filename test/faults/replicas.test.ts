// Three replicas ticking through one working day on one database: SKIP LOCKED and the outbox keys
// must make every due nudge go out exactly once, whichever replica sends it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/databases.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { deliveriesPerRow, nudgeIdOf, outboxRows } from './support/deliveries.js';
import { slackEnv, startTickReplica, type TickReplica } from './support/processes.js';
import { seedCases } from './support/seed.js';

const enabled = Boolean(process.env.TEST_DATABASE_URL);
if (!enabled) console.log('[quorum tests] NOTE: TEST_DATABASE_URL is unset, so the fault tests (test/faults) are SKIPPED.');

describe.runIf(enabled)('three replicas ticking one day', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let fake: FakeSlack;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedCases(db.url, 40);
    fake = await startFakeSlack();
  });

  afterAll(async () => {
    await fake?.close();
    await db?.drop();
  });

  // Three real processes start, then 27 rounds of three concurrent ticks run against Postgres:
  // more than the suite's 10 s on a 2-core machine, by the nature of the test.
  it('sends each due nudge once when three tick loops share the database', async () => {
    const env = { DATABASE_URL: db.url, ...slackEnv(fake.apiUrl) };
    const replicas: TickReplica[] = await Promise.all([0, 1, 2].map(() => startTickReplica(env)));
    const sentBy = [0, 0, 0];
    try {
      // Every half hour of the working day, all three tick at once.
      for (let at = Date.parse('2026-03-11T06:00:00Z'); at <= Date.parse('2026-03-11T19:00:00Z'); at += 30 * 60_000) {
        const counts = await Promise.all(replicas.map((r) => r.tick(new Date(at).toISOString())));
        counts.forEach((c, i) => (sentBy[i]! += c.sent ?? 0));
      }
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
    }

    const rows = await outboxRows(db.url);
    const sent = rows.filter((r) => r.status === 'sent');
    const { perRow, unmatched } = await deliveriesPerRow(db.url, fake.callsTo('chat.postMessage'));
    expect(sent.length).toBeGreaterThan(50);
    expect(unmatched).toEqual([]);
    expect([...perRow].filter(([, calls]) => calls.length > 1).map(([id, calls]) => `${id}: ${calls.map((c) => c.args.channel + ' ' + String(c.args.text).slice(0, 80) + ' n=' + nudgeIdOf(c)).join(' / ')}`)).toEqual([]);
    expect([...perRow.keys()].sort((a, b) => a - b)).toEqual(sent.map((r) => r.id));
    // Nothing stuck or lost: no claim left behind, nothing given up, nothing due in nudge hours still waiting.
    expect(rows.filter((r) => r.status === 'sending' || r.status === 'failed')).toEqual([]);
    expect(rows.filter((r) => r.status === 'pending' && r.due_at.getTime() <= Date.parse('2026-03-11T18:00:00Z'))).toEqual([]);
    // The work was shared: more than one replica sent, and together they sent each row once.
    expect(sentBy.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    expect(sentBy.reduce((a, b) => a + b, 0)).toBe(sent.length);
  }, 45_000);
});
