import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, runCommand } from '../../src/bot/core/index.js';
import { takeMention } from '../../src/bot/core/mentions.js';
import type { View } from '../../src/bot/core/types.js';
import { listAudit } from '../../src/store/audit.js';
import { queryRows } from '../../src/store/db.js';
import { findPersonByEmail } from '../../src/store/people.js';
import { sql } from 'drizzle-orm';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { count, ctx, deps, P, seed, snapshot, text } from './support.js';

describe('takeMention', () => {
  it.each([
    ['<@UPIPCO001> Wiltshire Police', { kind: 'slack', userId: 'UPIPCO001' }, 'Wiltshire Police'],
    ['<@UPIPCO001|pip> rest', { kind: 'slack', userId: 'UPIPCO001' }, 'rest'],
    ['<at>Pip Constable</at> police', { kind: 'teams', name: 'Pip Constable' }, 'police'],
    ['Pip.Constable@Police.example', { kind: 'email', email: 'pip.constable@police.example' }, ''],
    ['<mailto:pip@police.example|pip@police.example> Police police', { kind: 'email', email: 'pip@police.example' }, 'Police police'],
  ])('reads %s', (input, mention, rest) => {
    expect(takeMention(input, 'invite CASE @person')).toEqual({ mention, rest });
  });

  it.each([
    ['', 'BAD_USAGE'],
    ['Pip', 'BAD_MENTION'],
    ['@pip', 'BAD_MENTION'],
    ['pip@', 'BAD_EMAIL'],
  ])('refuses "%s" with %s', (input, code) => {
    expect(() => takeMention(input, 'invite CASE @person')).toThrow(expect.objectContaining({ code }));
  });
});

