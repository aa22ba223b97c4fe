// `kill -9` of a serving Quorum in the middle of a sweep, and again in the middle of sending, then a
// restart: every due nudge reaches Slack, and none twice. The one exception the outbox allows is
// the message in flight at the kill, which Slack may have taken: its resend says so, and no other does.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/databases.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { deliveriesPerRow, outboxRows, RESENT_NOTE } from './support/deliveries.js';
import { slackEnv, startServe, waitUntil, type QuorumProcess } from './support/processes.js';
import { FAULT_NOW, seedCases } from './support/seed.js';

const enabled = Boolean(process.env.TEST_DATABASE_URL);
if (!enabled) console.log('[quorum tests] NOTE: TEST_DATABASE_URL is unset, so the fault tests (test/faults) are SKIPPED.');

describe.runIf(enabled)('kill -9 and restart', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let fake: FakeSlack;
  let sql: postgres.Sql;
  const running: QuorumProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    // More than one sweep batch (the first is 100 cases, then 250: src/bot/scheduler/sweep.ts).
    await seedCases(db.url, 300);
    fake = await startFakeSlack();
    sql = postgres(db.url, { max: 1, onnotice: () => {} });
  });

  afterAll(async () => {
    for (const p of running) await p.kill9();
    await sql?.end();
    await fake?.close();
    await db?.drop();
  });

  const count = async (where: string) => Number((await sql.unsafe(`select count(*)::int as n from nudges where ${where}`))[0]!.n);

  // Three real `quorum serve` processes start one after another (seconds each: Node, tsx and the
  // app's modules), and the last sends a couple of hundred nudges to the fake Slack: more than the suite's
  // 10 s on a 2-core machine, by the nature of the test rather than by waiting on a timer.
  it('sends every due nudge once after kills mid-sweep and mid-send', async () => {
    const env = { DATABASE_URL: db.url, ...slackEnv(fake.apiUrl), QUORUM_SWEEP_CRON: '*/2 * * * * *' };
    const clock = FAULT_NOW.toISOString();

    // 1. Killed mid-sweep: the first batch is in the outbox, nothing has been sent yet.
    const first = await startServe(env, clock);
    running.push(first);
    await waitUntil('the first sweep batch to be written', async () => (await count('true')) > 0, 30_000, 10);
    await first.kill9();
    const sentBeforeKill = fake.callsTo('chat.postMessage').length;

    // 2. Killed mid-send: a third of the messages are out.
    const second = await startServe(env, clock);
    running.push(second);
    const due = await count(`due_at <= '${clock}'`);
    await waitUntil('a third of the nudges to be sent', () => fake.callsTo('chat.postMessage').length >= due / 3, 45_000, 5);
    await second.kill9();
    const claimed = await count(`status = 'sending'`);

    // 3. Restarted after the leases ran out (five minutes later by its clock): it finishes the job.
    const third = await startServe(env, new Date(FAULT_NOW.getTime() + 6 * 60_000).toISOString());
    running.push(third);
    await waitUntil('every due nudge to be sent', async () => (await count(`status in ('pending', 'sending') and due_at <= '${clock}'`)) === 0, 60_000, 25);
    await third.stop();

    const rows = await outboxRows(db.url);
    const { perRow, unmatched } = await deliveriesPerRow(db.url, fake.callsTo('chat.postMessage'));
    expect(sentBeforeKill).toBe(0);
    expect(claimed).toBeGreaterThan(0);
    expect(unmatched).toEqual([]);
    expect(rows.filter((r) => r.status === 'failed')).toEqual([]);
    const dueRows = rows.filter((r) => r.due_at.getTime() <= FAULT_NOW.getTime() && r.status !== 'cancelled');
    expect(dueRows.length).toBeGreaterThan(200);
    // Every due nudge arrived.
    expect(dueRows.filter((r) => !perRow.has(r.id)).map((r) => r.id)).toEqual([]);
    // None twice, except at most the one message in flight at the kill, whose resend carries the note.
    const twice = [...perRow].filter(([, calls]) => calls.length > 1);
    expect(twice.length).toBeLessThanOrEqual(1);
    for (const [, calls] of twice) {
      expect(calls).toHaveLength(2);
      expect(JSON.stringify(calls[1]!.args.blocks)).toContain(RESENT_NOTE);
    }
    // Rows the killed process had claimed but not begun to send carry no note. The one it had begun
    // (marked just before its platform call) may or may not have reached Slack before the kill, so
    // its resend carries the note either way: at most that one row, and only if it is flagged.
    const possiblySent = new Set(rows.filter((r) => r.possibly_sent).map((r) => r.id));
    expect(possiblySent.size).toBeLessThanOrEqual(1);
    const noted = [...perRow].filter(([, calls]) => calls.some((c) => JSON.stringify(c.args.blocks).includes(RESENT_NOTE))).map(([id]) => id);
    expect(noted.filter((id) => !possiblySent.has(id))).toEqual([]);
  }, 60_000);
});
