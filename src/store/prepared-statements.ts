// drizzle asks postgres.js for unnamed statements, and postgres.js sends a parameterised unnamed
// statement in two round trips (parse and describe, wait, then bind and execute). A named prepared
// statement takes one after its first use on a connection: with it a chat request of ten statements
// waits on Postgres half as often (issue 21, docs/benchmarks.md). Only statements with few
// parameters are prepared: their texts are the code's own query shapes, so the per-connection
// cache stays small; a multi-row insert's text changes with its number of rows and would not be
// used twice.
// `?prepare=false` on DATABASE_URL turns it off (for a pooler that cannot hold prepared statements).
import type { Sql } from 'postgres';

/** Statements with more parameters than this are sent unnamed, as drizzle asks. */
export const PREPARE_MAX_PARAMETERS = 32;

/** Whether a statement with this many parameters is prepared (one without any goes as a simple query). */
export function preparesWith(parameterCount: number): boolean {
  return parameterCount > 0 && parameterCount <= PREPARE_MAX_PARAMETERS;
}

type Unsafe = (query: string, parameters?: unknown[], options?: Record<string, unknown>) => unknown;
type WithCallback = (...args: unknown[]) => unknown;

/** `sql`, with its transactions and savepoints, preparing the statements drizzle sends. */
export function preparingStatements<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        const unsafe = target.unsafe as unknown as Unsafe;
        return (query: string, parameters: unknown[] = [], options: Record<string, unknown> = {}) =>
          unsafe(query, parameters, preparesWith(parameters.length) ? { ...options, prepare: true } : options);
      }
      // drizzle runs a transaction's statements on the `sql` postgres.js hands its callback.
      if (prop === 'begin' || prop === 'savepoint') {
        const open = Reflect.get(target, prop, receiver) as WithCallback;
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: Sql) => unknown;
          return open(...args, (tx: Sql) => work(preparingStatements(tx)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}
