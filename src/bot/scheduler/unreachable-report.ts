// Nobody is dropped silently: a nudge no channel can deliver is stored `undeliverable`, and the
// conference admin and the chair get one message a working day per conference listing who cannot
// be reached and why ("Pat Officer, Wiltshire Police: no chat account and no email"). The report is
// an outbox row keyed by conference, London day and recipient, so it is written once a day however
// many nudges fail. It names professionals and the case reference: never a child.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import { londonDate } from '../../rules/calendar.js';
import type { Role } from '../../rules/roles.js';
import type { Executor } from '../../store/db.js';
import { enqueue } from '../../store/outbox.js';
import { loadRecipients } from '../../store/recipients.js';
import { caseMembers, cases, conferences, invitations, people } from '../../store/schema.js';
import { UNREACHABLE_WORDS, unreachableCode, type UnreachableCode } from '../core/reach.js';
import type { Channel, View } from '../core/types.js';
import { DELIVERY_FAILED_KIND } from './delivery-failed.js';
import { countOf } from '../core/views/format.js';

export const UNREACHABLE_KIND = 'unreachable_report';

const REPORT_ROLES: readonly Role[] = ['conference_admin', 'chair'];

export interface Undeliverable {
  id: number;
  kind: string;
  caseId: number;
  conferenceId: number | null;
  recipientId: number;
  code: UnreachableCode;
}

interface Unreached {
  personId: number;
  name: string;
  agency: string;
  code: UnreachableCode;
}

/** Writes today's report for the row's conference (once a day), in the caller's transaction. */
export async function reportUnreachable(db: Executor, row: Undeliverable, channels: readonly Channel[], now: Date, log: Logger): Promise<number[]> {
  // A report or failure notice nobody can receive is not reported in turn: they would chase each other.
  if (row.kind === UNREACHABLE_KIND || row.kind === DELIVERY_FAILED_KIND) {
    log.error({ code: 'UNREACHABLE_UNREPORTED', nudgeId: row.id, reason: 'REPORT_UNDELIVERABLE' }, 'a report of unreachable people could not be delivered');
    return [];
  }
  const [info] = await db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, row.caseId));
  const members = await db
    .select({ personId: caseMembers.personId, role: caseMembers.role })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, row.caseId), inArray(caseMembers.role, [...REPORT_ROLES])));
  const to = [...new Set(members.map((m) => m.personId).filter((p) => p !== row.recipientId))];
  if (!info || to.length === 0) {
    log.error({ code: 'UNREACHABLE_UNREPORTED', nudgeId: row.id, caseId: row.caseId, reason: 'NO_ONE_TO_TELL' }, 'a nudge is undeliverable and the case has no admin or chair to tell');
    return [];
  }
  const unreached = await listUnreached(db, row, channels);
  const conf = row.conferenceId ? (await db.select({ key: conferences.key }).from(conferences).where(eq(conferences.id, row.conferenceId)))[0] : undefined;
  const day = londonDate(now);
  const view = unreachableView(info.ref, unreached);
  const keys = await enqueue(
    db,
    to.map((personId) => ({
      key: `${UNREACHABLE_KIND}:c${row.caseId}:f${row.conferenceId ?? 0}:${day}:p${personId}`,
      kind: UNREACHABLE_KIND,
      caseId: row.caseId,
      conferenceId: row.conferenceId,
      recipientId: personId,
      step: day,
      dueAt: now,
      view,
      meta: { conference: conf?.key ?? null, people: unreached.map((u) => u.personId) },
    })),
  );
  if (keys.length) log.warn({ code: 'UNREACHABLE_REPORTED', nudgeId: row.id, caseId: row.caseId, to, people: unreached.map((u) => u.personId) }, 'people no channel reaches were reported on the case');
  return to;
}

/** Everyone invited to the conference whom no channel reaches, with the row's own recipient first. */
async function listUnreached(db: Executor, row: Undeliverable, channels: readonly Channel[]): Promise<Unreached[]> {
  const invited = row.conferenceId
    ? await db
        .select({ personId: invitations.personId, agency: invitations.agency })
        .from(invitations)
        .where(and(eq(invitations.conferenceId, row.conferenceId), isNull(invitations.removedAt)))
    : [];
  const ids = [...new Set([row.recipientId, ...invited.map((i) => i.personId)])];
  const [reach, persons] = await Promise.all([loadRecipients(db, ids), db.select({ id: people.id, name: people.name, organisation: people.organisation }).from(people).where(inArray(people.id, ids))]);
  const byId = new Map(persons.map((p) => [p.id, p]));
  const agencyOf = new Map(invited.map((i) => [i.personId, i.agency]));
  const out: Unreached[] = [];
  for (const id of ids) {
    const code = id === row.recipientId ? row.code : unreachableCode(channels, reach.get(id));
    const p = byId.get(id);
    if (code && p) out.push({ personId: id, name: p.name, agency: agencyOf.get(id) ?? p.organisation, code });
  }
  return out;
}

export function unreachableView(ref: string, unreached: readonly Unreached[]): View {
  const lines = unreached.map((u) => `${u.agency ? `${u.name}, ${u.agency}` : u.name}: ${UNREACHABLE_WORDS[u.code]}`);
  return {
    fallback: `${ref}: ${countOf(unreached.length, 'invitee')} Quorum cannot reach.`,
    blocks: [
      { type: 'header', text: `${ref}: people Quorum cannot reach` },
      { type: 'text', text: '*Quorum has messages for these people but no way to deliver them.* Please contact them by another route, or add a work email for them.' },
      { type: 'list', items: lines },
      { type: 'context', text: `You hear of this as the conference admin or chair of ${ref}: at most once a working day per conference. \`case ${ref}\` shows who is unreachable.` },
    ],
  };
}
