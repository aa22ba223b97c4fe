// The audit trail: who did what to which subject, when, under which correlation id. Append-only.
import { asc, sql } from 'drizzle-orm';
import type { Executor } from './db.js';
import { auditLog } from './schema.js';
import { isAuditAction, type AuditAction } from './audit-actions.js';

export { AUDIT_ACTIONS, type AuditAction } from './audit-actions.js';

export interface AuditEntry {
  /** `person:<id>`, `cli:<user>`, `system:scheduler`, `slack:<user id>`, … — never a name or email. */
  actor: string;
  action: AuditAction;
  subjectType: string;
  subjectId: string | number;
  caseRef?: string | null;
  correlationId: string;
  /** Ids and codes only. */
  detail?: Record<string, unknown>;
}

export async function appendAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(toRow(entry));
}

export async function appendAuditMany(db: Executor, entries: AuditEntry[]): Promise<void> {
  if (entries.length) await db.insert(auditLog).values(entries.map(toRow));
}

function toRow(e: AuditEntry) {
  // The type says so already; this guards callers outside TypeScript's reach (JSON, scripts).
  if (!isAuditAction(e.action)) throw new Error(`unknown audit action: ${String(e.action).slice(0, 40)}`);
  return {
    actor: e.actor,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: String(e.subjectId),
    caseRef: e.caseRef ?? null,
    correlationId: e.correlationId,
    detail: e.detail ?? null,
  };
}

export async function listAudit(db: Executor, caseRef: string) {
  return db.select().from(auditLog).where(sql`lower(${auditLog.caseRef}) = lower(${caseRef})`).orderBy(asc(auditLog.id));
}