describe.each(DB_KINDS)('invite and uninvite (%s)', (kind) => {
  let store: TestStore;
  let d: ReturnType<typeof deps>;
  beforeAll(async () => {
    store = await openTestStore(kind);
    d = deps(store);
    await seed(store);
  });
  afterAll(() => store.close());

  it('refuses to invite before a conference is booked', async () => {
    const reply = await runCommand(d, ctx('admin'), `invite CP-CONF <@${P.police.slackUserId}>`);
    expect(reply.error?.code).toBe('NO_CONFERENCE');
  });

  it('invites by Slack mention: the invitee gets the attendance card at once, with its buttons', async () => {
    expect((await runCommand(d, ctx('admin'), 'schedule CP-CONF initial 2026-01-20 10:00')).error).toBeUndefined();
    const reply = await runCommand(d, ctx('admin'), `invite CP-CONF <@${P.police.slackUserId}|pip>`);
    expect(reply.error).toBeUndefined();
    expect(text(reply)).toContain('Pip Constable invited');
    expect(text(reply)).toContain('Wiltshire Police');
    const [row] = await queryRows<{ key: string; kind: string; payload: { view: View } }>(store.db, sql`select key, kind, payload from nudges where kind = 'invitation'`);
    expect(row?.key).toMatch(/^invitation:\d+:/);
    const actions = row!.payload.view.blocks.find((b) => b.type === 'actions');
    expect(actions && actions.type === 'actions' && actions.actions.map((a) => a.payload.a)).toEqual(['attend', 'deputy', 'report_only', 'decline']);
    expect(await count(store, 'conferences', 'invitations_sent_at is not null')).toBe(1);
    // The police officer is now on the case and can answer.
    const attend = await runAction(d, ctx('police'), { a: 'attend', c: 'CP-CONF', f: 'icpc-1' });
    expect(attend.error).toBeUndefined();
    // `case` shows who is invited, to those who may see it.
    expect(text(await runCommand(d, ctx('admin'), 'case CP-CONF'))).toContain('Pip Constable, Wiltshire Police: Attending');
  });

  it('creates someone new by email with the agency and sector given, and invites them', async () => {
    expect(await findPersonByEmail(store.db, P.health.email)).toBeUndefined();
    const reply = await runCommand(d, ctx('sw'), `invite CP-CONF ${P.health.email} Great Western Hospitals NHS FT health`);
    expect(reply.error).toBeUndefined();
    const person = await findPersonByEmail(store.db, P.health.email);
    expect(person).toMatchObject({ name: 'Hana Visitor', organisation: 'Great Western Hospitals NHS FT', sector: 'health' });
    const actions = (await listAudit(store.db, 'CP-CONF')).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['PERSON_CREATED', 'INVITATION_CREATED']));
    // The reply echoes who was invited, by the address typed, and says where the name came from.
    expect(text(reply)).toContain(`"label":"Email","value":"${P.health.email}"`);
    expect(text(reply)).toContain('the name is taken from the email address');
  });

  it('names a word that is not a sector, and lists the sectors allowed', async () => {
    const before = await snapshot(store);
    const reply = await runCommand(d, ctx('admin'), 'invite CP-CONF someone@police.example Police cops');
    expect(reply.error?.code).toBe('BAD_SECTOR');
    expect(reply.error?.message).toContain('"cops" is not a sector. Give one of: ');
    expect(reply.error?.message).toContain('police, ');
    expect(reply.error?.message).toContain('`invite CP-CONF someone@police.example Police police`');
    expect(await snapshot(store)).toBe(before);
  });

  it('records the agency once in the directory (case and spaces folded) and which children the invitee has direct contact with', async () => {
    const reply = await runCommand(d, ctx('admin'), 'invite CP-CONF ed.officer@council.example Great  western hospitals nhs ft education --contact M.N.');
    expect(reply.error).toBeUndefined();
    expect(text(reply)).toContain('M.N.');
    const rows = await queryRows<{ key: string; sector: string; n: number }>(store.db, sql`select a.key, a.sector, count(i.id)::int as n from agencies a left join invitations i on i.agency_id = a.id group by a.id order by a.key`);
    // The hospital's health and "education" invitees are two agencies; one row each however typed.
    expect(rows.filter((r) => r.key.endsWith(':great western hospitals nhs ft')).map((r) => [r.sector, r.n])).toEqual([['education', 1], ['health', 1]]);
    const [inv] = await queryRows<{ direct_contact: string[] }>(store.db, sql`select direct_contact from invitations i join people p on p.id = i.person_id where p.email = 'ed.officer@council.example'`);
    expect(inv!.direct_contact).toEqual(['B']);
    expect((await listAudit(store.db, 'CP-CONF')).map((a) => a.action)).toContain('AGENCY_REGISTERED');
    expect((await runCommand(d, ctx('admin'), 'invite CP-CONF x.y@council.example Oakfield education --contact Z.Z.')).error?.code).toBe('UNKNOWN_CHILD');
  });

  it('resolves a Teams mention by display name', async () => {
    const reply = await runCommand(d, ctx('admin'), '<at>Sue Worker</at>'.replace(/^/, 'invite CP-CONF '));
    expect(reply.error).toBeUndefined();
    expect(text(reply)).toContain('Sue Worker invited');
  });

  it.each([
    ['invite CP-CONF <@UNOBODY99>', 'UNKNOWN_PERSON'],
    ['invite CP-CONF <at>Nobody Known</at>', 'UNKNOWN_PERSON'],
    ['invite CP-CONF new.person@school.example', 'AGENCY_REQUIRED'],
    ['invite CP-CONF new.person@school.example Oakfield Primary', 'AGENCY_REQUIRED'],
    ['invite CP-CONF new.person@school.example Oakfield educaton', 'BAD_SECTOR'],
    ['invite CP-CONF <@UPIPCO001>', 'ALREADY_INVITED'],
    ['invite CP-CONF Pip', 'BAD_MENTION'],
    ['invite CP-CONF', 'BAD_USAGE'],
    ['uninvite CP-CONF <@UPIPCO001>', 'REASON_REQUIRED'],
    ['uninvite CP-CONF <@UNOBODY99> invited by mistake', 'NOT_INVITED'],
    ['uninvite CP-CONF cleo.chair@council.example invited by mistake', 'NOT_INVITED'],
  ])('refuses "%s" with %s and writes nothing', async (command, code) => {
    const before = await snapshot(store);
    const reply = await runCommand(d, ctx('admin'), command);
    expect(reply.error?.code).toBe(code);
    expect(reply.error?.message).toBeTruthy();
    expect(await snapshot(store)).toBe(before);
  });

  it.each([
    ['police', 'NOT_ALLOWED'],
    ['tm', 'NOT_ALLOWED'],
    ['outsider', 'NOT_A_MEMBER'],
  ] as const)('refuses an invitation from the %s (%s)', async (who, code) => {
    const before = await snapshot(store);
    const reply = await runCommand(d, ctx(who), `invite CP-CONF ${P.outsider.email}`);
    expect(reply.error?.code).toBe(code);
    expect(await snapshot(store)).toBe(before);
  });

  it('withdraws an invitation with its reason; the person no longer sees the case', async () => {
    const reply = await runCommand(d, ctx('admin'), `uninvite CP-CONF <@${P.police.slackUserId}> wrong officer: the case moved to another team`);
    expect(reply.error).toBeUndefined();
    expect(text(reply)).toContain('Reason recorded: wrong officer');
    expect(await count(store, 'invitations', "removed_reason like 'wrong officer%'")).toBe(1);
    expect(await count(store, 'nudges', "kind = 'invitation_withdrawn'")).toBe(1);
    expect((await runCommand(d, ctx('police'), 'next CP-CONF')).error?.code).toBe('NOT_A_MEMBER');
    // Invited again: the invitation comes back fresh.
    const again = await runCommand(d, ctx('admin'), `invite CP-CONF ${P.police.email}`);
    expect(again.error).toBeUndefined();
    expect(await count(store, 'invitations', "removed_at is null and response = 'no_reply'")).toBeGreaterThanOrEqual(1);
  });
});
