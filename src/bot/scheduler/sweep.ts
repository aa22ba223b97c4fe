// The sweep: load open cases in batches, plan each, enqueue what is due, and cancel pending rows
// no longer planned. Set-based (a handful of queries per batch) so 50,000 cases stay cheap.
// Overlapping sweeps are harmless: keys make inserts idempotent and cancels only touch `pending`.
import { and, asc, eq, gt } from 'drizzle-orm';
import { applyPlan, loadPlanSources, type PlanSource } from '../../store/outbox.js';
import type { Executor } from '../../store/db.js';
import { cases } from '../../store/schema.js';
import { NUDGE_KINDS, planSources, type PlannedNudge } from '../core/nudges/index.js';
import { enqueueImportedInvitations } from './imported-invitations.js';

export interface SweepOptions {
  /** Cases planned at a time (default 250): what bounds the sweep's memory. */
  batchSize?: number;
  /** The first batch's size (default 100): planning starts while the next, full batch loads. */
  firstBatchSize?: number;
  morningHour?: number;
  /** Plan only: write nothing, and return the rows that would be new. */
  dryRun?: boolean;
  /**
   * false: return counts only (`due`, `enqueued`, `cancelled` stay empty), so a sweep of every open
   * case holds one batch at a time, not every planned row of the whole sweep. The scheduler's sweep.
   */
  collect?: boolean;
}

export interface SweepResult {
  cases: number;
  /** Planned rows already due (new ones were enqueued; existing ones were left as they are). */
  due: PlannedNudge[];
  /** Keys inserted by this sweep (with dryRun: that would be inserted). */
  enqueued: string[];
  /** Pending rows this sweep cancelled (with dryRun: would cancel). */
  cancelled: { id: number; key: string }[];
  /** Sizes of the three lists above, also when `collect: false` leaves them empty. */
  counts: { due: number; enqueued: number; cancelled: number };
}

export async function sweep(db: Executor, now: Date, opts: SweepOptions = {}): Promise<SweepResult> {
  // 250: a batch and the one loading behind it peak at about 280 MB resident at 50,000 cases (500:
  // about 350 MB), at the same cost per case (docs/benchmarks.md).
  const batchSize = opts.batchSize ?? 250;
  const collect = opts.collect ?? true;
  const total: SweepResult = { cases: 0, due: [], enqueued: [], cancelled: [], counts: { due: 0, enqueued: 0, cancelled: 0 } };
  const nextIds = async (after: number, limit: number) =>
    (await db.select({ id: cases.id }).from(cases).where(and(eq(cases.status, 'open'), gt(cases.id, after))).orderBy(asc(cases.id)).limit(limit)).map((r) => r.id);
  // The next batch loads while this one is planned and written: the database and the planner work
  // at the same time (on a pool; a single connection simply queues them). The first batch is small,
  // so planning starts early instead of waiting for a whole batch to load.
  const firstSize = Math.min(batchSize, opts.firstBatchSize ?? 100);
  let ids = await nextIds(0, firstSize);
  let full = ids.length === firstSize;
  let loading = ids.length ? loadPlanSources(db, ids, NUDGE_KINDS) : null;
  while (loading) {
    const sources = await loading;
    const more = full ? await nextIds(ids[ids.length - 1]!, batchSize) : [];
    full = more.length === batchSize;
    loading = more.length ? loadPlanSources(db, more, NUDGE_KINDS) : null;
    // Keep the prefetch from being reported as unhandled while this batch is written.
    loading?.catch(() => undefined);
    ids = more;
    const part = await writeSweep(db, sources, now, opts);
    total.cases += part.cases;
    add(total, part, collect);
  }
  // Imported invitations nobody sent, for people only email reaches (src/bot/scheduler/imported-invitations.ts).
  if (!opts.dryRun) add(total, { due: [], enqueued: await enqueueImportedInvitations(db, now), cancelled: [] }, collect);
  return total;
}

function add(total: SweepResult, part: Pick<SweepResult, 'due' | 'enqueued' | 'cancelled'>, collect: boolean): void {
  total.counts.due += part.due.length;
  total.counts.enqueued += part.enqueued.length;
  total.counts.cancelled += part.cancelled.length;
  if (!collect) return;
  // A loop, not push(...rows): spreading a long batch into arguments can overflow the stack.
  for (const d of part.due) total.due.push(d);
  for (const k of part.enqueued) total.enqueued.push(k);
  for (const c of part.cancelled) total.cancelled.push(c);
}

/** Plans and writes these cases now (tests and tools; the core re-plans through its repository). */
export async function sweepCases(db: Executor, caseIds: number[], now: Date, opts: SweepOptions = {}): Promise<SweepResult> {
  return writeSweep(db, await loadPlanSources(db, caseIds, NUDGE_KINDS), now, opts);
}

async function writeSweep(db: Executor, sources: PlanSource[], now: Date, opts: SweepOptions): Promise<SweepResult> {
  const planned = planSources(sources, now, { morningHour: opts.morningHour ?? 9 });
  const due = planned.filter((p) => p.dueAt.getTime() <= now.getTime());
  const applied = await applyPlan(db, sources, planned, now, { dryRun: opts.dryRun });
  return { cases: sources.length, due, ...applied, counts: { due: due.length, enqueued: applied.enqueued.length, cancelled: applied.cancelled.length } };
}
