// Cross-case look-ups: a command or a click that names another case's person or reminder learns
// nothing about them and changes nothing. `uninvite` of someone invited only elsewhere is "not
// invited", unnamed; a Snooze click is checked against the reminder's real owner and case first.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/bot/core/index.js';
import { queryRows } from '../../src/store/db.js';
import { enqueue } from '../../src/store/outbox.js';
import { bookingCase, ctx, deps, P, seed, snapshot, text } from '../conference/support.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { caseFixture, importFile, INVITEES } from '../support/fixtures.js';
import { startHarness, textOf, type Harness } from '../slack/support/harness.js';

/** Row counts and checksums, and every reminder's state (a snooze cancels rows, adds none). */
async function everything(store: TestStore): Promise<string> {
  const [nudges] = await queryRows<{ s: string }>(store.db, sql`select coalesce(string_agg(id || status || due_at::text, ',' order by id), '') as s from nudges`);
  return `${await snapshot(store)}${nudges?.s}`;
}

describe.each(DB_KINDS)('uninvite across cases (%s)', (kind) => {
  let store: TestStore;
  let d: ReturnType<typeof deps>;
  beforeAll(async () => {
    store = await openTestStore(kind);
    d = deps(store);
    // The police officer is invited to CP-OTHER's conference, and to nothing on CP-CONF.
    const other = { ...bookingCase('CP-OTHER'), conferences: [{ id: 'icpc-1', type: 'initial', at: '2026-01-21T10:00:00Z', status: 'scheduled', invitees: [{ name: P.police.name, email: P.police.email, agency: P.police.agency, sector: 'police', slackUserId: P.police.slackUserId, response: 'attending' }] }] };
    await seed(store, other as ReturnType<typeof bookingCase>);
    expect((await runCommand(d, ctx('admin'), 'schedule CP-CONF initial 2026-01-20 10:00')).error).toBeUndefined();
  });
  afterAll(() => store.close());

  it.each([
    ['by email', P.police.email],
    ['by Slack mention', `<@${P.police.slackUserId}>`],
  ])('answers "not invited" without naming a person invited only to another case (%s), and writes nothing', async (_how, who) => {
    const before = await everything(store);
    const reply = await runCommand(d, ctx('admin'), `uninvite CP-CONF ${who} no longer needed`);
    expect(reply.error?.code).toBe('NOT_INVITED');
    expect(reply.error?.message).toContain('is not invited to the');
    for (const secret of [P.police.name, P.police.agency, 'CP-OTHER']) expect(text(reply)).not.toContain(secret);
    expect(await everything(store)).toBe(before);
  });
});

describe.each(DB_KINDS)('a Snooze click across cases, through the Slack endpoint (%s)', (kind) => {
  let h: Harness;
  let nudgeId: number;
  beforeAll(async () => {
    // The health visitor is invited on both cases; a reminder of hers is on CP-0001 only.
    h = await startHarness(kind, importFile(caseFixture(), caseFixture({ ref: 'CP-0002' })), new Date('2026-01-16T10:00:00Z'));
    const [row] = await queryRows<{ case_id: number; person_id: number }>(h.store.db, sql`select c.id as case_id, p.id as person_id from cases c, people p where c.ref = 'CP-0001' and p.email = ${INVITEES.health.email}`);
    const view = { fallback: 'Report due', blocks: [{ type: 'text' as const, text: 'Your report is due.' }] };
    await enqueue(h.store.db, [{ key: `report:${row!.case_id}:${row!.person_id}:d-2`, kind: 'report_due', caseId: row!.case_id, recipientId: row!.person_id, step: 'd-2', dueAt: new Date('2026-01-16T09:00:00Z'), view }]);
    const [n] = await queryRows<{ id: number }>(h.store.db, sql`select id from nudges`);
    nudgeId = Number(n!.id);
  });
  afterAll(() => h.close());

  const snooze = async (user: string, c: string) => {
    const id = `snooze-${user}-${c}-${Math.random()}`;
    await h.click(user, { type: 'button', action_id: 'quorum:snooze:x', text: { type: 'plain_text', text: 'Snooze' }, value: JSON.stringify({ a: 'snooze', c, n: nudgeId }) }, { responseId: id });
    const [reply] = await h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === id));
    return textOf(reply!.body.blocks);
  };

  it("writes nothing for a click carrying another case's reference, or clicked by someone else", async () => {
    const before = await everything(h.store);
    expect(await snooze('UHEALTH01', 'CP-0002')).toContain('That reminder was not sent to you');
    expect(await snooze('UPOLICE01', 'CP-0001')).toContain('That reminder was not sent to you');
    await h.mounted.settled?.();
    expect(await everything(h.store)).toBe(before);
  });

  it('snoozes when the owner clicks it on its own case', async () => {
    expect(await snooze('UHEALTH01', 'CP-0001')).toContain('Snoozed');
    const [audit] = await queryRows<{ case_ref: string }>(h.store.db, sql`select case_ref from audit_log where action = 'NUDGE_SNOOZED'`);
    expect(audit?.case_ref).toBe('CP-0001');
  });
});
