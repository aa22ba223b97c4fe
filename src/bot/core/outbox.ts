// Writing to the nudge outbox. Rows are written in the same transaction as the change that causes
// them, and their key makes a second write (a retry, another replica's sweep) a no-op.
import type { Executor } from '../../store/db.js';
import { nudges } from '../../store/schema.js';
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

/** Inserts the rows that do not exist yet; returns the keys that were new. */
export async function enqueue(db: Executor, rows: OutboxRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insert(nudges).values(rows.map(toOutboxValues)).onConflictDoNothing({ target: nudges.key }).returning({ key: nudges.key });
  return inserted.map((r) => r.key);
}

function toOutboxValues(r: OutboxRow) {
  return {
    key: r.key,
    kind: r.kind,
    caseId: r.caseId,
    conferenceId: r.conferenceId ?? null,
    recipientId: r.recipientId,
    channel: 'pending',
    step: r.step,
    deadline: r.deadline ?? null,
    dueAt: r.dueAt,
    payload: { view: r.view, ...(r.meta ?? {}) },
  };
}
