// Writing to the nudge outbox. Rows are written in the same transaction as the change that causes
// them, and their key makes a second write (a retry, another replica's sweep) a no-op.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../store/db.js';
import type { View } from './types.js';

export interface OutboxRow {
  /** Unique: kind, subject, deadline, recipient, step. */
  key: string;
  kind: string;
  caseId: number;
  conferenceId?: number | null;
  recipientId: number;
  step: string;
  deadline?: string | null;
  dueAt: Date;
  view: View;
  /** Extra ids and codes the scheduler may need (never names). */
  meta?: Record<string, unknown>;
}

/**
 * Inserts the rows that do not exist yet; returns the keys that were new. The rows travel as one
 * JSON parameter: a sweep writes thousands at a time, and building a statement with ten parameters
 * a row cost more than planning them (see docs/benchmarks.md).
 */
export async function enqueue(db: Executor, rows: OutboxRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const json = JSON.stringify(rows.map(toOutboxValues));
  const inserted = await queryRows<{ key: string }>(
    db,
    sql`insert into nudges (key, kind, case_id, conference_id, recipient_id, channel, step, deadline, due_at, payload)
      select key, kind, case_id, conference_id, recipient_id, channel, step, deadline, due_at, payload
      from jsonb_to_recordset(${json}::jsonb) as x(key text, kind text, case_id integer, conference_id integer, recipient_id integer,
        channel text, step text, deadline text, due_at timestamptz, payload jsonb)
      on conflict (key) do nothing
      returning key`,
  );
  return inserted.map((r) => r.key);
}

function toOutboxValues(r: OutboxRow) {
  return {
    key: r.key,
    kind: r.kind,
    case_id: r.caseId,
    conference_id: r.conferenceId ?? null,
    recipient_id: r.recipientId,
    channel: 'pending',
    step: r.step,
    deadline: r.deadline ?? null,
    due_at: r.dueAt.toISOString(),
    payload: { view: r.view, ...(r.meta ?? {}) },
  };
}
