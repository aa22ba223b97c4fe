// The nudge outbox, as the store keeps it: rows written in the transaction of the change that causes
// them (their key makes a second write a no-op), what planning needs to know of the rows already
// there, and the cancelling of rows no longer planned.
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Role } from '../rules/roles.js';
import type { StoredCase } from './case-model.js';
import { loadCases } from './cases.js';
import { inIds, queryRows, type Executor } from './db.js';
import { caseMembers, nudges } from './schema.js';

/** What a message looks like to the store: the core's View, kept as JSON. */
export interface OutboxView {
  fallback: string;
  blocks: readonly unknown[];
}

export interface OutboxRow<V extends OutboxView = OutboxView> {
  /** Unique: kind, subject, deadline, recipient, step. */
  key: string;
  kind: string;
  caseId: number;
  conferenceId?: number | null;
  recipientId: number;
  step: string;
  deadline?: string | null;
  dueAt: Date;
  view: V;
  /** Extra ids and codes the scheduler may need (never names). */
  meta?: Record<string, unknown>;
}

/** A row already in the outbox for the case (only what planning needs: no views). */
export interface ExistingNudge {
  id: number;
  key: string;
  kind: string;
  step: string;
  status: string;
  dueAt: Date;
  conferenceId: number | null;
  recipientId: number;
  chain: string | null;
}

export interface CaseMember {
  personId: number;
  role: Role;
}

/** What planning one case reads: the case, who holds which role, and its rows in the outbox. */
export interface PlanSource {
  case: StoredCase;
  members: CaseMember[];
  existing: ExistingNudge[];
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

/** Cases, members and outbox rows for planning, in three queries whatever the number of cases. */
export async function loadPlanSources(db: Executor, caseIds: number[], kinds: readonly string[]): Promise<PlanSource[]> {
  const [loaded, members, existing] = await Promise.all([loadCases(db, caseIds), loadMembers(db, caseIds), loadExisting(db, caseIds, kinds)]);
  const out: PlanSource[] = [];
  for (const id of caseIds) {
    const c = loaded.get(id);
    if (c) out.push({ case: c, members: members.get(id) ?? [], existing: existing.get(id) ?? [] });
  }
  return out;
}

async function loadMembers(db: Executor, caseIds: number[]): Promise<Map<number, CaseMember[]>> {
  const rows = await db.select({ caseId: caseMembers.caseId, personId: caseMembers.personId, role: caseMembers.role }).from(caseMembers).where(inIds(caseMembers.caseId, caseIds));
  return groupBy(rows, (r) => r.caseId, (r) => ({ personId: r.personId, role: r.role }));
}

/** One query per batch: rows still to send, plus quorum transitions and snoozes of any status. */
async function loadExisting(db: Executor, caseIds: number[], kinds: readonly string[]): Promise<Map<number, ExistingNudge[]>> {
  const rows = await db
    .select({
      id: nudges.id,
      caseId: nudges.caseId,
      key: nudges.key,
      kind: nudges.kind,
      step: nudges.step,
      status: nudges.status,
      dueAt: nudges.dueAt,
      conferenceId: nudges.conferenceId,
      recipientId: nudges.recipientId,
      chain: sql<string | null>`${nudges.payload}->>'chain'`,
    })
    .from(nudges)
    .where(
      and(
        inIds(nudges.caseId, caseIds),
        inArray(nudges.kind, [...kinds]),
        or(inArray(nudges.status, ['pending', 'sending']), eq(nudges.kind, 'quorum_change'), sql`${nudges.step} like 'snooze-%'`),
      ),
    );
  return groupBy(rows, (r) => r.caseId, ({ caseId: _caseId, ...r }) => r);
}

/** Cancels pending rows (only those still pending); returns the ones it cancelled. */
export async function cancelPending(db: Executor, ids: number[], now: Date): Promise<{ id: number; key: string }[]> {
  if (ids.length === 0) return [];
  return db
    .update(nudges)
    .set({ status: 'cancelled', updatedAt: now, leaseUntil: null })
    .where(and(inArray(nudges.id, ids), eq(nudges.status, 'pending')))
    .returning({ id: nudges.id, key: nudges.key });
}

/** Which of these keys are already in the outbox (a dry run's "would be new"). */
export async function existingKeys(db: Executor, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.select({ key: nudges.key }).from(nudges).where(inArray(nudges.key, keys));
  return new Set(rows.map((r) => r.key));
}

function groupBy<R, T>(rows: R[], keyOf: (r: R) => number, map: (r: R) => T): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = out.get(k);
    if (list) list.push(map(r));
    else out.set(k, [map(r)]);
  }
  return out;
}

export interface PlanApplied {
  /** Keys inserted (with dryRun: that would be inserted). */
  enqueued: string[];
  /** Pending rows cancelled because no longer planned (with dryRun: would be). */
  cancelled: { id: number; key: string }[];
}

/**
 * Writes what the planner decided for these cases: the planned rows already due go in (existing
 * keys are left as they are), and pending rows of the planner's kinds it no longer wants are
 * cancelled. Core notices and rows being sent are never touched.
 */
export async function applyPlan(db: Executor, sources: PlanSource[], planned: OutboxRow[], now: Date, opts: { dryRun?: boolean } = {}): Promise<PlanApplied> {
  const keys = new Set(planned.map((p) => p.key));
  const due = planned.filter((p) => p.dueAt.getTime() <= now.getTime());
  const stale = sources.flatMap((s) => s.existing).filter((e) => e.status === 'pending' && !keys.has(e.key));
  if (opts.dryRun) {
    const known = await existingKeys(db, due.map((d) => d.key));
    return { enqueued: due.filter((d) => !known.has(d.key)).map((d) => d.key), cancelled: stale.map((s) => ({ id: s.id, key: s.key })) };
  }
  const enqueued: string[] = [];
  for (let i = 0; i < due.length; i += INSERT_CHUNK) enqueued.push(...(await enqueue(db, due.slice(i, i + INSERT_CHUNK))));
  return { enqueued, cancelled: await cancelPending(db, stale.map((s) => s.id), now) };
}

const INSERT_CHUNK = 1000;
