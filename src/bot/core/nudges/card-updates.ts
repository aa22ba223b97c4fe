// Cards that stay current: after a move, a cancel, or an answer or report recorded through any
// channel, the person's earlier attendance cards for that conference are updated in place (Slack
// chat.update, Teams updateActivity) by the dispatcher. The core writes one `card_update` outbox
// row per person with the new view; which messages it replaces is the dispatcher's look-up of the
// stored message refs (src/bot/scheduler/card-updates.ts).
import type { StoredConference, StoredInvitee } from '../../../store/case-model.js';
import type { OutboxRow } from '../../../store/outbox.js';
import type { View } from '../types.js';

export const CARD_UPDATE_KIND = 'card_update';

/** The invitee as an outbox view may show them: a colleague's name is typed text, and free text never goes in a nudge. */
export function withoutDeputyName(i: StoredInvitee): StoredInvitee {
  return { ...i, deputy: null };
}

/** `card`: the attendance cards get the new state; `cancelled`: every message of the conference says so. */
export type CardUpdateMode = 'card' | 'cancelled';

/** `cause` tells apart two changes at the same instant (an answer and a report in one click's millisecond). */
export function cardUpdateRow(caseId: number, conf: StoredConference, invitee: StoredInvitee, view: View, now: Date, mode: CardUpdateMode, cause: string): OutboxRow {
  return {
    key: `${CARD_UPDATE_KIND}:${invitee.invitationId}:${cause}:${now.toISOString()}`,
    kind: CARD_UPDATE_KIND,
    caseId,
    conferenceId: conf.dbId,
    recipientId: invitee.personId,
    step: mode,
    dueAt: now,
    view,
    meta: { mode },
  };
}
