// One tick as `quorum tick` and the cron run it: sweep (plan + enqueue), then dispatch. Returns one
// line per nudge touched, with its text: for the CLI, never for logs.
import { and, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../../store/db.js';
import { cases, nudges } from '../../store/schema.js';
import { viewToText } from '../core/nudges/index.js';
import type { ChannelSender, View } from '../core/types.js';
import { dispatch, type DispatchOptions } from './dispatch.js';
import { loadRecipients } from '../../store/recipients.js';
import { pickSender } from '../core/reach.js';
import { sweep } from './sweep.js';
import { DEFAULT_NUDGE_HOURS, isNudgeTime } from './working-hours.js';

export type TickStatus = 'sent' | 'deferred' | 'failed' | 'undeliverable' | 'skipped' | 'cancelled' | 'planned';

export interface TickLine {
  key: string;
  kind: string;
  case: string;
  recipient: string | null;
  channel: string;
  text: string;
  status: TickStatus;
}

export interface TickOptions extends Omit<DispatchOptions, 'senders'> {
  senders?: readonly ChannelSender[];
  morningHour?: number;
  dryRun?: boolean;
}

interface Described {
  key: string;
  kind: string;
  caseId: number;
  recipientId: number;
  view: View;
}

export async function runTick(db: Executor, now: Date, opts: TickOptions = {}): Promise<TickLine[]> {
  const senders = opts.senders ?? [];
  const open = isNudgeTime(now, opts.hours ?? DEFAULT_NUDGE_HOURS);
  const swept = await sweep(db, now, { morningHour: opts.morningHour, dryRun: opts.dryRun });
  const lines: { row: Described; status: TickStatus; channel?: string }[] = [];
  const cancelledIds = swept.cancelled.map((c) => c.id);
  const cancelledRows = await describe(db, cancelledIds);
  for (const row of cancelledRows) lines.push({ row, status: 'cancelled' });

  if (opts.dryRun) {
    const fresh = new Set(swept.enqueued);
    const planned: Described[] = swept.due.filter((d) => fresh.has(d.key));
    const waiting = (await describePendingDue(db, now)).filter((r) => !cancelledIds.includes(r.id));
    for (const row of [...planned, ...waiting]) lines.push({ row, status: open ? 'planned' : 'deferred' });
  } else {
    const outcomes = await dispatch(db, now, { ...opts, senders });
    for (const o of outcomes) lines.push({ row: o, status: o.status === 'sent' || o.status === 'undeliverable' || o.status === 'skipped' ? o.status : 'failed', channel: o.channel });
    if (!open) for (const row of await describePendingDue(db, now)) lines.push({ row, status: 'deferred' });
  }

  const recipients = await loadRecipients(db, lines.map((l) => l.row.recipientId));
  const refs = await caseRefs(db, lines.map((l) => l.row.caseId));
  const emails = new Map([...recipients].map(([id, r]) => [id, r.email]));
  return lines.map(({ row, status, channel }) => ({
    key: row.key,
    kind: row.kind,
    case: refs.get(row.caseId) ?? String(row.caseId),
    recipient: emails.get(row.recipientId) ?? null,
    channel: channel ?? pickSender(senders, recipients.get(row.recipientId))?.channel ?? 'none',
    text: viewToText(row.view),
    status,
  }));
}

const describedColumns = { id: nudges.id, key: nudges.key, kind: nudges.kind, caseId: nudges.caseId, recipientId: nudges.recipientId, payload: nudges.payload };

async function describe(db: Executor, ids: number[]): Promise<(Described & { id: number })[]> {
  if (ids.length === 0) return [];
  const rows = await db.select(describedColumns).from(nudges).where(inArray(nudges.id, ids));
  return rows.map(({ payload, ...r }) => ({ ...r, view: (payload as { view: View }).view }));
}

/** Rows due now and waiting for nudge hours (or for the next dispatch). */
async function describePendingDue(db: Executor, now: Date): Promise<(Described & { id: number })[]> {
  const rows = await db
    .select(describedColumns)
    .from(nudges)
    .where(and(eq(nudges.status, 'pending'), lte(nudges.dueAt, now), or(isNull(nudges.nextAttemptAt), lte(nudges.nextAttemptAt, now))))
    .orderBy(nudges.dueAt, nudges.id);
  return rows.map(({ payload, ...r }) => ({ ...r, view: (payload as { view: View }).view }));
}

async function caseRefs(db: Executor, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: cases.id, ref: cases.ref }).from(cases).where(inArray(cases.id, unique));
  return new Map(rows.map((r) => [r.id, r.ref]));
}

