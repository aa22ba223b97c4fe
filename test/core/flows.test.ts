import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHome, runAction, runCommand, submitForm } from '../../src/bot/core/index.js';
import type { CoreDeps } from '../../src/bot/core/types.js';
import { queryRows } from '../../src/store/db.js';
import { importCases } from '../../src/store/import.js';
import { ctxFor, roleCase } from '../support/core-case.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';

const NOW = new Date('2026-04-08T10:00:00Z');

async function count(store: TestStore, table: string, where = 'true'): Promise<number> {
  return (await queryRows<{ n: number }>(store.db, sql.raw(`select count(*)::int as n from ${table} where ${where}`)))[0]!.n;
}

describe.each(DB_KINDS)('core flows (%s)', (kind) => {
  let store: TestStore;
  let deps: CoreDeps;
  let kicks = 0;
  const replanned: number[] = [];
  beforeAll(async () => {
    store = await openTestStore(kind);
    deps = {
      store,
      kick: () => kicks++,
      onReplanned: (ids) => void replanned.push(...ids),
    };
    await importCases(store, { cases: [roleCase()] }, { actor: 'test', correlationId: 'c' });
  });
  afterAll(() => store.close());

  it('shows the coming deadlines soonest first, each naming its standard', async () => {
    const reply = await runCommand(deps, ctxFor('invitee', NOW), 'next CP-ROLE');
    const list = reply.view!.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.items.length).toBeGreaterThan(0);
    if (list?.type === 'list') for (const item of list.items) expect(item).toMatch(/\(Swindon|Working Together/);
    expect(JSON.stringify(reply)).toContain('K.L.');
  });

  it("shows on my attendance card the report deadlines I owe, each naming its standard", async () => {
    const reply = await runCommand(deps, ctxFor('invitee', new Date('2026-04-01T10:00:00Z')), 'attend CP-ROLE');
    const list = reply.view!.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.items.join('\n')).toMatch(/Professionals' reports due by .*\(Swindon Multi-Agency Standards for Safeguarding Children, Reports to Child Protection Conferences standard 1\)/);
  });

  it('records an attendance click once, audits it, re-plans nudges and updates the card in place', async () => {
    const before = await count(store, 'audit_log', "action = 'INVITATION_RESPONDED'");
    const reply = await runAction(deps, ctxFor('invitee', NOW), { a: 'attend', c: 'CP-ROLE', f: 'rcpc-1' });
    expect(reply.replace).toBe(true);
    expect(JSON.stringify(reply.view)).toContain('Attending');
    expect(await count(store, 'audit_log', "action = 'INVITATION_RESPONDED'")).toBe(before + 1);
    expect(replanned.length).toBe(1);
    expect(kicks).toBe(1);
    const again = await runAction(deps, ctxFor('invitee', NOW), { a: 'attend', c: 'CP-ROLE', f: 'rcpc-1' });
    expect(JSON.stringify(again.view)).toContain('No change');
    expect(await count(store, 'audit_log', "action = 'INVITATION_RESPONDED'")).toBe(before + 1);
  });

  it('answers a platform retry with the first reply and records nothing twice', async () => {
    const ctx = ctxFor('invitee', NOW, { idempotencyKey: 'slack:T1:UINVITEE:1712570000.000100' });
    const first = await runAction(deps, ctx, { a: 'report_only', c: 'CP-ROLE', f: 'rcpc-1' });
    const audits = await count(store, 'audit_log');
    const retry = await runAction(deps, { ...ctx, correlationId: 'retry' }, { a: 'report_only', c: 'CP-ROLE', f: 'rcpc-1' });
    expect(retry).toEqual(first);
    expect(await count(store, 'audit_log')).toBe(audits);
  });

  it('asks who is coming instead, then records the colleague', async () => {
    const ask = await runAction(deps, ctxFor('invitee', NOW), { a: 'deputy', c: 'CP-ROLE', f: 'rcpc-1' });
    expect(ask.form?.id).toBe('deputy');
    const bad = await submitForm(deps, ctxFor('invitee', NOW), 'deputy', ask.form!.state, { deputy: ' ' });
    expect(bad.error).toMatchObject({ code: 'INVALID_FIELD', field: 'deputy' });
    const ok = await submitForm(deps, ctxFor('invitee', NOW), 'deputy', ask.form!.state, { deputy: 'DC Lee, Public Protection Unit' });
    expect(JSON.stringify(ok.view)).toContain('Sending a colleague (DC Lee, Public Protection Unit)');
  });

  it('marks the report submitted, then shared, keeping the first time on a second click', async () => {
    const submitted = await runAction(deps, ctxFor('invitee', NOW), { a: 'report_submitted', c: 'CP-ROLE', f: 'rcpc-1' });
    expect(JSON.stringify(submitted.view)).toContain('Submitted, not yet shared');
    const later = new Date(NOW.getTime() + 3600_000);
    await runAction(deps, ctxFor('invitee', later), { a: 'report_submitted', c: 'CP-ROLE', f: 'rcpc-1' });
    const rows = await queryRows<{ t: Date | string }>(store.db, sql`select report_submitted_at as t from invitations where report_submitted_at is not null`);
    expect(new Date(rows[0]!.t).toISOString()).toBe(NOW.toISOString());
    const shared = await runAction(deps, ctxFor('invitee', NOW), { a: 'report_shared', c: 'CP-ROLE', f: 'rcpc-1' });
    expect(JSON.stringify(shared.view)).toContain('shared with family');
  });

  it('records dissent, supersedes it on a change, and tells the chair and the QA manager (Swindon)', async () => {
    const open = await runCommand(deps, ctxFor('core_group', NOW), 'dissent CP-ROLE');
    expect(open.form?.id).toBe('dissent');
    const short = await submitForm(deps, ctxFor('core_group', NOW), 'dissent', open.form!.state, { decision: 'plan', view: 'too short', formal: 'formal' });
    expect(short.error).toMatchObject({ code: 'INVALID_FIELD', field: 'view' });
    const tooLong = await submitForm(deps, ctxFor('core_group', NOW), 'dissent', open.form!.state, { decision: 'plan', view: 'x'.repeat(3001), formal: 'formal' });
    expect(tooLong.error?.field).toBe('view');
    const before = await count(store, 'dissents');
    const ok = await submitForm(deps, ctxFor('core_group', NOW), 'dissent', open.form!.state, { decision: 'plan', view: 'The family support charity sees steady progress.', formal: 'formal' });
    expect(ok.error).toBeUndefined();
    // The receipt names who is told, by role, and the standard that sends formal dissent to QA.
    expect(JSON.stringify(ok.view)).toContain("Told: Cara Chair (chair) and Quin Manager (QA manager).");
    expect(JSON.stringify(ok.view)).toMatch(/Swindon sends formal dissent to the QA manager as well as the chair \(.*standard 9\)/);
    const change = await submitForm(deps, ctxFor('core_group', NOW), 'dissent', open.form!.state, { decision: 'plan', view: 'On reflection: progress is steady but fragile.', formal: 'recorded' });
    expect(JSON.stringify(change.view)).toContain('replacing your earlier entry');
    expect(await count(store, 'dissents')).toBe(before + 2);
    expect(await count(store, 'dissents', 'supersedes is not null')).toBe(1);
    expect(await count(store, 'nudges', "kind = 'dissent_notice'")).toBe(3);
  });

  it('refuses a bad button payload and an unknown form, writing nothing', async () => {
    const audits = await count(store, 'audit_log');
    for (const payload of [null, 'not json', { a: 'explode', c: 'CP-ROLE' }, { a: 'attend', c: "x'; drop table cases; --" }]) {
      expect((await runAction(deps, ctxFor('invitee', NOW), payload)).error?.code).toBe('BAD_ACTION');
    }
    expect((await submitForm(deps, ctxFor('invitee', NOW), 'nope', {}, {})).error?.code).toBe('BAD_FORM');
    expect(await count(store, 'audit_log')).toBe(audits);
  });

  it('answers an unknown command and a missing case with usage', async () => {
    expect((await runCommand(deps, ctxFor('invitee', NOW), 'frobnicate')).error?.message).toMatch(/next CASE/);
    expect((await runCommand(deps, ctxFor('invitee', NOW), 'next')).error?.message).toMatch(/Usage: `next CASE`/);
    expect((await runCommand(deps, ctxFor('invitee', NOW), 'next <script>')).error?.code).toBe('BAD_CASE_REF');
  });

  it('lists what is due for me, and home shows it with cards waiting', async () => {
    const mine = await runCommand(deps, ctxFor('social_worker', NOW), 'mine');
    expect(mine.view!.blocks[0]).toMatchObject({ type: 'header' });
    const home = await renderHome(deps, ctxFor('social_worker', NOW));
    expect(home.blocks[0]).toMatchObject({ type: 'header', text: 'Quorum: what is due for you' });
  });
});
