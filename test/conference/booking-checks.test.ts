// Bookings and moves that look like slips are refused with the reason, and can be confirmed: the
// "Book anyway" button or a typed --confirm books it, and the audit entry says what was confirmed.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, runCommand } from '../../src/bot/core/index.js';
import type { ActionPayload, CoreReply } from '../../src/bot/core/types.js';
import { queryRows } from '../../src/store/db.js';
import { ctx, deps, seed, snapshot } from './support.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';

function button(reply: CoreReply): ActionPayload | undefined {
  for (const b of reply.view?.blocks ?? []) if (b.type === 'actions') return b.actions[0]?.payload;
  return undefined;
}

async function lastAudit(store: TestStore, action: string): Promise<Record<string, unknown>> {
  const [row] = await queryRows<{ detail: Record<string, unknown> }>(store.db, sql`select detail from audit_log where action = ${action} order by id desc limit 1`);
  return row!.detail;
}

describe.each(DB_KINDS)('unusual bookings (%s)', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
    await seed(store);
  });
  afterAll(() => store.close());

  it.each([
    ['a Saturday', 'schedule CP-CONF initial 2026-01-10 10:00', 'Sat 10 Jan 2026 is not a working day (a weekend)'],
    ['a bank holiday at 03:00', 'schedule CP-CONF initial 2026-04-03 03:00', 'Fri 3 Apr 2026 is not a working day (a bank holiday); the time is outside 08:00 to 18:00'],
    ['more than a year ahead', 'schedule CP-CONF initial 2027-03-02 10:00', 'the date is more than a year ahead'],
    ['a review with nothing to review', 'schedule CP-CONF review 2026-01-20 10:00', 'CP-CONF has no initial conference and no plan, so there is nothing to review'],
  ])('refuses %s with the reason and a Book anyway button, writing nothing', async (_what, command, reason) => {
    const before = await snapshot(store);
    const reply = await runCommand(deps(store), ctx('admin'), command);
    expect(reply.error?.code).toBe('NEEDS_CONFIRMATION');
    expect(reply.error?.message).toContain(`Not booked: ${reason}.`);
    expect(button(reply)).toMatchObject({ a: 'book_anyway', c: 'CP-CONF', t: `${command} --confirm` });
    expect(await snapshot(store)).toBe(before);
  });

  it('books when the button is pressed, and audits what was confirmed', async () => {
    const refused = await runCommand(deps(store), ctx('admin'), 'schedule CP-CONF initial 2026-01-10 10:00');
    const reply = await runAction(deps(store), ctx('admin'), button(refused));
    expect(reply.error).toBeUndefined();
    expect(reply.view?.fallback).toContain('booked');
    expect(await lastAudit(store, 'CONFERENCE_SCHEDULED')).toMatchObject({ confirmedDespite: ['NOT_WORKING_DAY'] });
  });

  it('says nobody is invited yet, and what quorum needs, on a conference with no invitees', async () => {
    const reply = JSON.stringify(await runCommand(deps(store), ctx('admin'), 'case CP-CONF'));
    expect(reply).toContain("Nobody is invited yet. For quorum it needs children's social care and ");
    expect(reply).not.toContain('All expected reports are in');
  });

  it('refuses a move to Christmas Day at 03:00 unless --confirm is typed', async () => {
    const command = 'move CP-CONF 2026-12-25 03:00 family-request';
    const refused = await runCommand(deps(store), ctx('admin'), command);
    expect(refused.error?.message).toContain('Not moved: Fri 25 Dec 2026 is not a working day (a bank holiday); the time is outside 08:00 to 18:00.');
    expect(button(refused)?.t).toBe(`${command} --confirm`);
    const moved = await runCommand(deps(store), ctx('admin'), `${command} --confirm`);
    expect(moved.error).toBeUndefined();
    expect(await lastAudit(store, 'CONFERENCE_MOVED')).toMatchObject({ confirmedDespite: ['NOT_WORKING_DAY', 'OUTSIDE_WORKING_HOURS'] });
  });

  it('moves to an ordinary working day without asking', async () => {
    const reply = await runCommand(deps(store), ctx('admin'), 'move CP-CONF 2026-01-21 10:00 family-request');
    expect(reply.error).toBeUndefined();
  });

  it('refuses a forged button that carries another command or another case, writing nothing', async () => {
    const before = await snapshot(store);
    for (const t of ['cancel CP-CONF other no longer needed --confirm', 'move CP-ELSE 2026-01-21 11:00 other x --confirm', 'move CP-CONF 2026-01-22 10:00 other no flag']) {
      const reply = await runAction(deps(store), ctx('admin'), { a: 'book_anyway', c: 'CP-CONF', t });
      expect(reply.error?.code, t).toBe('BAD_ACTION');
    }
    expect(await snapshot(store)).toBe(before);
  });
});
