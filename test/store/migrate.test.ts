import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbErrorOf, openStore, queryRows } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { appendAudit } from '../../src/store/audit.js';
import { createTestDatabase, DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';

describe.each(DB_KINDS)('migrate (%s)', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    // As the role that migrates: the triggers hold even for it (the runtime role is refused before them: db-roles.test.ts).
    store = await openTestStore(kind, { as: 'owner' });
  });
  afterAll(() => store.close());

  it('does nothing when run again', async () => {
    const again = await migrate(store);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBeGreaterThanOrEqual(2);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit log', async () => {
    await appendAudit(store.db, { actor: 'test', action: 'CASE_VIEWED', subjectType: 'case', subjectId: 1, correlationId: 'c1' });
    expect(await refusal(store.db.execute(sql`update audit_log set actor = 'someone else'`))).toMatch(/append-only/);
    expect(await refusal(store.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
    expect(await refusal(store.db.execute(sql`truncate audit_log`))).toMatch(/append-only/);
    const rows = await queryRows<{ actor: string }>(store.db, sql`select actor from audit_log`);
    expect(rows).toEqual([{ actor: 'test' }]);
  });

  it('rejects an audit action that is not UPPER_SNAKE', async () => {
    await expect(appendAudit(store.db, { actor: 'test', action: 'lower case' as never, subjectType: 'case', subjectId: 1, correlationId: 'c' })).rejects.toThrow(/unknown audit action/);
  });
});

describe.runIf(DB_KINDS.includes('postgres'))('migrate on Postgres with two replicas starting together', () => {
  it('applies every migration once when two processes migrate at the same time', async () => {
    const { url, drop } = await createTestDatabase({ empty: true });
    const a = await openStore({ databaseUrl: url, poolSize: 2 });
    const b = await openStore({ databaseUrl: url, poolSize: 2 });
    try {
      const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
      // One applied everything; the other waited on the lock and found nothing to do.
      expect([ra.applied.length, rb.applied.length].sort()).toEqual([0, ra.applied.length + rb.applied.length]);
      const rows = await queryRows<{ n: number }>(a.db, sql`select count(*)::int as n from quorum_migrations`);
      expect(rows[0]!.n).toBe(ra.applied.length + rb.applied.length);
    } finally {
      await a.close();
      await b.close();
      await drop();
    }
  });
});

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return dbErrorOf(err).message;
  }
}
