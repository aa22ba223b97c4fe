// The dispatcher: claim due rows (FOR UPDATE SKIP LOCKED, with a lease) in one short statement,
// send each outside any transaction, then record `sent` with the platform's message id. A row a
// dead process left in `sending` is retried once, flagged as possibly sent; then it fails.
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { logger } from '../../log.js';
import { queryRows, type Executor } from '../../store/db.js';
import { withNudgeId } from '../core/nudges/index.js';
import { DeliveryError, type ChannelSender, type View } from '../core/types.js';
import { createConsoleSender } from './console-sender.js';
import { loadRecipients } from '../../store/recipients.js';
import { pickSender } from '../core/reach.js';
import { DEFAULT_NUDGE_HOURS, isNudgeTime, type NudgeHours } from './working-hours.js';

export interface DispatchOptions {
  senders: readonly ChannelSender[];
  fallback?: ChannelSender;
  hours?: NudgeHours;
  leaseMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  /** Stop after this many claim rounds (a safety net; a round is one batch). */
  maxRounds?: number;
  log?: Logger;
}

export type DispatchStatus = 'sent' | 'failed' | 'retry';

export interface DispatchOutcome {
  id: number;
  key: string;
  kind: string;
  caseId: number;
  recipientId: number;
  channel: string;
  status: DispatchStatus;
  possiblySent: boolean;
  view: View;
  code?: string;
}

interface ClaimedRow {
  id: number;
  key: string;
  kind: string;
  case_id: number;
  recipient_id: number;
  payload: { view: View } & Record<string, unknown>;
  status: string;
  possibly_sent: boolean;
  attempts: number;
}

// Long enough for a whole batch of slow platform calls; a claim is only retaken after it ends.
export const DEFAULT_LEASE_MS = 300_000;
const MAX_BACKOFF_MS = 3_600_000;

/** Claims up to `limit` due rows for this process until `now + leaseMs`; commits before returning. */
export async function claimDue(db: Executor, now: Date, limit: number, leaseMs = DEFAULT_LEASE_MS): Promise<{ rows: ClaimedRow[]; lease: Date }> {
  const lease = new Date(now.getTime() + leaseMs);
  const at = now.toISOString();
  const rows = await queryRows<ClaimedRow>(
    db,
    sql`with due as (
          select id from nudges
          where (status = 'pending' and due_at <= ${at}::timestamptz and (next_attempt_at is null or next_attempt_at <= ${at}::timestamptz))
             or (status = 'sending' and lease_until < ${at}::timestamptz)
          order by due_at, id
          limit ${limit}
          for update skip locked
        )
        update nudges n set
          status = case when n.status = 'sending' and n.possibly_sent then 'failed' else 'sending' end,
          last_error = case when n.status = 'sending' and n.possibly_sent then 'LEASE_EXPIRED_TWICE' else n.last_error end,
          possibly_sent = n.possibly_sent or n.status = 'sending',
          lease_until = ${lease.toISOString()}::timestamptz,
          attempts = n.attempts + 1,
          updated_at = now()
        from due where n.id = due.id
        returning n.id, n.key, n.kind, n.case_id, n.recipient_id, n.payload, n.status, n.possibly_sent, n.attempts`,
  );
  return { rows: rows.map((r) => ({ ...r, id: Number(r.id) })), lease };
}

/** Sends every due row, batch by batch. Outside nudge hours it sends nothing (rows wait: `deferred`). */
export async function dispatch(db: Executor, now: Date, opts: DispatchOptions): Promise<DispatchOutcome[]> {
  if (!isNudgeTime(now, opts.hours ?? DEFAULT_NUDGE_HOURS)) return [];
  const log = opts.log ?? logger();
  const fallback = opts.fallback ?? createConsoleSender(log);
  const outcomes: DispatchOutcome[] = [];
  const maxRounds = opts.maxRounds ?? 100;
  for (let round = 0; round < maxRounds; round++) {
    const { rows, lease } = await claimDue(db, now, opts.batchSize ?? 25, opts.leaseMs);
    if (rows.length === 0) break;
    const recipients = await loadRecipients(db, rows.map((r) => r.recipient_id));
    for (const row of rows) {
      const base = { id: row.id, key: row.key, kind: row.kind, caseId: row.case_id, recipientId: row.recipient_id, possiblySent: row.possibly_sent, view: row.payload.view };
      if (row.status === 'failed') {
        log.warn({ code: 'NUDGE_LEASE_EXPIRED_TWICE', nudgeId: row.id, kind: row.kind }, 'nudge given up: its sender died twice');
        outcomes.push({ ...base, channel: 'pending', status: 'failed', code: 'LEASE_EXPIRED_TWICE' });
        continue;
      }
      const recipient = recipients.get(row.recipient_id);
      const sender = pickSender(opts.senders, fallback, recipient);
      outcomes.push(await sendOne(db, row, sender, recipient, lease, now, opts, log, base));
    }
  }
  return outcomes;
}

async function sendOne(
  db: Executor,
  row: ClaimedRow,
  sender: ChannelSender,
  recipient: Parameters<ChannelSender['send']>[0] | undefined,
  lease: Date,
  now: Date,
  opts: DispatchOptions,
  log: Logger,
  base: Omit<DispatchOutcome, 'channel' | 'status'>,
): Promise<DispatchOutcome> {
  const leaseIso = lease.toISOString();
  try {
    if (!recipient) throw new DeliveryError('recipient not found', { permanent: true });
    const result = await sender.send(recipient, withNudgeId(row.payload.view, row.id, row.possibly_sent));
    // Only the claim holder records the outcome: a row whose lease ran out belongs to someone else.
    await db.execute(sql`update nudges set status = 'sent', channel = ${sender.channel}, platform_message_id = ${result.messageId},
      platform_channel_id = ${result.channelId ?? null}, sent_at = ${now.toISOString()}::timestamptz, lease_until = null, last_error = null, updated_at = now()
      where id = ${row.id} and status = 'sending' and lease_until = ${leaseIso}::timestamptz`);
    log.info({ code: 'NUDGE_SENT', nudgeId: row.id, kind: row.kind, channel: sender.channel, possiblySent: row.possibly_sent }, 'nudge sent');
    return { ...base, channel: sender.channel, status: 'sent' };
  } catch (err) {
    const delivery = err instanceof DeliveryError ? err : null;
    const code = delivery ? delivery.code : 'SEND_ERROR';
    const give = Boolean(delivery?.opts.permanent) || row.attempts >= (opts.maxAttempts ?? 5);
    const backoff = Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** Math.max(0, row.attempts - 1));
    const next = new Date(now.getTime() + Math.max(backoff, delivery?.opts.retryAfterMs ?? 0));
    await db.execute(sql`update nudges set status = ${give ? 'failed' : 'pending'}, channel = ${sender.channel}, lease_until = null,
      next_attempt_at = ${give ? null : next.toISOString()}::timestamptz, last_error = ${code}, updated_at = now()
      where id = ${row.id} and status = 'sending' and lease_until = ${leaseIso}::timestamptz`);
    log.warn({ code, nudgeId: row.id, kind: row.kind, channel: sender.channel, attempts: row.attempts, permanent: give }, give ? 'nudge failed' : 'nudge send failed; will retry');
    return { ...base, channel: sender.channel, status: give ? 'failed' : 'retry', code };
  }
}
