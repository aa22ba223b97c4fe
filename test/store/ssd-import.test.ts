// The SSD sync against the hand-written extract in test/fixtures/ssd (every field Quorum reads, and
// dropped ones whose values must end up nowhere), then changed, broken and generated extracts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSsdExtract } from '../../bench/generate-ssd.js';
import { runCommand } from '../../src/bot/core/index.js';
import { replanCases } from '../../src/bot/core/nudges/index.js';
import { findCaseByRef, loadCase } from '../../src/store/cases.js';
import { queryRows } from '../../src/store/db.js';
import { QUORUM_TABLES } from '../../src/store/db-roles.js';
import { membersOfCase } from '../../src/store/people.js';
import { events, invitations, people } from '../../src/store/schema.js';
import { importSsd, type SsdImportOptions } from '../../src/store/ssd/import-ssd.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';

const FIXTURE = 'test/fixtures/ssd';
const NOW = new Date('2025-06-02T10:00:00Z');

function copyFixture(edit: (file: string, text: string) => string | null = (_f, t) => t): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-ssd-test-'));
  for (const f of fs.readdirSync(FIXTURE)) {
    const out = edit(f, fs.readFileSync(path.join(FIXTURE, f), 'utf8'));
    if (out !== null) fs.writeFileSync(path.join(dir, f), out);
  }
  return dir;
}

async function auditCount(store: TestStore): Promise<number> {
  return (await queryRows<{ n: number }>(store.db, sql`select count(*)::int as n from audit_log`))[0]!.n;
}

