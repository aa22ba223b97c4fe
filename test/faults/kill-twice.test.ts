// `kill -9` of the sending process twice in a row, each time after Slack took the message and before
// Quorum recorded it: the third process sends it once more, flagged as possibly repeated, and sends
// everything else once, unflagged. Nothing is lost and nothing fails.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/databases.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { deliveriesPerRow, outboxRows, RESENT_NOTE } from './support/deliveries.js';
import { startHoldingSlack, type HoldingSlack } from './support/holding-slack.js';
import { slackEnv, startServe, waitUntil, type QuorumProcess } from './support/processes.js';
import { FAULT_NOW, seedCases } from './support/seed.js';

const enabled = Boolean(process.env.TEST_DATABASE_URL);
if (!enabled) console.log('[quorum tests] NOTE: TEST_DATABASE_URL is unset, so the fault tests (test/faults) are SKIPPED.');

const MINUTE = 60_000;

describe.runIf(enabled)('kill -9 twice in a row mid-send', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let fake: FakeSlack;
  let slack: HoldingSlack;
  let sql: postgres.Sql;
  const running: QuorumProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedCases(db.url, 120);
    fake = await startFakeSlack();
    slack = await startHoldingSlack(fake);
    sql = postgres(db.url, { max: 1, onnotice: () => {} });
  });

  afterAll(async () => {
    for (const p of running) await p.kill9();
    await sql?.end();
    await slack?.close();
    await fake?.close();
    await db?.drop();
  });

  const inFlight = async () => sql<{ id: number; attempts: number; possibly_sent: boolean }[]>`
    select id::int as id, attempts, possibly_sent from nudges where status = 'sending' and send_started_at is not null`;

  /** Starts `quorum serve` at `clock`, lets it hand one message to Slack, and kills it before the answer. */
  async function killMidSend(clock: Date, env: Record<string, string>): Promise<void> {
    const heldBefore = slack.held.length;
    slack.holdNext(1);
    const serve = await startServe(env, clock.toISOString());
    running.push(serve);
    await waitUntil('a message to reach Slack', () => slack.held.length > heldBefore, 45_000, 5);
    await serve.kill9();
  }

  it('delivers every due nudge, the twice-interrupted one once more with the note, and loses none', async () => {
    // One sweep, at start: no cron tick during the test.
    const env = { DATABASE_URL: db.url, ...slackEnv(slack.apiUrl), QUORUM_SWEEP_CRON: '0 0 1 1 *' };

    await killMidSend(FAULT_NOW, env);
    const [first, ...others] = await inFlight();
    expect(others).toEqual([]);
    expect(first).toMatchObject({ attempts: 1, possibly_sent: false });

    // After the dead process's lease: the same row is retaken first (oldest due), and dies again.
    await killMidSend(new Date(FAULT_NOW.getTime() + 6 * MINUTE), env);
    expect(await inFlight()).toEqual([{ id: first!.id, attempts: 2, possibly_sent: true }]);

    const at = new Date(FAULT_NOW.getTime() + 12 * MINUTE);
    const third = await startServe(env, at.toISOString());
    running.push(third);
    const waiting = async () => Number((await sql`select count(*)::int as n from nudges where status in ('pending', 'sending') and due_at <= ${at}`)[0]!.n);
    await waitUntil('every due nudge to be sent', async () => (await waiting()) === 0, 60_000, 200);
    await third.stop();

    const rows = await outboxRows(db.url);
    const { perRow, unmatched } = await deliveriesPerRow(db.url, fake.callsTo('chat.postMessage'));
    expect(unmatched).toEqual([]);
    expect(rows.filter((r) => r.status === 'failed')).toEqual([]);
    const due = rows.filter((r) => r.due_at.getTime() <= at.getTime() && r.status !== 'cancelled');
    expect(due.length).toBeGreaterThan(50);
    const lost = due.filter((r) => !perRow.has(r.id) || r.status !== 'sent');
    expect(lost.map((r) => r.id)).toEqual([]);

    // The interrupted row: held twice, then sent once more; both resends carry the note.
    const calls = perRow.get(first!.id)!;
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => JSON.stringify(c.args.blocks).includes(RESENT_NOTE))).toEqual([false, true, true]);
    expect(rows.find((r) => r.id === first!.id)).toMatchObject({ status: 'sent', possibly_sent: true, attempts: 3 });
    // Everything else (the rest of both dead processes' batches too): once, with no note.
    const rest = [...perRow].filter(([id]) => id !== first!.id);
    expect(rest.filter(([, c]) => c.length !== 1).map(([id]) => id)).toEqual([]);
    expect(rest.filter(([, c]) => JSON.stringify(c[0]!.args.blocks).includes(RESENT_NOTE)).map(([id]) => id)).toEqual([]);
    expect(rows.filter((r) => r.possibly_sent).map((r) => r.id)).toEqual([first!.id]);
  }, 180_000);
});
