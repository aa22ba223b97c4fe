// People: professionals, identified across cases by email (lower-cased).
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from './db.js';
import { caseMembers, cases, chatIdentities, people, type Role } from './schema.js';

export type Person = typeof people.$inferSelect;

export interface PersonInput {
  name: string;
  organisation: string;
  sector: string;
  email?: string | null;
  slackUserId?: string | null;
  teamsUserId?: string | null;
}

export function normaliseEmail(email: string | null | undefined): string | null {
  return email ? email.trim().toLowerCase() : null;
}

/**
 * Finds the person by email (or, with no email, by name and organisation among people with no
 * email), creating or updating them. Returns the person and whether anything changed.
 */
export async function upsertPerson(db: Executor, input: PersonInput): Promise<{ person: Person; changed: boolean }> {
  const email = normaliseEmail(input.email);
  const [existing] = email
    ? await db.select().from(people).where(eq(people.email, email))
    : await db
        .select()
        .from(people)
        .where(and(isNull(people.email), eq(people.name, input.name), eq(people.organisation, input.organisation)));
  if (!existing) {
    const [person] = await db
      .insert(people)
      .values({ ...input, email, slackUserId: input.slackUserId ?? null, teamsUserId: input.teamsUserId ?? null })
      .returning();
    return { person: person!, changed: true };
  }
  const patch: Partial<PersonInput> = {};
  if (existing.name !== input.name) patch.name = input.name;
  if (existing.organisation !== input.organisation) patch.organisation = input.organisation;
  if (existing.sector !== input.sector) patch.sector = input.sector;
  if (input.slackUserId && existing.slackUserId !== input.slackUserId) patch.slackUserId = input.slackUserId;
  if (input.teamsUserId && existing.teamsUserId !== input.teamsUserId) patch.teamsUserId = input.teamsUserId;
  if (Object.keys(patch).length === 0) return { person: existing, changed: false };
  const [person] = await db
    .update(people)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(people.id, existing.id))
    .returning();
  return { person: person!, changed: true };
}

export async function findPersonById(db: Executor, id: number): Promise<Person | undefined> {
  const [p] = await db.select().from(people).where(eq(people.id, id));
  return p;
}

export async function findPersonByEmail(db: Executor, email: string): Promise<Person | undefined> {
  const [p] = await db.select().from(people).where(eq(people.email, normaliseEmail(email)!));
  return p;
}

/**
 * A chat account: a user id is only unique within its workspace (Slack team, Teams tenant), so the
 * same id from another workspace is another, unknown user.
 */
export interface ChatAccount {
  platform: 'slack' | 'teams';
  workspaceId: string;
  platformUserId: string;
}

export interface ChatLookup {
  /**
   * Whether ids given by import (people.slack_user_id, teams_user_id) count: they name accounts of
   * the workspace Quorum is installed in, and nowhere else.
   */
  importedIds: boolean;
}

/** The person a chat account is linked to, if any. */
export async function findPersonByChatUser(db: Executor, account: ChatAccount, opts: ChatLookup): Promise<Person | undefined> {
  return (await findChatLink(db, account, opts))?.person;
}

/**
 * The person behind a chat account, and the stored link if there is one (`link: null` when only an
 * id given by import matches). One query in the common, already-linked case: it is on every request.
 */
export async function findChatLink(
  db: Executor,
  account: ChatAccount,
  opts: ChatLookup,
): Promise<{ person: Person; link: { conversationRef: Record<string, unknown> | null } | null } | undefined> {
  // No workspace would match the links recorded before workspaces were ('').
  if (account.workspaceId) {
    const [row] = await db
      .select({ person: people, conversationRef: chatIdentities.conversationRef })
      .from(chatIdentities)
      .innerJoin(people, eq(people.id, chatIdentities.personId))
      .where(and(eq(chatIdentities.platform, account.platform), eq(chatIdentities.workspaceId, account.workspaceId), eq(chatIdentities.platformUserId, account.platformUserId)));
    if (row) return { person: row.person, link: { conversationRef: row.conversationRef } };
  }
  if (!opts.importedIds) return undefined;
  const column = account.platform === 'slack' ? people.slackUserId : people.teamsUserId;
  const [p] = await db.select().from(people).where(eq(column, account.platformUserId));
  return p ? { person: p, link: null } : undefined;
}

export async function linkChatUser(db: Executor, link: ChatAccount & { personId: number; conversationRef?: Record<string, unknown> | null }): Promise<void> {
  if (!link.workspaceId) throw new Error('a chat link needs its workspace');
  await db
    .insert(chatIdentities)
    .values({ ...link, conversationRef: link.conversationRef ?? null })
    .onConflictDoUpdate({
      target: [chatIdentities.platform, chatIdentities.workspaceId, chatIdentities.platformUserId],
      set: {
        personId: link.personId,
        updatedAt: new Date(),
        ...(link.conversationRef ? { conversationRef: link.conversationRef } : {}),
      },
    });
}

export async function addMember(db: Executor, caseId: number, personId: number, role: Role): Promise<boolean> {
  const rows = await db.insert(caseMembers).values({ caseId, personId, role }).onConflictDoNothing().returning();
  return rows.length > 0;
}

/** Every role the person holds on the case (empty: not a member). */
export async function rolesOnCase(db: Executor, caseId: number, personId: number): Promise<Role[]> {
  const rows = await db
    .select({ role: caseMembers.role })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.personId, personId)));
  return rows.map((r) => r.role);
}

export async function membersOfCase(db: Executor, caseId: number) {
  return db
    .select({ person: people, role: caseMembers.role })
    .from(caseMembers)
    .innerJoin(people, eq(people.id, caseMembers.personId))
    .where(eq(caseMembers.caseId, caseId));
}

/** Ids of open cases the person is a member of, with their roles. */
export async function casesOfPerson(db: Executor, personId: number) {
  return db
    .select({ caseId: cases.id, ref: cases.ref, role: caseMembers.role })
    .from(caseMembers)
    .innerJoin(cases, eq(cases.id, caseMembers.caseId))
    .where(and(eq(caseMembers.personId, personId), sql`${cases.status} = 'open'`));
}
