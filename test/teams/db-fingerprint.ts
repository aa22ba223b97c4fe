// Every table's row count and a checksum of its rows: equal before and after means nothing was
// written anywhere (cases, audit, outbox, chat links, replay records).
import { sql } from 'drizzle-orm';
import { queryRows, type Store } from '../../src/store/db.js';

export async function dbFingerprint(db: Store['db']): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number; sum: string }>(
      db,
      sql`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from ${sql.identifier(name)} t`,
    );
    out[name] = `${row!.n}:${row!.sum}`;
  }
  return out;
}
