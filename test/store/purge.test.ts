import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/store/db.js';
import { importCases } from '../../src/store/import.js';
import { purgeClosedCases } from '../../src/store/purge.js';
import { listAudit } from '../../src/store/audit.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { caseFixture } from '../support/fixtures.js';

const ctx = { actor: 'cli:test', correlationId: 'purge-1' };

async function n(store: TestStore, q: string): Promise<number> {
  return (await queryRows<{ n: number }>(store.db, sql.raw(q)))[0]!.n;
}

describe.each(DB_KINDS)('purgeClosedCases (%s)', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
    await importCases(
      store,
      {
        cases: [
          { ...caseFixture({ ref: 'CP-OLD' }), status: 'closed', closedAt: '2024-06-30T12:00:00Z' },
          { ...caseFixture({ ref: 'CP-RECENT' }), status: 'closed', closedAt: '2026-10-01T12:00:00Z' },
          caseFixture({ ref: 'CP-OPEN' }),
        ],
      },
      ctx,
    );
  });
  afterAll(() => store.close());

  it('lists and changes nothing on a dry run', async () => {
    const r = await purgeClosedCases(store, { closedBefore: '2026-01-01', dryRun: true, now: new Date('2026-11-22T10:00:00Z'), ...ctx });
    expect(r.cases.map((c) => c.ref)).toEqual(['CP-OLD']);
    expect(await n(store, 'select count(*)::int as n from cases')).toBe(3);
  });

  it('uses each profile retention (12 months after closure) when no date is given', async () => {
    const r = await purgeClosedCases(store, { dryRun: true, now: new Date('2026-11-22T10:00:00Z'), ...ctx });
    expect(r.cases.map((c) => c.ref)).toEqual(['CP-OLD']);
  });

  it('removes the case, its invitations and nudges, keeps a stub and the audit trail', async () => {
    const r = await purgeClosedCases(store, { closedBefore: '2026-01-01', now: new Date('2026-11-22T10:00:00Z'), ...ctx });
    expect(r.cases.map((c) => c.ref)).toEqual(['CP-OLD']);
    expect(await n(store, "select count(*)::int as n from cases where ref = 'CP-OLD'")).toBe(0);
    expect(await n(store, 'select count(*)::int as n from cases')).toBe(2);
    expect(await n(store, 'select count(*)::int as n from conferences')).toBe(2);
    expect(await n(store, "select count(*)::int as n from purged_cases where ref = 'CP-OLD' and closed_at is not null")).toBe(1);
    const trail = await listAudit(store.db, 'CP-OLD');
    expect(trail.map((a) => a.action)).toEqual(['CASE_IMPORTED', 'CASE_PURGED']);
  });
});
