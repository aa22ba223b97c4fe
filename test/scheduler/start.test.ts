// Wiring: every replica's core re-plans and writes notices, whether or not its scheduler runs. A
// chat-only replica (QUORUM_SCHEDULER=off) writes the rows; a replica with the scheduler sends them.
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoreDeps, runAction } from '../../src/bot/core/index.js';
import type { AppContext } from '../../src/bot/plugin.js';
import { dispatch, startScheduler, sweep } from '../../src/bot/scheduler/index.js';
import { loadConfig } from '../../src/config.js';
import { openStore, type Store } from '../../src/store/db.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { EMAILS, silentInviteesCase } from './support/fixtures.js';
import { createRecordingSender } from './support/recording-sender.js';
import { allNudges, at9, seed } from './support/seed.js';

describe.each(DB_KINDS)('startScheduler and the core on each replica (%s)', (kind) => {
  let store: TestStore;
  /** The chat-only replica's own connection (Postgres: a second pool on the same database). */
  let chatStore: Store;
  let ids: Map<string, number>;
  beforeEach(async () => {
    store = await openTestStore(kind);
    ids = await seed(store);
    chatStore = store.url ? await openStore({ databaseUrl: store.url, poolSize: 2 }) : store;
  });
  afterEach(async () => {
    if (chatStore !== store) await chatStore.close();
    await store.close();
  });

  function context(s: Store, env: Record<string, string> = {}): AppContext {
    const config = loadConfig({ QUORUM_SWEEP_CRON: '0 0 1 1 *', ...env });
    return { config, store: s, log: pino({ level: 'silent' }), core: createCoreDeps(config, s) };
  }
  const click = (ctx: AppContext, email: string, now: Date, payload: Record<string, unknown>) =>
    runAction(ctx.core, { user: { platform: 'slack', workspaceId: 'T0TEST', userId: `U0P${ids.get(email)}` }, correlationId: `click-${email}-${String(payload.a)}`, now }, { c: 'CP-0001', ...payload });

  it('writes the chair’s "now quorate" with the click that makes quorum, on a replica whose scheduler is off, and the scheduler replica sends it', async () => {
    const chatOnly = context(chatStore, { QUORUM_SCHEDULER: 'off' });
    const off = await startScheduler(chatOnly, []);
    const now = new Date('2026-01-07T10:30:00Z');
    // The scheduler replica's morning: chases and quorum alerts go out.
    const sender = createRecordingSender();
    await sweep(store.db, at9('2026-01-07'));
    await dispatch(store.db, at9('2026-01-07'), { senders: [sender] });

    const reply = await click(chatOnly, EMAILS.school, now, { a: 'attend', f: 'icpc-1' });
    expect(reply.error).toBeUndefined();
    // Committed with the answer, before any sweep: one notice each for chair, social worker and admin.
    const notices = (await allNudges(store.db)).filter((n) => n.kind === 'quorum_change');
    expect(notices.map((n) => [n.recipientId, n.step, n.status]).sort()).toEqual(
      [ids.get(EMAILS.chair), ids.get(EMAILS.socialWorker), ids.get(EMAILS.admin)].map((id) => [id, 'quorate-1', 'pending']).sort(),
    );

    // Snooze works on the chat-only replica too, for a reminder the other replica sent.
    const chase = (await allNudges(store.db)).find((n) => n.kind === 'reply_chase' && n.recipientId === ids.get(EMAILS.health) && n.status === 'sent')!;
    const snoozed = await click(chatOnly, EMAILS.health, now, { a: 'snooze', n: chase.id });
    expect(snoozed.error).toBeUndefined();
    expect((await allNudges(store.db)).some((n) => n.step === 'snooze-2026-01-08' && n.recipientId === ids.get(EMAILS.health))).toBe(true);

    sender.sent.length = 0;
    const out = await dispatch(store.db, now, { senders: [sender] });
    const toChair = sender.sent.filter((s) => s.personId === ids.get(EMAILS.chair));
    expect(out.filter((o) => o.kind === 'quorum_change' && o.status === 'sent')).toHaveLength(3);
    expect(JSON.stringify(toChair.map((s) => s.view))).toContain('now quorate');
    await off.stop();
  });

  it('neither sweeps nor sends when off; when on, its catch-up sweep has run by the time stop() returns', async () => {
    const off = await startScheduler(context(store, { QUORUM_SCHEDULER: 'off' }), []);
    off.kick();
    await off.stop();
    expect(await allNudges(store.db)).toEqual([]);
    // A case whose initial conference, by today's clock, is overdue and not booked.
    const weeksAgo = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await seed(store, [silentInviteesCase('CP-LATE', { events: [{ kind: 'strategy_discussion', at: weeksAgo }], conferences: [] })]);
    const on = await startScheduler(context(store), [createRecordingSender()]);
    on.kick();
    await on.stop();
    expect((await allNudges(store.db)).some((n) => n.kind === 'timescale' && n.key.includes('/icpc'))).toBe(true);
    const planned = await sweep(store.db, new Date(), { dryRun: true });
    expect(planned.enqueued).toEqual([]);
  });
});
