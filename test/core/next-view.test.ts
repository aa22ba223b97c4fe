// `next` puts what can still be done first: at most three overdue lines (latest first), the older
// ones named in one line, then what is coming, soonest first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/bot/core/index.js';
import type { Block } from '../../src/bot/core/types.js';
import { importCases } from '../../src/store/import.js';
import { ctxFor, roleCase } from '../support/core-case.js';
import { openTestStore, type TestStore } from '../support/databases.js';

describe('next', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    await importCases(store, { cases: [roleCase()] }, { actor: 'test', correlationId: 'c' });
  });
  afterAll(() => store.close());

  it('shows three overdue lines, latest first, names the older ones in one line, then what is coming', async () => {
    const reply = await runCommand({ store }, ctxFor('chair', new Date('2026-04-14T10:00:00Z')), 'next CP-ROLE');
    const blocks = reply.view!.blocks;
    const at = (text: string) => blocks.findIndex((b) => b.type === 'text' && b.text === text);
    const overdueAt = at('*Overdue, latest first*');
    expect(overdueAt).toBeGreaterThan(0);
    const overdue = (blocks[overdueAt + 1] as Extract<Block, { type: 'list' }>).items;
    expect(overdue.length).toBeLessThanOrEqual(3);
    expect(overdue.every((l) => l.startsWith('*OVERDUE*'))).toBe(true);
    const older = blocks.find((b) => b.type === 'context' && b.text.startsWith('Also overdue: '));
    // Months after the review was due, ten things are overdue: seven of them in the one line.
    expect(reply.view!.fallback).toBe('CP-ROLE: 11 deadlines coming, 10 overdue.');
    expect(overdue).toHaveLength(3);
    expect(older?.type === 'context' && older.text.split('; ')).toHaveLength(7);
    expect(at('*Coming, soonest first*')).toBeGreaterThan(overdueAt);
  });
});