describe.each(DB_KINDS)('importSsd (%s)', (kind) => {
  let store: TestStore;
  const run = (o: Partial<SsdImportOptions> = {}) =>
    importSsd(store, { dir: FIXTURE, partnership: 'Swindon', profile: 'swindon', now: NOW, actor: 'cli:test', correlationId: 'ssd-1', replan: (repo, ids, now) => replanCases(repo, ids, now, { morningHour: 9 }), ...o });
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store.close());

  it('makes one case per ICPC meeting, with held conferences, outcomes, quorum, transfer-in and events', async () => {
    const r = await run();
    expect(r).toMatchObject({ created: ['SWI-P100', 'SWI-P200', 'SWI-P300', 'SWI-P400'], updated: [], unchanged: 0, rejected: [], problems: [], warnings: [], fatal: false });
    const siblings = (await loadCase(store.db, (await findCaseByRef(store.db, 'SWI-P100'))!.id))!;
    expect(siblings.facts.children).toEqual([
      { ref: 'P100', initials: null, unborn: false, dateOfBirth: '2015-03-02', expectedDate: null },
      { ref: 'P101', initials: null, unborn: false, dateOfBirth: '2018-07-20', expectedDate: null },
    ]);
    expect(siblings.facts.status).toBe('open');
    expect(siblings.facts.conferences.map(({ id, type, at, status, outcome, outcomes, transferIn, prebirth, quorum }) => ({ id, type, at, status, outcome, outcomes, transferIn, prebirth, quorum }))).toEqual([
      { id: 'ssd-icpc-M1', type: 'initial', at: '2025-02-10T12:00:00.000Z', status: 'held', outcome: 'plan', transferIn: false, prebirth: false, quorum: null, outcomes: [{ child: 'P100', plan: true, category: 'neglect' }, { child: 'P101', plan: true, category: 'emotional' }] },
      // Inquorate review: the plan continues, on each plan's latest category.
      { id: 'ssd-review-RM1', type: 'review', at: '2025-05-08T12:00:00.000Z', status: 'held', outcome: 'plan', transferIn: false, prebirth: false, quorum: { decision: 'proceeded_inquorate', reason: null }, outcomes: [{ child: 'P100', plan: true, category: 'neglect' }, { child: 'P101', plan: true, category: 'emotional' }] },
    ]);
    // Siblings' visits on one day are one visit.
    expect(siblings.facts.events.map((e) => `${e.kind} ${e.at.slice(0, 10)}`)).toEqual(['strategy_discussion 2025-01-20', 'plan_started 2025-02-10', 'statutory_visit 2025-02-20', 'statutory_visit 2025-03-05']);
    const members = await membersOfCase(store.db, siblings.id);
    expect(members.map((m) => [m.person.email, m.role])).toEqual([['s.worker.ssd@example.org', 'social_worker']]);
    expect(siblings.leadSocialWorkerId).toBe(members[0]!.person.id);

    const transfer = (await loadCase(store.db, (await findCaseByRef(store.db, 'SWI-P200'))!.id))!;
    expect(transfer.facts).toMatchObject({ status: 'closed', closedAt: '2025-01-15T12:00:00.000Z' });
    expect(transfer.facts.conferences.map((c) => [c.id, c.transferIn, c.outcome, c.quorum?.decision])).toEqual([['ssd-icpc-M2', true, 'plan', undefined], ['ssd-review-RM2', false, 'plan', 'quorate'], ['ssd-review-RM3', false, 'no_plan', 'quorate']]);
    expect(transfer.facts.events.map((e) => e.kind)).toEqual(['strategy_discussion', 'plan_started', 'statutory_visit', 'plan_ended']);
    // Robin Former has no email in the extract, and the involvement ended: no member.
    expect(await membersOfCase(store.db, transfer.id)).toEqual([]);

    const noPlan = (await loadCase(store.db, (await findCaseByRef(store.db, 'SWI-P300'))!.id))!;
    expect(noPlan.facts).toMatchObject({ status: 'closed', closedAt: '2025-01-27T12:00:00.000Z', children: [{ ref: 'P300', unborn: true, dateOfBirth: null, expectedDate: '2025-04-01' }] });
    expect(noPlan.facts.conferences.map((c) => [c.outcome, c.prebirth])).toEqual([['no_plan', true]]);

    // An open enquiry: the case waits for its initial conference. P500 (NFA) is no case at all.
    const pending = (await loadCase(store.db, (await findCaseByRef(store.db, 'SWI-P400'))!.id))!;
    expect(pending.facts).toMatchObject({ status: 'open', conferences: [], events: [{ kind: 'strategy_discussion', at: '2025-03-03T12:00:00.000Z' }] });
    expect(await findCaseByRef(store.db, 'SWI-P500')).toBeUndefined();
  });

  it('shows children without initials by their child reference, to the lead social worker', async () => {
    const ctx = { user: { platform: 'slack' as const, workspaceId: 'T0TEST', userId: 'USSDWORKER', email: 's.worker.ssd@example.org' }, correlationId: 'ssd-view', now: NOW };
    const reply = JSON.stringify(await runCommand({ store, kick: () => {} }, ctx, 'case SWI-P100'));
    expect(reply).toContain('P100, P101');
    expect(reply).not.toMatch(/null|undefined/);
  });

  it('holds none of the columns it does not use: names, NHS numbers, ethnicity, registration numbers', async () => {
    const dump: string[] = [];
    for (const t of QUORUM_TABLES) dump.push(...(await queryRows<{ j: string }>(store.db, sql.raw(`select row_to_json(t)::text as j from ${t} t`))).map((r) => r.j));
    const text = dump.join('\n');
    expect(text).toContain('P101');
    for (const dropped of ['9434765919', '9434765870', 'Zebedee', 'Quixotical', 'WBRI', 'MWBC', 'LEG100', 'SW998877', 'STAFF1', 'Safeguarding Team North', 'CP_CONFERENCE_FLAG', 'P900', 'Ursula']) expect(text).not.toContain(dropped);
  });

  it('changes nothing and audits nothing when the same extract comes again', async () => {
    const before = await auditCount(store);
    const r = await run();
    expect(r).toMatchObject({ created: [], updated: [], unchanged: 4, missing: [] });
    expect(await auditCount(store)).toBe(before);
  });

  it("updates only the changed case, audited, and leaves Quorum's own answers and events alone", async () => {
    const c = (await loadCase(store.db, (await findCaseByRef(store.db, 'SWI-P100'))!.id))!;
    const [p] = await store.db.insert(people).values({ name: 'Pat Officer', organisation: 'Wiltshire Police', sector: 'police', email: 'p.officer.ssd@example.org' }).returning();
    await store.db.insert(invitations).values({ conferenceId: c.facts.conferences[1]!.dbId, personId: p!.id, agency: 'Wiltshire Police', sector: 'police', response: 'attending', respondedAt: NOW });
    await store.db.insert(events).values({ caseId: c.id, kind: 'core_group', at: new Date('2025-02-24T10:00:00Z'), source: 'chat' });
    const before = await auditCount(store);
    const dir = copyFixture((f, t) => (f === 'ssd_cp_reviews.csv' ? t.replace('2025-05-08,RM1,Y,N', '2025-05-08,RM1,Y,Y') : f === 'ssd_cp_visits.csv' ? t.replace('V3,P100,PL100,2025-03-05', 'V3,P100,PL100,2025-03-06') : t));
    const r = await run({ dir, correlationId: 'ssd-2' });
    expect(r).toMatchObject({ created: [], updated: ['SWI-P100'], unchanged: 3 });
    const audit = await queryRows<{ action: string; case_ref: string; detail: { changes: string[] } }>(store.db, sql`select action, case_ref, detail from audit_log where correlation_id = 'ssd-2'`);
    expect(audit).toEqual([{ action: 'SSD_CASE_UPDATED', case_ref: 'SWI-P100', detail: { source: 'ssd', changes: ['conference_updated:ssd-review-RM1:quorumDecision', 'event_corrected:statutory_visit:2025-03-05>statutory_visit:2025-03-06'] } }]);
    expect(await auditCount(store)).toBe(before + 1);
    const after = (await loadCase(store.db, c.id))!;
    expect(after.facts.conferences[1]!.quorum?.decision).toBe('quorate');
    expect(after.facts.conferences[1]!.invitees.map((i) => [i.email, i.response])).toEqual([['p.officer.ssd@example.org', 'attending']]);
    expect(after.facts.events.map((e) => `${e.kind} ${e.at.slice(0, 10)}`)).toEqual(['strategy_discussion 2025-01-20', 'plan_started 2025-02-10', 'statutory_visit 2025-02-20', 'core_group 2025-02-24', 'statutory_visit 2025-03-06']);
  });

  it('reports a case gone from the extract, and closes it only with closeMissing', async () => {
    const dir = copyFixture((f, t) => (f === 'ssd_s47_enquiry.csv' ? t.replace(/^S400,.*\n/m, '') : t));
    const kept = await run({ dir });
    expect(kept.missing).toEqual(['SWI-P400']);
    expect(kept.closed).toEqual([]);
    expect((await loadCase(store.db, (await findCaseByRef(store.db, 'SWI-P400'))!.id))!.status).toBe('open');
    const closed = await run({ dir, closeMissing: true, correlationId: 'ssd-3' });
    expect(closed.closed).toEqual(['SWI-P400']);
    expect((await loadCase(store.db, (await findCaseByRef(store.db, 'SWI-P400'))!.id))!.status).toBe('closed');
    expect(await queryRows(store.db, sql`select action, case_ref from audit_log where correlation_id = 'ssd-3'`)).toEqual([{ action: 'SSD_CASE_CLOSED_MISSING', case_ref: 'SWI-P400' }]);
  });

  it('names a bad date or an unknown code by file, line and column, and skips only that case', async () => {
    const dir = copyFixture((f, t) =>
      f === 'ssd_cp_visits.csv' ? t.replace('V4,P200,PL200,2024-06-14', 'V4,P200,PL200,2024-13-45') : f === 'ssd_initial_cp_conference.csv' ? t.replace('2025-01-27,2025-01-27,N,', '2025-01-27,2025-01-27,X,') : t,
    );
    const r = await run({ dir, partnership: 'Bad input', refPrefix: 'BAD-' });
    expect(r.created).toEqual(['BAD-P100', 'BAD-P400']);
    expect(r.rejected).toEqual([
      { ref: undefined, children: ['P200'], problems: ['ssd_cp_visits.csv:5 cppv_cp_visit_date: not a date: "2024-13-45"'] },
      { ref: undefined, children: ['P300'], problems: ['ssd_initial_cp_conference.csv:5 icpc_icpc_outcome_cp_flag: unknown code "X" (expected Y or N)'] },
    ]);
    expect(await findCaseByRef(store.db, 'BAD-P200')).toBeUndefined();
  });

  it('writes nothing when a table or a required column is missing', async () => {
    const before = await auditCount(store);
    const noTable = await run({ dir: copyFixture((f, t) => (f === 'ssd_cp_visits.csv' ? null : t)), partnership: 'Broken', refPrefix: 'BRK-' });
    expect(noTable).toMatchObject({ fatal: true, created: [], problems: [expect.stringMatching(/^ssd_cp_visits\.csv: missing table/)] });
    const noColumn = await run({ dir: copyFixture((f, t) => (f === 'ssd_cp_reviews.csv' ? t.replace('cppr_cp_review_quorate', 'quorate') : t)), partnership: 'Broken', refPrefix: 'BRK-' });
    expect(noColumn).toMatchObject({ fatal: true, created: [], problems: ['ssd_cp_reviews.csv:1 cppr_cp_review_quorate: missing required column'] });
    expect(await auditCount(store)).toBe(before);
    expect(await queryRows(store.db, sql`select 1 from partnerships where name = 'Broken'`)).toEqual([]);
  });

  it('imports a generated extract of 1,000 children, and finds it unchanged the second time', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-ssd-gen-'));
    await generateSsdExtract({ children: 1000, dir, today: '2025-06-01' });
    const first = await run({ dir, partnership: 'Generated', refPrefix: 'GEN-' });
    expect(first.rejected).toEqual([]);
    const { n } = (await queryRows<{ n: number }>(store.db, sql`select count(*)::int as n from children ch join cases c on c.id = ch.case_id where c.ref like 'GEN-%'`))[0]!;
    expect(n).toBe(1000);
    expect(first.created.length).toBeGreaterThan(500);
    const second = await run({ dir, partnership: 'Generated', refPrefix: 'GEN-' });
    expect(second).toMatchObject({ created: [], updated: [], unchanged: first.created.length, missing: [] });
    // About 22,000 rows read twice: a few seconds alone; the 50,000-child import is in the bench.
  }, 30_000);
});
