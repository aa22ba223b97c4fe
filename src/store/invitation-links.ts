// What the email channel needs to know of an invitation to link to it (the answer page) and to put
// its conference in a calendar: ids, the case reference, children's initials, times and states.
// Never a name of a child, never a note.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from './db.js';
import { cases, children, conferences, invitations, people } from './schema.js';
import { childLabel } from '../rules/case-facts.js';

export interface InvitationLink {
  invitationId: number;
  personId: number;
  caseId: number;
  caseRef: string;
  conferenceId: number;
  conferenceKey: string;
  conferenceType: 'initial' | 'review';
  scheduledAt: Date;
  conferenceStatus: 'scheduled' | 'held' | 'cancelled';
  calendarSequence: number;
  removed: boolean;
  caseOpen: boolean;
  response: string;
  deputy: string | null;
  reportSubmitted: boolean;
  agency: string;
}

const columns = {
  invitationId: invitations.id,
  personId: invitations.personId,
  caseId: cases.id,
  caseRef: cases.ref,
  caseStatus: cases.status,
  conferenceId: conferences.id,
  conferenceKey: conferences.key,
  conferenceType: conferences.type,
  scheduledAt: conferences.scheduledAt,
  conferenceStatus: conferences.status,
  calendarSequence: conferences.calendarSequence,
  removedAt: invitations.removedAt,
  response: invitations.response,
  deputy: invitations.deputy,
  reportSubmittedAt: invitations.reportSubmittedAt,
  agency: invitations.agency,
};

type Row = { [K in keyof typeof columns]: (typeof columns)[K]['_']['data'] | null };

function toLink(r: Row): InvitationLink {
  return {
    invitationId: r.invitationId!,
    personId: r.personId!,
    caseId: r.caseId!,
    caseRef: r.caseRef!,
    conferenceId: r.conferenceId!,
    conferenceKey: r.conferenceKey!,
    conferenceType: r.conferenceType!,
    scheduledAt: r.scheduledAt!,
    conferenceStatus: r.conferenceStatus!,
    calendarSequence: r.calendarSequence ?? 0,
    removed: Boolean(r.removedAt),
    caseOpen: r.caseStatus === 'open',
    response: r.response ?? 'no_reply',
    deputy: r.deputy,
    reportSubmitted: Boolean(r.reportSubmittedAt),
    agency: r.agency ?? '',
  };
}

function query(db: Executor) {
  return db.select(columns).from(invitations).innerJoin(conferences, eq(conferences.id, invitations.conferenceId)).innerJoin(cases, eq(cases.id, conferences.caseId));
}

/** The person's invitation to the conference (withdrawn ones too: the caller decides). */
export async function findInvitationLink(db: Executor, conferenceId: number, personId: number): Promise<InvitationLink | undefined> {
  const [row] = await query(db).where(and(eq(invitations.conferenceId, conferenceId), eq(invitations.personId, personId)));
  return row ? toLink(row) : undefined;
}

export async function loadInvitationLink(db: Executor, invitationId: number): Promise<InvitationLink | undefined> {
  const [row] = await query(db).where(eq(invitations.id, invitationId));
  return row ? toLink(row) : undefined;
}

/** Children's initials on the case (the child reference when there are none), for a calendar entry's title ("CP-0001 (A.B.)"). */
export async function caseInitials(db: Executor, caseId: number): Promise<string[]> {
  const rows = await db.select({ ref: children.ref, initials: children.initials }).from(children).where(eq(children.caseId, caseId)).orderBy(asc(children.id));
  return rows.map(childLabel);
}

/** The person's invitations across open cases, for their calendar feed. */
export async function invitationLinksOf(db: Executor, personId: number): Promise<InvitationLink[]> {
  const rows = await query(db).where(eq(invitations.personId, personId));
  return rows.map(toLink).filter((l) => l.caseOpen && !l.removed);
}

export async function calendarFeedVersion(db: Executor, personId: number): Promise<number | undefined> {
  const [row] = await db.select({ v: people.calendarFeedVersion }).from(people).where(eq(people.id, personId));
  return row?.v;
}

export async function caseRefOf(db: Executor, caseId: number): Promise<string | undefined> {
  const [row] = await db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, caseId));
  return row?.ref;
}

/** iCalendar SEQUENCE of each conference. */
export async function calendarSequences(db: Executor, conferenceIds: number[]): Promise<Map<number, number>> {
  if (conferenceIds.length === 0) return new Map();
  const rows = await db.select({ id: conferences.id, seq: conferences.calendarSequence }).from(conferences).where(inArray(conferences.id, conferenceIds));
  return new Map(rows.map((r) => [r.id, r.seq]));
}
