// Invitations that arrived by import were never sent: people on chat meet them under `mine`, but
// someone only email reaches would never hear of the conference. The sweep writes each such
// invitee the attendance card `invite` would have sent (by email it carries the calendar REQUEST),
// once: the key names the invitation, and any earlier invitation row for the person counts.
import { sql } from 'drizzle-orm';
import { loadCases } from '../../store/cases.js';
import { queryRows, type Executor } from '../../store/db.js';
import { enqueue, type OutboxRow } from '../../store/outbox.js';
import { loadRecipients } from '../../store/recipients.js';
import { chatChannelsOf } from '../core/reach.js';
import { withoutDeputyName } from '../core/nudges/card-updates.js';
import { renderAttendanceCard } from '../core/views/attendance-card.js';

interface Unsent {
  invitation_id: number;
  person_id: number;
  conference_id: number;
  case_id: number;
}

export async function enqueueImportedInvitations(db: Executor, now: Date, opts: { dryRun?: boolean } = {}): Promise<string[]> {
  const unsent = await queryRows<Unsent>(
    db,
    sql`select i.id as invitation_id, i.person_id, f.id as conference_id, f.case_id
      from invitations i
      join conferences f on f.id = i.conference_id and f.status = 'scheduled' and f.scheduled_at > ${now.toISOString()}::timestamptz
      join cases c on c.id = f.case_id and c.status = 'open'
      join people p on p.id = i.person_id and p.email is not null
      where i.removed_at is null
        and not exists (select 1 from nudges n where n.kind = 'invitation' and n.conference_id = f.id and n.recipient_id = i.person_id)
      limit 500`,
  );
  if (unsent.length === 0) return [];
  const reach = await loadRecipients(db, unsent.map((u) => Number(u.person_id)));
  const emailOnly = unsent.filter((u) => chatChannelsOf(reach.get(Number(u.person_id))).length === 0);
  if (emailOnly.length === 0) return [];
  const loaded = await loadCases(db, [...new Set(emailOnly.map((u) => Number(u.case_id)))]);
  const rows: OutboxRow[] = [];
  for (const u of emailOnly) {
    const c = loaded.get(Number(u.case_id));
    const conf = c?.facts.conferences.find((f) => f.dbId === Number(u.conference_id));
    const invitee = conf?.invitees.find((i) => i.invitationId === Number(u.invitation_id));
    if (!c || !conf || !invitee) continue;
    const view = renderAttendanceCard(c.ref, conf, withoutDeputyName(invitee), `You are invited to this conference for ${invitee.agency}. Please answer now, and send your written report before the deadline.`);
    rows.push({ key: `invitation:${u.invitation_id}:import`, kind: 'invitation', caseId: c.id, conferenceId: conf.dbId, recipientId: invitee.personId, step: 'invited', dueAt: now, view });
  }
  return opts.dryRun ? rows.map((r) => r.key) : enqueue(db, rows);
}
