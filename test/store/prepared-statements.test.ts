// Statements drizzle sends are prepared on Postgres (one round trip each after the first use on a
// connection, src/store/prepared-statements.ts): in and out of transactions, never a statement with
// a long parameter list, and not at all with `?prepare=false` on the URL.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, queryRows, type Store } from '../../src/store/db.js';
import { PREPARE_MAX_PARAMETERS } from '../../src/store/prepared-statements.js';
import { createTestDatabase } from '../support/databases.js';

const enabled = Boolean(process.env.TEST_DATABASE_URL);

describe.runIf(enabled)('preparingStatements', () => {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** The statements prepared on the store's one connection. */
  async function prepared(store: Store): Promise<string[]> {
    const rows = await queryRows<{ statement: string }>(store.db, sql`select statement from pg_prepared_statements`);
    return rows.map((r) => r.statement);
  }

  async function withStore(url: string, work: (store: Store) => Promise<void>): Promise<void> {
    const store = await openStore({ databaseUrl: url, poolSize: 1 });
    try {
      await work(store);
    } finally {
      await store.close();
    }
  }

  it('prepares a parameterised statement, in a transaction too', async () => {
    await withStore(database.url, async (store) => {
      for (const n of [1, 2]) expect(await queryRows(store.db, sql`select ${n}::int as outside`)).toEqual([{ outside: n }]);
      await store.db.transaction(async (tx) => {
        expect(await queryRows(tx, sql`select ${3}::int as inside`)).toEqual([{ inside: 3 }]);
      });
      const statements = await prepared(store);
      expect(statements.filter((s) => s.includes('as outside'))).toHaveLength(1);
      expect(statements.some((s) => s.includes('as inside'))).toBe(true);
    });
  });

  it('sends a statement with more parameters than the bound unnamed', async () => {
    await withStore(database.url, async (store) => {
      const many = Array.from({ length: PREPARE_MAX_PARAMETERS + 1 }, (_, i) => sql`${i}::int`);
      const [row] = await queryRows<{ total: number }>(store.db, sql`select (${sql.join(many, sql` + `)}) as total`);
      expect(row!.total).toBe((PREPARE_MAX_PARAMETERS * (PREPARE_MAX_PARAMETERS + 1)) / 2);
      expect((await prepared(store)).some((s) => s.includes('as total'))).toBe(false);
    });
  });

  it('prepares nothing when DATABASE_URL says prepare=false', async () => {
    const url = new URL(database.url);
    url.searchParams.set('prepare', 'false');
    await withStore(url.toString(), async (store) => {
      expect(await queryRows(store.db, sql`select ${4}::int as unprepared`)).toEqual([{ unprepared: 4 }]);
      expect(await prepared(store)).toEqual([]);
    });
  });
});
