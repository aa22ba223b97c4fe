// startScheduler: wires the core's hooks, kicks a dispatch, and stops cleanly.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/bot/plugin.js';
import { startScheduler } from '../../src/bot/scheduler/index.js';
import { loadConfig } from '../../src/config.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { createRecordingSender } from './support/recording-sender.js';
import { allNudges, at9, seed } from './support/seed.js';

describe.each(DB_KINDS)('startScheduler (%s)', (kind) => {
  let store: TestStore;
  // One store for the file: only the first test touches the database.
  beforeAll(async () => {
    store = await openTestStore(kind);
    await seed(store);
  });
  afterAll(async () => {
    await store.close();
  });

  function context(env: Record<string, string> = {}): AppContext {
    const config = loadConfig({ QUORUM_SWEEP_CRON: '0 0 1 1 *', ...env });
    return { config, store, log: pino({ level: 'silent' }), core: { store } };
  }

  it('gives the core its hooks: a replan inside a transaction writes the case’s due nudges', async () => {
    const ctx = context();
    const handle = await startScheduler(ctx, [createRecordingSender()]);
    try {
      expect(ctx.core.scheduler).toBeDefined();
      await store.db.transaction(async (tx) => ctx.core.scheduler!.replanCase(tx, 1, at9('2026-01-07')));
      expect(await allNudges(store.db)).toHaveLength(7);
      handle.kick();
    } finally {
      await handle.stop();
    }
  });

  it('does nothing when switched off', async () => {
    const ctx = context({ QUORUM_SCHEDULER: 'off' });
    const handle = await startScheduler(ctx, []);
    expect(ctx.core.scheduler).toBeUndefined();
    handle.kick();
    await handle.stop();
  });
});
