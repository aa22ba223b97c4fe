// The sweep: load open cases in batches, plan each, enqueue what is due, and cancel pending rows
// no longer planned. Set-based (a handful of queries per batch) so 50,000 cases stay cheap.
// Overlapping sweeps are harmless: keys make inserts idempotent and cancels only touch `pending`.
import { enqueue } from '../core/outbox.js';
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { logger } from '../../log.js';
import { loadProfile, type Profile } from '../../rules/profiles.js';
import { loadCases, type LoadedCase } from '../../store/cases.js';
import { inIds, type Executor } from '../../store/db.js';
import { caseMembers, cases, nudges } from '../../store/schema.js';

import { NUDGE_KINDS, planCaseNudges, type CaseMember, type ExistingNudge, type PlannedNudge } from '../core/nudges/index.js';

export interface SweepOptions {
  batchSize?: number;
  /** The first batch's size (default 100): planning starts while the next, full batch loads. */
  firstBatchSize?: number;
  morningHour?: number;
  /** Plan only: write nothing, and return the rows that would be new. */
  dryRun?: boolean;
}

export interface SweepResult {
  cases: number;
  /** Planned rows already due (new ones were enqueued; existing ones were left as they are). */
  due: PlannedNudge[];
  /** Keys inserted by this sweep (with dryRun: that would be inserted). */
  enqueued: string[];
  /** Pending rows this sweep cancelled (with dryRun: would cancel). */
  cancelled: { id: number; key: string }[];
}

const INSERT_CHUNK = 1000;

export async function sweep(db: Executor, now: Date, opts: SweepOptions = {}): Promise<SweepResult> {
  const batchSize = opts.batchSize ?? 500;
  const total: SweepResult = { cases: 0, due: [], enqueued: [], cancelled: [] };
  const nextIds = async (after: number, limit: number) =>
    (await db.select({ id: cases.id }).from(cases).where(and(eq(cases.status, 'open'), gt(cases.id, after))).orderBy(asc(cases.id)).limit(limit)).map((r) => r.id);
  // The next batch loads while this one is planned and written: the database and the planner work
  // at the same time (on a pool; a single connection simply queues them). The first batch is small,
  // so planning starts early instead of waiting for a whole batch to load.
  const firstSize = Math.min(batchSize, opts.firstBatchSize ?? 100);
  let ids = await nextIds(0, firstSize);
  let full = ids.length === firstSize;
  let loading = ids.length ? loadSweepInput(db, ids) : null;
  while (loading) {
    const input = await loading;
    const more = full ? await nextIds(ids[ids.length - 1]!, batchSize) : [];
    full = more.length === batchSize;
    loading = more.length ? loadSweepInput(db, more) : null;
    // Keep the prefetch from being reported as unhandled while this batch is written.
    loading?.catch(() => undefined);
    ids = more;
    const part = await writeSweep(db, input, now, opts);
    total.cases += part.cases;
    total.due.push(...part.due);
    total.enqueued.push(...part.enqueued);
    total.cancelled.push(...part.cancelled);
  }
  return total;
}

/** Plans and enqueues one case: the core calls it inside its transaction after a change. */
export async function sweepCase(db: Executor, caseId: number, now: Date, opts: SweepOptions = {}): Promise<SweepResult> {
  return sweepCases(db, [caseId], now, opts);
}

export async function sweepCases(db: Executor, caseIds: number[], now: Date, opts: SweepOptions = {}): Promise<SweepResult> {
  return writeSweep(db, await loadSweepInput(db, caseIds), now, opts);
}

interface SweepInput {
  caseIds: number[];
  loaded: Map<number, LoadedCase>;
  memberRows: Map<number, CaseMember[]>;
  existingRows: Map<number, ExistingNudge[]>;
}

async function loadSweepInput(db: Executor, caseIds: number[]): Promise<SweepInput> {
  const [loaded, memberRows, existingRows] = await Promise.all([loadCases(db, caseIds), loadMembers(db, caseIds), loadExisting(db, caseIds)]);
  return { caseIds, loaded, memberRows, existingRows };
}

