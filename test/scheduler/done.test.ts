// The "done when": a case imported with a conference next week and two silent invitees,
// ticked at 09:00 each day before it, sends exactly the reply chases, report reminders and quorum
// alerts; ticking three times concurrently (three replicas on Postgres) sends nothing twice.
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, runTick, sweep } from '../../src/bot/scheduler/index.js';
import { openStore, type Store } from '../../src/store/db.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { EMAILS } from './support/fixtures.js';
import { createRecordingSender } from './support/recording-sender.js';
import { allNudges, at9, seed } from './support/seed.js';

const DAYS = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-10', '2026-01-11', '2026-01-12', '2026-01-13', '2026-01-14'];
const WHO: Record<string, string> = Object.fromEntries(Object.entries(EMAILS).map(([k, v]) => [v, k]));
const quorum = ['quorum:chair', 'quorum:socialWorker', 'quorum:admin'];

// What each 09:00 tick sends: kind:step:recipient (the day's quorum alert step is left out).
const EXPECTED: Record<string, string[]> = {
  '2026-01-05': [],
  '2026-01-06': [],
  '2026-01-07': ['reply_chase:wd5:health', 'reply_chase:wd5:school', 'report_due:wd2:health', 'report_due:wd2:school', ...quorum],
  '2026-01-08': [...quorum],
  '2026-01-09': ['report_due:wd0:health', 'report_due:wd0:school', ...quorum],
  // The weekend: Friday 17:00's overdue notes wait for Monday.
  '2026-01-10': [],
  '2026-01-11': [],
  '2026-01-12': ['report_due:overdue:health', 'report_due:overdue:school', 'report_overdue:escalate:chair', 'report_overdue:escalate:socialWorker', 'reply_chase:wd2:health', 'reply_chase:wd2:school', ...quorum],
  '2026-01-13': [...quorum],
  '2026-01-14': [...quorum],
};

function label(l: { kind: string; key: string; recipient: string | null }): string {
  const step = l.kind === 'quorum' ? '' : `:${l.key.split(':').pop()}`;
  return `${l.kind}${step}:${WHO[l.recipient ?? ''] ?? l.recipient}`;
}

describe.each(DB_KINDS)('the done-when scenario (%s)', (kind) => {
  let store: TestStore;
  let replicas: Store[] = [];
  beforeEach(async () => {
    store = await openTestStore(kind);
    await seed(store);
    replicas = kind === 'postgres' ? [await openStore({ databaseUrl: store.url!, poolSize: 4 }), await openStore({ databaseUrl: store.url!, poolSize: 4 })] : [];
  });
  afterEach(async () => {
    for (const r of replicas) await r.close();
    await store.close();
  });

  it('sends exactly the chases, reminders and alerts, day by day', async () => {
    const sender = createRecordingSender();
    const deferred: Record<string, number> = {};
    for (const day of DAYS) {
      const lines = await runTick(store.db, at9(day), { senders: [sender] });
      expect(lines.filter((l) => l.status === 'sent').map(label).sort(), day).toEqual([...EXPECTED[day]!].sort());
      deferred[day] = lines.filter((l) => l.status === 'deferred').length;
    }
    expect(deferred['2026-01-10']).toBe(4);
    expect(deferred['2026-01-11']).toBe(4);
    expect(sender.sent).toHaveLength(Object.values(EXPECTED).flat().length);
  });

  it('sends nothing twice when every tick runs three times at once', async () => {
    const sender = createRecordingSender();
    const dbs = kind === 'postgres' ? [store.db, ...replicas.map((r) => r.db)] : [store.db, store.db, store.db];
    for (const day of DAYS) {
      const runs = await Promise.all(dbs.map((db) => runTick(db, at9(day), { senders: [sender] })));
      const sent = runs.flat().filter((l) => l.status === 'sent');
      expect(sent.map(label).sort(), day).toEqual([...EXPECTED[day]!].sort());
    }
    const ids = sender.sent.map((s) => s.view.blocks.flatMap((b) => (b.type === 'actions' ? b.actions.map((a) => a.payload.n) : [])).find((n) => n !== undefined));
    expect(new Set(ids).size).toBe(ids.length);
    expect(sender.sent).toHaveLength(Object.values(EXPECTED).flat().length);
    const rows = await allNudges(store.db);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(sender.sent.length);
  });

  it.runIf(kind === 'postgres')('recovers a sweep killed between sending and sent, once, flagging only the message in flight', async () => {
    const now = at9('2026-01-07');
    await sweep(store.db, now);
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/scheduler/support/claim-and-hang.ts', store.url!, now.toISOString()], {
      cwd: process.cwd(),
      env: { ...process.env, QUORUM_LOG_LEVEL: 'silent' },
    });
    const inFlight = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        const m = /SENDING (\d+)/.exec(String(d));
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect((await allNudges(store.db)).every((r) => r.status === 'sending')).toBe(true);

    const sender = createRecordingSender();
    // Within the dead process's lease, nobody touches its rows; after it, each is sent once more.
    expect(await dispatch(store.db, new Date(now.getTime() + 30_000), { senders: [sender] })).toEqual([]);
    const after = new Date(now.getTime() + 61_000);
    const runs = await Promise.all([store.db, ...replicas.map((r) => r.db)].map((db) => dispatch(db, after, { senders: [sender] })));
    expect(runs.flat()).toHaveLength(7);
    expect(sender.sent).toHaveLength(7);
    const rows = await allNudges(store.db);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    // Only the message in flight at the kill may have arrived: it alone carries the note.
    expect(rows.filter((r) => r.possiblySent).map((r) => r.recipientId)).toEqual([inFlight]);
    expect(sender.sent.filter((s) => JSON.stringify(s.view).includes('Sent again after an interruption')).map((s) => s.personId)).toEqual([inFlight]);
  });
});

if (!process.env.TEST_DATABASE_URL) {
  // Visible, not silent: global-setup says the Postgres half is skipped, and so does this file.
  console.log('[quorum tests] NOTE: the three-replica and killed-sweep scenarios need TEST_DATABASE_URL (Postgres); skipped.');
}
