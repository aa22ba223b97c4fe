// After a cancel and a new booking, the booking reply and `next` come from one evaluation: the
// new conference's deadline is the one `next` shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/bot/core/index.js';
import { ctx, deps, seed, text } from './support.js';
import { openTestStore, type TestStore } from '../support/databases.js';

describe('booking again after a cancel', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    await seed(store);
  });
  afterAll(() => store.close());

  it('names the initial conference deadline in the reply, as next does', async () => {
    expect((await runCommand(deps(store), ctx('admin'), 'schedule CP-CONF initial 2026-01-20 10:00')).error).toBeUndefined();
    expect((await runCommand(deps(store), ctx('admin'), 'cancel CP-CONF family-request')).error).toBeUndefined();
    const again = await runCommand(deps(store), ctx('admin'), 'schedule CP-CONF initial 2026-01-22 10:00');
    expect(again.error).toBeUndefined();
    const next = text(await runCommand(deps(store), ctx('admin'), 'next CP-CONF'));
    const line = /In time: (Initial conference due by [^"]+)"/.exec(text(again))?.[1];
    expect(line).toContain('within 15 working days of the strategy discussion');
    expect(next).toContain(line);
    expect(text(again)).not.toContain('No deadline applies yet');
  });
});
