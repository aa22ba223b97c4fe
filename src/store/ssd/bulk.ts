// Many rows in one INSERT whose text never changes: one array parameter per column, unnested by
// Postgres. A multi-row VALUES list is new SQL for every batch size, and the driver caches each
// text as a prepared statement for the life of the connection; a nightly sync of 50,000 cases
// would fill that cache (and the server's) with texts used once.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db.js';

export type Value = string | number | boolean | Date | null;

/** A Postgres array literal of text, for a `::type[]` cast: both drivers take it as one parameter. */
function arrayLiteral(values: Value[]): string {
  const items = values.map((v) => {
    if (v === null) return 'NULL';
    const text = v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

/**
 * `insert into table (columns) select * from unnest($1::t1[], …)`; `columns` maps each column to
 * its Postgres type. Returns the `returning` columns' rows, in no promised order.
 */
export async function insertColumns<R = never>(
  db: Executor,
  table: string,
  columns: Record<string, string>,
  rows: Value[][],
  opts: { returning?: string; onConflictDoNothing?: boolean } = {},
): Promise<R[]> {
  if (rows.length === 0) return [];
  const names = Object.keys(columns);
  // jsonb has no array-of-text cast to unnest into: its column goes as text and is cast per row.
  const params: SQL[] = names.map((n, i) => {
    const type = columns[n]!;
    return sql`${arrayLiteral(rows.map((r) => r[i] ?? null))}::${sql.raw(type === 'jsonb' ? 'text' : type)}[]`;
  });
  const select = names.map((n, i) => (columns[n] === 'jsonb' ? `c${i}::jsonb` : `c${i}`)).join(', ');
  const query = sql`insert into ${sql.raw(table)} (${sql.raw(names.join(', '))})
    select ${sql.raw(select)} from unnest(${sql.join(params, sql`, `)}) as u(${sql.raw(names.map((_, i) => `c${i}`).join(', '))})
    ${sql.raw(opts.onConflictDoNothing ? 'on conflict do nothing' : '')} ${sql.raw(opts.returning ? `returning ${opts.returning}` : '')}`;
  return queryRows<R>(db, query);
}
