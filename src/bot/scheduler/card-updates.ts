// Applies a `card_update` row: the person's earlier messages about the conference, found by the
// message refs stored when they were sent (Slack channel + ts, Teams conversation + activity id),
// are replaced in place with the row's view. A message that can no longer be updated (deleted,
// too old, app removed) is left alone and logged by id. The row is `sent` when at least one
// message was updated and `skipped` when there was nothing to update (email cannot be changed).
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { queryRows, type Executor } from '../../store/db.js';
import type { Recipient } from '../../store/recipients.js';
import type { CardUpdateMode } from '../core/nudges/card-updates.js';
import type { ChannelSender, View } from '../core/types.js';
import type { ClaimedRow, DispatchOutcome } from './dispatch.js';

// Messages that carry the attendance card; on a cancel every message of the conference is replaced.
const CARD_KINDS = ['invitation', 'conference_moved', 'card_update'];

interface Target {
  id: number;
  channel: string;
  platform_message_id: string;
  platform_channel_id: string | null;
}

export async function applyCardUpdate(
  db: Executor,
  row: ClaimedRow,
  recipient: Recipient | undefined,
  senders: readonly ChannelSender[],
  lease: Date,
  log: Logger,
): Promise<DispatchOutcome['status'] | null> {
  const mode = (row.payload.mode as CardUpdateMode | undefined) ?? 'card';
  // Only messages sent before this change was written: a notice written with it is already current.
  const targets = row.conference_id
    ? await queryRows<Target>(
        db,
        sql`select id, channel, platform_message_id, platform_channel_id from nudges
          where recipient_id = ${row.recipient_id} and conference_id = ${row.conference_id} and status = 'sent'
            and channel in ('slack', 'teams') and platform_message_id is not null and platform_message_id <> ''
            and kind <> 'card_update'
            and (${mode === 'cancelled'} or kind in (${sql.join(CARD_KINDS.map((k) => sql`${k}`), sql`, `)}))
            and created_at < (select created_at from nudges where id = ${row.id})
          order by id`,
      )
    : [];
  let updated = 0;
  for (const t of targets) {
    const sender = senders.find((s) => s.channel === t.channel);
    if (!sender?.update || !recipient) continue;
    try {
      await sender.update(recipient, { messageId: t.platform_message_id, channelId: t.platform_channel_id ?? undefined }, row.payload.view as View);
      updated++;
    } catch (err) {
      log.warn({ code: 'CARD_UPDATE_FAILED', nudgeId: row.id, messageOf: Number(t.id), channel: t.channel, reason: (err as Error).message?.slice(0, 64) }, 'an earlier message could not be updated; left as it is');
    }
  }
  const status = updated > 0 ? 'sent' : 'skipped';
  const marked = await queryRows<{ id: number }>(
    db,
    sql`update nudges set status = ${status}, channel = ${updated > 0 ? 'update' : 'none'}, sent_at = ${updated > 0 ? sql`now()` : null}, lease_until = null, updated_at = now()
      where id = ${row.id} and status = 'sending' and lease_until = ${lease.toISOString()}::timestamptz returning id`,
  );
  if (marked.length === 0) return null;
  log.info({ code: 'CARD_UPDATED', nudgeId: row.id, mode, targets: targets.length, updated }, 'earlier cards updated');
  return updated > 0 ? 'sent' : 'skipped';
}
