import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/bot/core/index.js';
import { listAudit } from '../../src/store/audit.js';
import { findCaseByRef, loadCase } from '../../src/store/cases.js';
import { queryRows } from '../../src/store/db.js';
import { importCases } from '../../src/store/import.js';
import { findPersonByEmail } from '../../src/store/people.js';
import { sql } from 'drizzle-orm';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { bookingCase, ctx, deps, P, seed, snapshot, text } from './support.js';

/** Thu 22 Jan 2026; the ICPC was held Tue 20 Jan with a plan. */
const NOW = new Date('2026-01-22T09:00:00Z');

function heldCase() {
  return {
    ...bookingCase('CP-HELD'),
    conferences: [
      { id: 'icpc-1', type: 'initial', at: '2026-01-20T10:00:00Z', status: 'held', outcome: 'plan', outcomes: [{ child: 'A', plan: true, category: 'neglect' }, { child: 'B', plan: true, category: 'neglect' }], quorum: { decision: 'quorate' } },
    ],
  };
}

describe.each(DB_KINDS)('record what happened (%s)', (kind) => {
  let store: TestStore;
  let d: ReturnType<typeof deps>;
  const facts = async () => (await loadCase(store.db, (await findCaseByRef(store.db, 'CP-HELD'))!.id))!.facts;
  beforeAll(async () => {
    store = await openTestStore(kind);
    d = deps(store);
    await seed(store);
    await importCases(store, { cases: [heldCase()] }, { actor: 'test', correlationId: 'seed' });
  });
  afterAll(() => store.close());

  it.each([
    ['record CP-HELD visit 2026-01-23', 'DATE_IN_FUTURE'],
    ['record CP-HELD visit 2026-13-01', 'BAD_DATE'],
    ['record CP-HELD visit yesterday', 'BAD_DATE'],
    ['record CP-HELD', 'BAD_USAGE'],
    ['record CP-HELD lunch', 'BAD_USAGE'],
    ['record CP-HELD visit 2026-01-21 2026-01-20', 'BAD_USAGE'],
    ['record CP-HELD minutes-sent 2026-01-19', 'DATE_BEFORE_CONFERENCE'],
    ['record CP-HELD visit --corrects', 'NOTHING_TO_CORRECT'],
    ['record CP-CONF decision-sent', 'NO_HELD_CONFERENCE'],
    ['record CP-CONF remote-attendance', 'NO_CONFERENCE_BOOKED'],
    ['record CP-HELD mid-point-agreed', 'BAD_USAGE'],
    ['record CP-HELD parents-absent 2026-01-19', 'DATE_BEFORE_CONFERENCE'],
  ])('refuses "%s" with %s and writes nothing', async (command, code) => {
    const before = await snapshot(store);
    const reply = await runCommand(d, ctx('sw', NOW), command);
    expect(reply.error?.code).toBe(code);
    expect(reply.error?.message.length).toBeGreaterThan(10);
    expect(await snapshot(store)).toBe(before);
  });

  it.each([
    ['tm', 'NOT_ALLOWED'],
    ['police', 'NOT_A_MEMBER'],
  ] as const)('refuses the %s (%s)', async (who, code) => {
    const before = await snapshot(store);
    expect((await runCommand(d, ctx(who, NOW), 'record CP-HELD visit')).error?.code).toBe(code);
    expect(await snapshot(store)).toBe(before);
  });

  it('records the decision sent, with its author, and shows the milestone it met and its standard', async () => {
    const reply = await runCommand(d, ctx('chair', NOW), 'record CP-HELD decision-sent 2026-01-21');
    expect(reply.error).toBeUndefined();
    expect(text(reply)).toContain('Decision and outline plan sent recorded for Wed 21 Jan 2026');
    expect(text(reply)).toMatch(/Met: Chair's letter and outline plan sent due by Wed 21 Jan 2026.*Swindon Multi-Agency Standards for Safeguarding Children, Child Protection Conference Documents\/Minutes standard 1/);
    expect(text(reply)).toContain('Due next');
    const chair = (await findPersonByEmail(store.db, P.chair.email))!;
    const [row] = await queryRows<{ author_person_id: number; source: string; conference_key: string }>(store.db, sql`select author_person_id, source, conference_key from events where kind = 'decision_sent'`);
    expect(row).toEqual({ author_person_id: chair.id, source: 'chat', conference_key: 'icpc-1' });
    expect((await listAudit(store.db, 'CP-HELD')).map((a) => a.action)).toContain('EVENT_RECORDED');
  });

  it('records a visit for today by default and says when the next one is due', async () => {
    const reply = await runCommand(d, ctx('sw', NOW), 'record CP-HELD visit');
    expect(reply.error).toBeUndefined();
    expect(text(reply)).toContain('Statutory visit recorded for Thu 22 Jan 2026');
    expect(text(reply)).toMatch(/Child seen alone \(statutory visit\) due by Thu 5 Feb 2026: at most 10 working days after the last statutory visit/);
    expect((await facts()).events.filter((e) => e.kind === 'statutory_visit')).toEqual([expect.objectContaining({ at: NOW.toISOString() })]);
  });

  it('refuses the same thing twice on one day, pointing to --corrects', async () => {
    const before = await snapshot(store);
    const reply = await runCommand(d, ctx('sw', NOW), 'record CP-HELD visit 2026-01-22');
    expect(reply.error?.code).toBe('ALREADY_RECORDED');
    expect(reply.error?.message).toContain('--corrects');
    expect(await snapshot(store)).toBe(before);
  });

  it('corrects an entry with a superseding one: the old stays stored, only the new counts', async () => {
    const reply = await runCommand(d, ctx('sw', NOW), 'record CP-HELD visit 2026-01-21 --corrects');
    expect(reply.error).toBeUndefined();
    expect(text(reply)).toContain('corrects the entry for Thu 22 Jan 2026');
    const rows = await queryRows<{ id: number; superseded_by: number | null; at: Date | string }>(store.db, sql`select id, superseded_by, at from events where kind = 'statutory_visit' order by id`);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.superseded_by).toBe(rows[1]!.id);
    expect(rows[1]!.superseded_by).toBeNull();
    const visits = (await facts()).events.filter((e) => e.kind === 'statutory_visit');
    expect(visits).toEqual([expect.objectContaining({ at: '2026-01-21T17:00:00.000Z' })]);
    expect((await listAudit(store.db, 'CP-HELD')).map((a) => a.action)).toContain('EVENT_CORRECTED');
  });

  it('corrects the entry on a named date', async () => {
    const reply = await runCommand(d, ctx('admin', NOW), 'record CP-HELD visit 2026-01-20 --corrects 2026-01-21');
    expect(reply.error).toBeUndefined();
    expect((await facts()).events.filter((e) => e.kind === 'statutory_visit').map((e) => e.at)).toEqual(['2026-01-20T17:00:00.000Z']);
  });

  it('records the first core group and shows it met', async () => {
    const reply = await runCommand(d, ctx('sw', NOW), 'record CP-HELD core-group 2026-01-21');
    expect(reply.error).toBeUndefined();
    expect(text(reply)).toMatch(/Met: First core group due by Tue 3 Feb 2026/);
  });

  it('records the mid-point review date agreed at the conference, a future date, as the milestone (Swindon CPC 8)', async () => {
    const reply = await runCommand(d, ctx('chair', NOW), 'record CP-HELD mid-point-agreed 2026-03-02');
    expect(reply.error).toBeUndefined();
    expect(text(reply)).toContain('Mid-point review date agreed recorded for Mon 2 Mar 2026');
    expect(text(reply)).toMatch(/Mid-point review due by Mon 2 Mar 2026: on the date agreed at the conference.*Child Protection Conferences standard 8/);
    const [row] = await queryRows<{ conference_key: string }>(store.db, sql`select conference_key from events where kind = 'mid_point_review_agreed'`);
    expect(row).toEqual({ conference_key: 'icpc-1' });
  });

  it('records the parents absent from the conference, then told the plan late (Swindon CPC 10, 24 hours)', async () => {
    expect((await runCommand(d, ctx('sw', NOW), 'record CP-HELD parents-absent 2026-01-20')).error).toBeUndefined();
    const reply = await runCommand(d, ctx('sw', NOW), 'record CP-HELD parents-told');
    expect(reply.error).toBeUndefined();
    expect(text(reply)).toMatch(/Met \(late\): Absent parents told the outline plan due by Wed 21 Jan 2026 at 10:00/);
    const [row] = await queryRows<{ conference_key: string }>(store.db, sql`select conference_key from events where kind = 'parents_absent'`);
    expect(row).toEqual({ conference_key: 'icpc-1' });
  });
});
