// The dispatcher: claim due rows (FOR UPDATE SKIP LOCKED, with a lease) in one short statement,
// mark each row just before its platform call, send it outside any transaction, then record `sent`
// with the platform's message id. Only a row found still marked after its lease ran out can have
// reached the person: it is sent again, flagged as possibly repeated, until its attempts run out.
// A row that finally fails is reported on its case (delivery-failed.ts) in the same transaction; a
// row no channel can deliver is `undeliverable` (never `sent`) and reported (unreachable-report.ts).
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { logger } from '../../log.js';
import { queryRows, type Executor } from '../../store/db.js';
import { withNudgeId } from '../core/nudges/index.js';
import { DeliveryError, type ChannelSender, type View } from '../core/types.js';
import { reportDeliveryFailure } from './delivery-failed.js';
import { loadRecipients, type Recipient } from '../../store/recipients.js';
import { pickSender, unreachableCode } from '../core/reach.js';
import { linkBeforeEmail } from './link-before-email.js';
import { reportUnreachable } from './unreachable-report.js';
import { applyCardUpdate } from './card-updates.js';
import { CARD_UPDATE_KIND } from '../core/nudges/card-updates.js';
import { DEFAULT_NUDGE_HOURS, isNudgeTime, type NudgeHours } from './working-hours.js';

export interface DispatchOptions {
  senders: readonly ChannelSender[];
  hours?: NudgeHours;
  leaseMs?: number;
  batchSize?: number;
  /** Platform calls a row gets, interrupted ones included, before it fails and is reported. */
  maxAttempts?: number;
  /** Stop after this many claim rounds (a safety net; a round is one batch). */
  maxRounds?: number;
  log?: Logger;
}

export type DispatchStatus = 'sent' | 'failed' | 'retry' | 'undeliverable' | 'skipped';

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
  /** A final failure: who was told of it (empty: nobody could be; logged at error level). */
  reportedTo?: number[];
}

export interface ClaimedRow {
  id: number;
  due_at: Date | string;
  key: string;
  kind: string;
  step: string;
  case_id: number;
  conference_id: number | null;
  recipient_id: number;
  channel: string;
  payload: { view: View } & Record<string, unknown>;
  possibly_sent: boolean;
  attempts: number;
  /** Interrupted mid-send with no attempts left: to be failed and reported, not sent. */
  exhausted: boolean;
}

// Long enough for a whole batch of slow platform calls; a claim is only retaken after it ends.
export const DEFAULT_LEASE_MS = 300_000;
export const DEFAULT_MAX_ATTEMPTS = 5;
const MAX_BACKOFF_MS = 3_600_000;

/**
 * Claims up to `limit` due rows for this process until `now + leaseMs`; commits before returning.
 * A row a dead process left `sending` is retaken; it becomes "possibly sent" only if that process
 * had started its platform call (send_started_at), not merely claimed it with its batch.
 */
export async function claimDue(
  db: Executor,
  now: Date,
  limit: number,
  leaseMs = DEFAULT_LEASE_MS,
  maxAttempts = DEFAULT_MAX_ATTEMPTS,
): Promise<{ rows: ClaimedRow[]; lease: Date }> {
  const lease = new Date(now.getTime() + leaseMs);
  const at = now.toISOString();
  const rows = await queryRows<ClaimedRow>(
    db,
    sql`with due as (
          select id, (status = 'sending' and send_started_at is not null) as interrupted from nudges
          where (status = 'pending' and due_at <= ${at}::timestamptz and (next_attempt_at is null or next_attempt_at <= ${at}::timestamptz))
             or (status = 'sending' and lease_until < ${at}::timestamptz)
          order by due_at, id
          limit ${limit}
          for update skip locked
        )
        update nudges n set
          status = 'sending',
          possibly_sent = n.possibly_sent or due.interrupted,
          -- An exhausted row keeps its mark: if this process dies before failing it, the next claim fails it.
          send_started_at = case when due.interrupted and n.attempts >= ${maxAttempts} then n.send_started_at end,
          last_error = case when due.interrupted then 'SEND_INTERRUPTED' else n.last_error end,
          lease_until = ${lease.toISOString()}::timestamptz,
          updated_at = now()
        from due where n.id = due.id
        returning n.id, n.due_at, n.key, n.kind, n.step, n.case_id, n.conference_id, n.recipient_id, n.channel, n.payload, n.possibly_sent, n.attempts,
          (due.interrupted and n.attempts >= ${maxAttempts}) as exhausted`,
  );
  // RETURNING comes in no particular order: the oldest due goes first, as the claim chose them.
  const claimed = rows.map((r) => ({ ...r, id: Number(r.id) }));
  claimed.sort((a, b) => new Date(a.due_at).getTime() - new Date(b.due_at).getTime() || a.id - b.id);
  return { rows: claimed, lease };
}

