// What every case operation shares inside one transaction: the handle, who acts, the clock of the
// request, and the cases it changed (each is re-planned before the transaction commits).
import { appendAudit, type AuditAction } from '../audit.js';
import type { StoredCase } from '../case-model.js';
import { loadCase } from '../cases.js';
import type { Executor } from '../db.js';

export interface OpContext {
  tx: Executor;
  correlationId: string;
  now: Date;
  /** `person:<id>`, `cli:<user>`, `system:…`: never a name or an email. */
  actor: string;
  /** Where a write came from, as events and people record it. */
  source: 'chat' | 'cli';
  changed: Set<number>;
  /** Set when an operation wrote outbox rows, so the caller can send them at once. */
  wroteOutbox: boolean;
}

export interface Subject {
  type: 'case' | 'conference' | 'invitation' | 'event' | 'dissent' | 'person' | 'nudge' | 'agency';
  id: string | number;
}

export async function audit(ctx: OpContext, caseRef: string | null, action: AuditAction, subject: Subject, detail?: Record<string, unknown>): Promise<void> {
  await appendAudit(ctx.tx, { actor: ctx.actor, action, subjectType: subject.type, subjectId: subject.id, caseRef, correlationId: ctx.correlationId, detail });
}

/** After a write: mark the case for re-planning and hand back the case as it now is. */
export async function changed(ctx: OpContext, caseId: number): Promise<StoredCase> {
  ctx.changed.add(caseId);
  const after = await loadCase(ctx.tx, caseId);
  if (!after) throw new Error(`case ${caseId} vanished inside its own transaction`);
  return after;
}
