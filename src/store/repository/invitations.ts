// Invitation operations: invite, withdraw, an invitee's answer and their report. Each writes its
// rows and its audit entry, marks the case for re-planning and returns the case as it now is.
import { and, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Invitee, Response, Sector } from '../../rules/case-facts.js';
import type { Role } from '../../rules/roles.js';
import type { StoredCase, StoredConference, StoredInvitee } from '../case-model.js';
import { ensureAgency } from '../agencies.js';
import { addMember, upsertPerson, type Person } from '../people.js';
import { caseMembers, conferences, invitations } from '../schema.js';
import { audit, changed, type OpContext } from './context.js';

export interface NewPerson {
  name: string;
  organisation: string;
  sector: Sector;
  email: string;
}

export async function createPerson(ctx: OpContext, caseRef: string, p: NewPerson, via: string): Promise<Person> {
  const { person } = await upsertPerson(ctx.tx, p);
  await audit(ctx, caseRef, 'PERSON_CREATED', { type: 'person', id: person.id }, { via });
  return person;
}

export interface Invitation {
  personId: number;
  agency: string;
  sector: Sector;
  role: Invitee['role'];
  /** The case's child refs they have direct contact with; null: every child. */
  directContact?: string[] | null;
  /** The case role to give them when they hold none that lets them answer (e.g. `invitee`). */
  membership: Role | null;
}

export async function invite(ctx: OpContext, c: StoredCase, conf: StoredConference, inv: Invitation, detail: Record<string, unknown>): Promise<{ after: StoredCase; invitee: StoredInvitee }> {
  if (inv.membership) await addMember(ctx.tx, c.id, inv.personId, inv.membership);
  // The agency goes into the partnership's directory (a case without a partnership has none).
  const agency = c.partnershipId === null ? null : await ensureAgency(ctx.tx, c.partnershipId, inv.agency, inv.sector);
  if (agency?.created) await audit(ctx, c.ref, 'AGENCY_REGISTERED', { type: 'agency', id: agency.id }, { sector: inv.sector, countsTowardsQuorum: agency.countsTowardsQuorum });
  const values = { agency: inv.agency, sector: inv.sector, agencyId: agency?.id ?? null, directContact: inv.directContact ?? null, role: inv.role, response: 'no_reply', deputy: null, respondedAt: null, reportSubmittedAt: null, reportSharedAt: null, reportWithheldReason: null, removedAt: null, removedReason: null };
  const again = await wasWithdrawn(ctx, conf.dbId, inv.personId);
  // An earlier, removed invitation to the same conference comes back fresh.
  const [row] = await ctx.tx
    .insert(invitations)
    .values({ conferenceId: conf.dbId, personId: inv.personId, ...values })
    .onConflictDoUpdate({ target: [invitations.conferenceId, invitations.personId], set: values })
    .returning({ id: invitations.id });
  // The first invitation out is when "invitations sent" is met.
  if (!conf.invitationsSentAt) await ctx.tx.update(conferences).set({ invitationsSentAt: ctx.now, updatedAt: ctx.now }).where(eq(conferences.id, conf.dbId));
  // Someone invited again after a withdrawal holds a CANCEL: their new REQUEST must be newer.
  if (again) await bumpCalendarSequence(ctx, conf.dbId);
  await audit(ctx, c.ref, 'INVITATION_CREATED', { type: 'invitation', id: row!.id }, { conference: conf.id, personId: inv.personId, sector: inv.sector, ...detail });
  const after = await changed(ctx, c.id);
  const invitee = after.facts.conferences.find((f) => f.id === conf.id)!.invitees.find((i) => i.invitationId === row!.id)!;
  return { after, invitee };
}

/** Withdraws the invitation; someone invited by mistake stops seeing the case once none of theirs remains. */
export async function uninvite(ctx: OpContext, c: StoredCase, conf: StoredConference, invitee: StoredInvitee, reason: string): Promise<StoredCase> {
  await ctx.tx.update(invitations).set({ removedAt: ctx.now, removedReason: reason }).where(eq(invitations.id, invitee.invitationId));
  // The withdrawn person's CANCEL carries this sequence; a later invitation again carries a higher one,
  // so their calendar takes each in turn (it ignores an update no newer than what it holds).
  await bumpCalendarSequence(ctx, conf.dbId);
  const others = await ctx.tx
    .select({ id: invitations.id })
    .from(invitations)
    .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
    .where(and(eq(conferences.caseId, c.id), eq(invitations.personId, invitee.personId), isNull(invitations.removedAt), ne(invitations.id, invitee.invitationId)));
  if (others.length === 0) {
    await ctx.tx.delete(caseMembers).where(and(eq(caseMembers.caseId, c.id), eq(caseMembers.personId, invitee.personId), eq(caseMembers.role, 'invitee')));
  }
  await audit(ctx, c.ref, 'INVITATION_WITHDRAWN', { type: 'invitation', id: invitee.invitationId }, { conference: conf.id, personId: invitee.personId });
  return changed(ctx, c.id);
}

async function wasWithdrawn(ctx: OpContext, conferenceId: number, personId: number): Promise<boolean> {
  const [row] = await ctx.tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.conferenceId, conferenceId), eq(invitations.personId, personId), isNotNull(invitations.removedAt)));
  return Boolean(row);
}

async function bumpCalendarSequence(ctx: OpContext, conferenceId: number): Promise<void> {
  await ctx.tx.update(conferences).set({ calendarSequence: sql`${conferences.calendarSequence} + 1` }).where(eq(conferences.id, conferenceId));
}

export interface Answer {
  response: Exclude<Response, 'no_reply'>;
  deputy: string | null;
}

export async function recordAnswer(ctx: OpContext, c: StoredCase, conf: StoredConference, invitee: StoredInvitee, a: Answer): Promise<StoredCase> {
  await ctx.tx.update(invitations).set({ response: a.response, deputy: a.deputy, respondedAt: ctx.now }).where(eq(invitations.id, invitee.invitationId));
  await audit(ctx, c.ref, 'INVITATION_RESPONDED', { type: 'invitation', id: invitee.invitationId }, { response: a.response, conference: conf.id });
  return changed(ctx, c.id);
}

export type ReportChange = { kind: 'submitted' } | { kind: 'shared' } | { kind: 'withheld'; reason: string };

const REPORT_ACTION = { submitted: 'REPORT_SUBMITTED', shared: 'REPORT_SHARED', withheld: 'REPORT_WITHHELD' } as const;

export async function recordReport(ctx: OpContext, c: StoredCase, conf: StoredConference, invitee: StoredInvitee, change: ReportChange): Promise<StoredCase> {
  const patch =
    change.kind === 'submitted'
      ? { reportSubmittedAt: ctx.now }
      : change.kind === 'shared'
        ? { reportSharedAt: ctx.now, reportWithheldReason: null }
        : { reportWithheldReason: change.reason };
  await ctx.tx.update(invitations).set(patch).where(eq(invitations.id, invitee.invitationId));
  await audit(ctx, c.ref, REPORT_ACTION[change.kind], { type: 'invitation', id: invitee.invitationId }, { conference: conf.id });
  return changed(ctx, c.id);
}