/**
 * Marks a claimed row as in flight and counts the attempt, just before its platform call. Returns
 * the attempt number, or null when the lease is no longer ours (another process has the row).
 */
export async function markSendStarted(db: Executor, id: number, lease: Date, now: Date): Promise<number | null> {
  const [row] = await queryRows<{ attempts: number }>(
    db,
    sql`update nudges set send_started_at = ${now.toISOString()}::timestamptz, attempts = attempts + 1, updated_at = now()
      where id = ${id} and status = 'sending' and lease_until = ${lease.toISOString()}::timestamptz
      returning attempts`,
  );
  return row ? Number(row.attempts) : null;
}

/** Sends every due row, batch by batch. Outside nudge hours it sends nothing (rows wait: `deferred`). */
export async function dispatch(db: Executor, now: Date, opts: DispatchOptions): Promise<DispatchOutcome[]> {
  if (!isNudgeTime(now, opts.hours ?? DEFAULT_NUDGE_HOURS)) return [];
  const log = opts.log ?? logger();
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const outcomes: DispatchOutcome[] = [];
  const maxRounds = opts.maxRounds ?? 100;
  for (let round = 0; round < maxRounds; round++) {
    const { rows, lease } = await claimDue(db, now, opts.batchSize ?? 25, opts.leaseMs, maxAttempts);
    if (rows.length === 0) break;
    const recipients = await loadRecipients(db, rows.map((r) => r.recipient_id));
    for (const row of rows) {
      const base = { id: row.id, key: row.key, kind: row.kind, caseId: row.case_id, recipientId: row.recipient_id, possiblySent: row.possibly_sent, view: row.payload.view };
      if (row.exhausted) {
        const failure = { code: 'SEND_INTERRUPTED', permanent: false, attempts: row.attempts, channel: row.channel };
        const failed = await failRow(db, row, failure, lease, now, log, base);
        if (failed) outcomes.push(failed);
        continue;
      }
      if (row.kind === CARD_UPDATE_KIND) {
        const status = await applyCardUpdate(db, row, recipients.get(row.recipient_id), opts.senders, lease, log);
        if (status) outcomes.push({ ...base, channel: 'update', status });
        continue;
      }
      const recipient = await linkBeforeEmail(opts.senders, recipients.get(row.recipient_id), now, recipients);
      const sender = pickSender(opts.senders, recipient);
      if (!sender) {
        const undeliverable = await markUndeliverable(db, row, recipient, opts.senders, lease, now, log, base);
        if (undeliverable) outcomes.push(undeliverable);
        continue;
      }
      const outcome = await sendOne(db, row, sender, recipient, lease, now, { ...opts, maxAttempts }, log, base);
      if (outcome) outcomes.push(outcome);
    }
  }
  return outcomes;
}

type OutcomeBase = Omit<DispatchOutcome, 'channel' | 'status'>;

async function sendOne(
  db: Executor,
  row: ClaimedRow,
  sender: ChannelSender,
  recipient: Parameters<ChannelSender['send']>[0] | undefined,
  lease: Date,
  now: Date,
  opts: DispatchOptions & { maxAttempts: number },
  log: Logger,
  base: OutcomeBase,
): Promise<DispatchOutcome | null> {
  if (!recipient) return failRow(db, row, { code: 'RECIPIENT_NOT_FOUND', permanent: true, attempts: row.attempts, channel: sender.channel }, lease, now, log, base);
  const attempts = await markSendStarted(db, row.id, lease, now);
  if (attempts === null) {
    // Our lease ran out while earlier rows of the batch were sent: the row is someone else's now.
    log.warn({ code: 'NUDGE_LEASE_LOST', nudgeId: row.id, kind: row.kind }, 'nudge left to the process that holds it now');
    return null;
  }
  const leaseIso = lease.toISOString();
  try {
    const { view: _view, ...meta } = row.payload;
    const nudge = { nudgeId: row.id, kind: row.kind, caseId: row.case_id, conferenceId: row.conference_id, meta };
    const result = await sender.send(recipient, withNudgeId(row.payload.view, row.id, row.possibly_sent), nudge);
    // Only the claim holder records the outcome: a row whose lease ran out belongs to someone else.
    await db.execute(sql`update nudges set status = 'sent', channel = ${sender.channel}, platform_message_id = ${result.messageId},
      platform_channel_id = ${result.channelId ?? null}, sent_at = ${now.toISOString()}::timestamptz, lease_until = null, last_error = null, updated_at = now()
      where id = ${row.id} and status = 'sending' and lease_until = ${leaseIso}::timestamptz`);
    log.info({ code: 'NUDGE_SENT', nudgeId: row.id, kind: row.kind, channel: sender.channel, possiblySent: row.possibly_sent }, 'nudge sent');
    return { ...base, channel: sender.channel, status: 'sent' };
  } catch (err) {
    const delivery = err instanceof DeliveryError ? err : null;
    const code = delivery ? delivery.code : 'SEND_ERROR';
    const permanent = Boolean(delivery?.opts.permanent);
    // Senders put a code, never content, in the message (SLACK_USER_NOT_FOUND): the admin's notice names it.
    const detail = delivery && /^[A-Z0-9_]{1,64}$/.test(delivery.message) ? delivery.message : code;
    if (permanent || attempts >= opts.maxAttempts) return failRow(db, row, { code, detail, permanent, attempts, channel: sender.channel }, lease, now, log, base);
    const backoff = Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** Math.max(0, attempts - 1));
    const next = new Date(now.getTime() + Math.max(backoff, delivery?.opts.retryAfterMs ?? 0));
    // Back to pending for a later attempt; the mark goes, since the attempt is over either way.
    await db.execute(sql`update nudges set status = 'pending', channel = ${sender.channel}, lease_until = null, send_started_at = null,
      next_attempt_at = ${next.toISOString()}::timestamptz, last_error = ${code}, updated_at = now()
      where id = ${row.id} and status = 'sending' and lease_until = ${leaseIso}::timestamptz`);
    log.warn({ code, nudgeId: row.id, kind: row.kind, channel: sender.channel, attempts }, 'nudge send failed; will retry');
    return { ...base, channel: sender.channel, status: 'retry', code };
  }
}