async function writeSweep(db: Executor, { caseIds, loaded, memberRows, existingRows }: SweepInput, now: Date, opts: SweepOptions): Promise<SweepResult> {
  const planned: PlannedNudge[] = [];
  for (const id of caseIds) {
    const c = loaded.get(id);
    if (!c) continue;
    const list = planOne(c, memberRows.get(id) ?? [], existingRows.get(id) ?? [], now, opts);
    if (list) planned.push(...list);
  }

  const keys = new Set(planned.map((p) => p.key));
  const due = planned.filter((p) => p.dueAt.getTime() <= now.getTime());
  // Only rows this sweep owns are cancelled: core notices and rows being sent are left alone.
  const stale = [...existingRows.values()].flat().filter((e) => e.status === 'pending' && !keys.has(e.key));

  if (opts.dryRun) {
    const known = await existingKeys(db, due.map((d) => d.key));
    return { cases: loaded.size, due, enqueued: due.filter((d) => !known.has(d.key)).map((d) => d.key), cancelled: stale.map((s) => ({ id: s.id, key: s.key })) };
  }

  const enqueued: string[] = [];
  for (let i = 0; i < due.length; i += INSERT_CHUNK) {
    enqueued.push(...(await enqueue(db, due.slice(i, i + INSERT_CHUNK))));
  }
  let cancelled: { id: number; key: string }[] = [];
  if (stale.length) {
    cancelled = await db
      .update(nudges)
      .set({ status: 'cancelled', updatedAt: now, leaseUntil: null })
      .where(and(inArray(nudges.id, stale.map((s) => s.id)), eq(nudges.status, 'pending')))
      .returning({ id: nudges.id, key: nudges.key });
  }
  return { cases: loaded.size, due, enqueued, cancelled };
}

function planOne(c: LoadedCase, members: CaseMember[], existing: ExistingNudge[], now: Date, opts: SweepOptions): PlannedNudge[] | null {
  let profile: Profile;
  try {
    profile = loadProfile(c.row.profile);
  } catch {
    logger().warn({ code: 'SWEEP_UNKNOWN_PROFILE', caseId: c.row.id }, 'case skipped: its profile does not load');
    return null;
  }
  try {
    return planCaseNudges(
      { caseId: c.row.id, facts: c.facts, profile, conferences: [...c.conferences.values()], invitations: [...c.invitations.values()].flat(), members, existing },
      now,
      { morningHour: opts.morningHour ?? 9 },
    );
  } catch (err) {
    // One bad case must not stop the sweep for every other case.
    logger().error({ code: 'SWEEP_PLAN_FAILED', caseId: c.row.id, err: (err as Error).name }, 'case skipped: planning failed');
    return null;
  }
}

async function loadMembers(db: Executor, caseIds: number[]): Promise<Map<number, CaseMember[]>> {
  const rows = await db.select({ caseId: caseMembers.caseId, personId: caseMembers.personId, role: caseMembers.role }).from(caseMembers).where(inIds(caseMembers.caseId, caseIds));
  const out = new Map<number, CaseMember[]>();
  for (const r of rows) {
    const list = out.get(r.caseId) ?? [];
    list.push({ personId: r.personId, role: r.role });
    out.set(r.caseId, list);
  }
  return out;
}

/** One query per batch: rows still to send, plus quorum transitions and snoozes of any status. */
async function loadExisting(db: Executor, caseIds: number[]): Promise<Map<number, ExistingNudge[]>> {
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
        inArray(nudges.kind, [...NUDGE_KINDS]),
        or(inArray(nudges.status, ['pending', 'sending']), eq(nudges.kind, 'quorum_change'), sql`${nudges.step} like 'snooze-%'`),
      ),
    );
  const out = new Map<number, ExistingNudge[]>();
  for (const { caseId, ...r } of rows) {
    const list = out.get(caseId) ?? [];
    list.push(r);
    out.set(caseId, list);
  }
  return out;
}

async function existingKeys(db: Executor, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.select({ key: nudges.key }).from(nudges).where(inArray(nudges.key, keys));
  return new Set(rows.map((r) => r.key));
}

