import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateQuorum } from '../../src/rules/quorum.js';
import { loadProfile } from '../../src/rules/profiles.js';
import { loadCase, findCaseByRef } from '../../src/store/cases.js';
import { queryRows } from '../../src/store/db.js';
import { ImportError, importCases } from '../../src/store/import.js';
import { findPersonByEmail, rolesOnCase } from '../../src/store/people.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { caseFixture, importFile, PEOPLE } from '../support/fixtures.js';

const ctx = { actor: 'cli:test', correlationId: 'corr-1' };

async function countAll(store: TestStore): Promise<Record<string, number>> {
  const tables = ['cases', 'children', 'people', 'conferences', 'invitations', 'events', 'case_members', 'dissents', 'audit_log'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = (await queryRows<{ n: number }>(store.db, sql.raw(`select count(*)::int as n from ${t}`)))[0]!.n;
  return out;
}

async function problemsOf(store: TestStore, input: unknown): Promise<string[]> {
  try {
    await importCases(store, input, ctx);
  } catch (err) {
    if (err instanceof ImportError) return err.problems;
    throw err;
  }
  return [];
}

describe.each(DB_KINDS)('importCases (%s)', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store.close());

  it('fills the agency directory once per agency (case and spaces folded), keeps direct contact, and quorum reads both', async () => {
    const c = caseFixture({ ref: 'CP-AG1', partnership: 'Agency test partnership' });
    const conf = c.conferences[0]!;
    conf.invitees = [
      conf.invitees[0]!,
      { ...conf.invitees[1]!, agency: 'Wiltshire  Police', response: 'attending' } as never,
      { name: 'Dee Solicitor', agency: 'Swindon Borough Council', sector: 'legal', role: 'professional', email: 'dee.solicitor@council.example', response: 'attending', directContact: ['A'] } as never,
    ];
    const second = caseFixture({ ref: 'CP-AG2', partnership: 'Agency test partnership' });
    second.conferences[0]!.invitees = [{ ...second.conferences[0]!.invitees[1]!, agency: 'wiltshire police' } as never];
    await importCases(store, importFile(c, second), ctx);
    const rows = await queryRows<{ key: string; counts: boolean }>(store.db, sql`select a.key, a.counts_towards_quorum as counts from agencies a join partnerships p on p.id = a.partnership_id where p.name = 'Agency test partnership' order by a.key`);
    expect(rows.filter((r) => r.key === 'police:wiltshire police')).toHaveLength(1);
    expect(rows.find((r) => r.key === 'legal:swindon borough council')).toMatchObject({ counts: false });
    const loaded = (await loadCase(store.db, (await findCaseByRef(store.db, 'CP-AG1'))!.id))!;
    expect(loaded.facts.conferences[0]!.invitees.find((i) => i.sector === 'legal')!.directContact).toEqual(['A']);
    // The solicitor brings expertise only: Swindon (CPC 4) does not count them.
    expect(evaluateQuorum('icpc-1', loaded.facts, loadProfile('swindon'))).toMatchObject({ quorate: false, missing: 1 });
    // The directory can say otherwise, and a re-import with it updates the entry.
    await importCases(store, importFile({ ...c, agencies: [{ name: 'Swindon Borough Council', sector: 'legal', countsTowardsQuorum: true }] } as never), ctx);
    const again = (await loadCase(store.db, loaded.id))!;
    expect(evaluateQuorum('icpc-1', again.facts, loadProfile('swindon'))).toMatchObject({ quorate: true });
  });

  it('creates cases, people, members and invitations from a good file', async () => {
    const result = await importCases(store, importFile(caseFixture(), caseFixture({ ref: 'CP-0002', profile: 'devon' })), ctx);
    expect(result).toEqual({ created: ['CP-0001', 'CP-0002'], updated: [], unchanged: [] });
    const row = (await findCaseByRef(store.db, 'CP-0001'))!;
    const loaded = (await loadCase(store.db, row.id))!;
    expect(loaded.facts.children).toEqual([{ ref: 'A', initials: 'J.S.', unborn: false, dateOfBirth: null, expectedDate: null }]);
    expect(loaded.facts.conferences[0]!.invitees.map((i) => i.name)).toEqual([PEOPLE.sw.name, 'Pat Officer', 'Helen Visitor', 'Sian Teacher']);
    expect(loaded.leadSocialWorkerId).not.toBeNull();
    const chair = (await findPersonByEmail(store.db, 'CHAIR@council.example'))!;
    expect(await rolesOnCase(store.db, row.id, chair.id)).toEqual(['chair']);
  });

  it('treats people with the same email as one person across cases', async () => {
    const rows = await queryRows<{ n: number }>(store.db, sql`select count(*)::int as n from people where email = 'pat.officer@police.example'`);
    expect(rows[0]!.n).toBe(1);
  });

  it('changes nothing and says so when the same file is imported twice', async () => {
    const before = await countAll(store);
    const result = await importCases(store, importFile(caseFixture(), caseFixture({ ref: 'CP-0002', profile: 'devon' })), ctx);
    expect(result).toEqual({ created: [], updated: [], unchanged: ['CP-0001', 'CP-0002'] });
    expect(await countAll(store)).toEqual(before);
  });

  it('updates a case whose facts changed, without duplicating anything', async () => {
    const changed = caseFixture();
    changed.conferences[0]!.invitees[1]!.response = 'attending';
    const before = await countAll(store);
    const result = await importCases(store, importFile(changed), ctx);
    expect(result.updated).toEqual(['CP-0001']);
    const after = await countAll(store);
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    expect(after.audit_log).toBe(before.audit_log! + 1);
  });

  it.each([
    ['not an object', [], ['(root): Expected object, received array']],
    ['no cases key', {}, ['cases: required']],
    ['a bad instant', { cases: [{ ...caseFixture(), conferences: [{ ...caseFixture().conferences[0], at: 'next tuesday' }] }] }, ['cases[0].conferences[0].at: expected an ISO date-time']],
    ['an unknown profile', { cases: [caseFixture({ profile: 'atlantis' })] }, [expect.stringMatching(/^cases\[0\]\.profile: unknown profile "atlantis"/)]],
    ['no partnership', { cases: [{ ...caseFixture(), partnership: undefined }] }, ['cases[0].partnership: required']],
    ['a full name instead of initials', { cases: [{ ...caseFixture(), children: [{ ref: 'A', initials: 'Jasmine Smith' }] }] }, ['cases[0].children[0].initials: initials only: 1 to 4 letters, each followed by a dot, e.g. "J.S."']],
    ['an unknown field', { cases: [{ ...caseFixture(), childName: 'x' }] }, ['cases[0]: unknown field childName']],
    ['a bad response', { cases: [{ ...caseFixture(), conferences: [{ ...caseFixture().conferences[0], invitees: [{ name: 'X', agency: 'Y', sector: 'police', response: 'maybe' }] }] }] }, [expect.stringMatching(/^cases\[0\]\.conferences\[0\]\.invitees\[0\]\.response: expected one of/)]],
    ['an event naming a missing conference', { cases: [{ ...caseFixture(), events: [{ kind: 'minutes_sent', at: '2026-01-02T10:00:00Z', conference: 'nope' }] }] }, ['cases[0].events[0].conference: no conference with id nope']],
    ['the same case twice', { cases: [caseFixture(), caseFixture()] }, ['cases[1].ref: case CP-0001 appears twice in the file']],
    ['a bad member email', { cases: [{ ...caseFixture(), members: [{ ...PEOPLE.chair, email: 'not-an-email' }] }] }, ['cases[0].members[0].email: expected an email address']],
  ])('rejects the whole file, naming the path, when it has %s', async (_what, input, expected) => {
    const before = await countAll(store);
    expect(await problemsOf(store, input)).toEqual(expected);
    expect(await countAll(store)).toEqual(before);
  });

  it('writes nothing when one good case comes with one bad one', async () => {
    const before = await countAll(store);
    const problems = await problemsOf(store, { cases: [caseFixture({ ref: 'CP-0100' }), caseFixture({ ref: 'CP-0101', strategyAt: 'yesterday' })] });
    expect(problems).toEqual(['cases[1].events[0].at: expected an ISO date-time']);
    expect(await countAll(store)).toEqual(before);
  });
});