interface Failure {
  code: string;
  detail?: string;
  permanent: boolean;
  attempts: number;
  channel: string;
}

/** Marks the row failed and writes its failure notice in one transaction, if the lease is still ours (else null). */
async function failRow(db: Executor, row: ClaimedRow, f: Failure, lease: Date, now: Date, log: Logger, base: OutcomeBase): Promise<DispatchOutcome | null> {
  const reportedTo = await db.transaction(async (tx) => {
    const marked = await queryRows<{ id: number }>(
      tx,
      sql`update nudges set status = 'failed', channel = ${f.channel}, lease_until = null, next_attempt_at = null, last_error = ${f.code}, updated_at = now()
        where id = ${row.id} and status = 'sending' and lease_until = ${lease.toISOString()}::timestamptz
        returning id`,
    );
    if (marked.length === 0) return undefined;
    const failed = { id: row.id, kind: row.kind, step: row.step, caseId: row.case_id, conferenceId: row.conference_id, recipientId: row.recipient_id, attempts: f.attempts, code: f.detail ?? f.code, permanent: f.permanent };
    return (await reportDeliveryFailure(tx, failed, now, log)).to;
  });
  if (!reportedTo) {
    log.warn({ code: 'NUDGE_LEASE_LOST', nudgeId: row.id, kind: row.kind }, 'nudge left to the process that holds it now');
    return null;
  }
  log.warn({ code: f.code, nudgeId: row.id, kind: row.kind, channel: f.channel, attempts: f.attempts, permanent: f.permanent }, 'nudge failed');
  return { ...base, channel: f.channel, status: 'failed', code: f.code, reportedTo };
}

/**
 * No channel reaches the person: the row is `undeliverable` (never `sent`), and today's report of
 * who cannot be reached goes to the conference admin and the chair, in the same transaction.
 */
async function markUndeliverable(
  db: Executor,
  row: ClaimedRow,
  recipient: Recipient | undefined,
  senders: readonly ChannelSender[],
  lease: Date,
  now: Date,
  log: Logger,
  base: OutcomeBase,
): Promise<DispatchOutcome | null> {
  const channels = senders.map((s) => s.channel);
  const code = unreachableCode(channels, recipient) ?? 'NO_CHAT_NO_EMAIL';
  const reportedTo = await db.transaction(async (tx) => {
    const marked = await queryRows<{ id: number }>(
      tx,
      sql`update nudges set status = 'undeliverable', channel = 'none', lease_until = null, next_attempt_at = null, last_error = ${code}, updated_at = now()
        where id = ${row.id} and status = 'sending' and lease_until = ${lease.toISOString()}::timestamptz
        returning id`,
    );
    if (marked.length === 0) return undefined;
    return reportUnreachable(tx, { id: row.id, kind: row.kind, caseId: row.case_id, conferenceId: row.conference_id, recipientId: row.recipient_id, code }, channels, now, log);
  });
  if (!reportedTo) return null;
  log.warn({ code, nudgeId: row.id, kind: row.kind, personId: row.recipient_id }, 'nudge undeliverable: no channel reaches the person');
  return { ...base, channel: 'none', status: 'undeliverable', code, reportedTo };
}
