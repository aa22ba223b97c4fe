// `quorum tick` through commander, against a test store: --json lines, --dry-run writes nothing.
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerTick } from '../../src/cli/tick-command.js';
import type { Store } from '../../src/store/db.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { EMAILS } from './support/fixtures.js';
import { createRecordingSender } from './support/recording-sender.js';
import { allNudges, seed } from './support/seed.js';

describe.each(DB_KINDS)('quorum tick (%s)', (kind) => {
  let store: TestStore;
  let out: string;
  const run = async (args: string[], senders = [createRecordingSender()]) => {
    out = '';
    const program = new Command('quorum').exitOverride();
    registerTick(program, { stdout: (s) => (out += s), withStore: <T>(fn: (s: Store) => Promise<T>) => fn(store), senders: () => senders });
    await program.parseAsync(['tick', ...args], { from: 'user' });
    return out.trim().split('\n').filter(Boolean);
  };
  beforeEach(async () => {
    store = await openTestStore(kind);
    await seed(store);
  });
  afterEach(async () => {
    await store.close();
  });

  it('prints what it would send with --dry-run and writes nothing', async () => {
    const lines = (await run(['--at', '2026-01-07T09:00:00Z', '--dry-run', '--json'])).map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines).toHaveLength(7);
    expect(Object.keys(lines[0]!).sort()).toEqual(['case', 'channel', 'key', 'kind', 'recipient', 'status', 'text']);
    expect(new Set(lines.map((l) => l.status))).toEqual(new Set(['planned']));
    expect(lines.find((l) => l.kind === 'reply_chase' && l.recipient === EMAILS.health)).toMatchObject({ case: 'CP-0001', channel: 'slack' });
    expect(await allNudges(store.db)).toEqual([]);
  });

  it('sends, and says which nudges it sent, deferred and cancelled', async () => {
    const sent = (await run(['--at', '2026-01-07T09:00:00Z', '--json'])).map((l) => JSON.parse(l) as Record<string, string>);
    expect(sent.map((l) => l.status)).toEqual(Array(7).fill('sent'));
    expect(sent.find((l) => l.kind === 'report_due')!.text).toContain('Standard: ');
    const night = (await run(['--at', '2026-01-08T19:00:00Z', '--json'])).map((l) => JSON.parse(l) as Record<string, string>);
    expect(new Set(night.map((l) => l.status))).toEqual(new Set(['deferred']));
    const table = await run(['--at', '2026-01-08T19:00:00Z']);
    expect(table[0]).toBe('Tick at 2026-01-08T19:00:00.000Z: 3 nudge(s).');
    // Headings over the columns, each nudge's message under its row.
    expect(table[1]).toMatch(/^STATUS\s+KIND\s+CASE\s+RECIPIENT\s+CHANNEL$/);
    expect(table[2]).toMatch(/^deferred\s+\S+\s+CP-0001\s+\S+\s+\S+$/);
    expect(table[3]).toMatch(/^ {4}message: \S/);
  });

  it('says a dry run writes nothing, in the table too', async () => {
    const table = await run(['--at', '2026-01-07T09:00:00Z', '--dry-run']);
    expect(table[0]).toBe('Dry run (nothing sent or written) at 2026-01-07T09:00:00.000Z: 7 nudge(s).');
    expect(table[1]).toMatch(/^STATUS\s+KIND/);
  });

  it('refuses an --at that is not an ISO instant, writing nothing', async () => {
    await expect(run(['--at', 'next tuesday'])).rejects.toMatchObject({ code: 'USAGE' });
    expect(await allNudges(store.db)).toEqual([]);
  });
});
