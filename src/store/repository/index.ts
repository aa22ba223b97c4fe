// The case repository: the only way the core reads or changes a case. Every write is a named
// operation that writes its rows and its audit entry in the request's transaction, marks the case
// for re-planning and returns the case as it now is (StoredCase). The core never sees SQL.
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Role } from '../../rules/roles.js';
import { appendAuditMany, type AuditAction } from '../audit.js';
import { loadCaseForPerson, loadCases, type CaseForPerson } from '../cases.js';
import type { StoredCase } from '../case-model.js';
import type { Executor, Store } from '../db.js';
import { applyPlan, loadPlanSources, type OutboxRow, type PlanApplied, type PlanSource } from '../outbox.js';
import { casesOfPerson, findChatLink, findPersonByChatUser, findPersonByEmail, findPersonById, linkChatUser, membersOfCase, rolesOnCase, type ChatAccount, type ChatLookup, type Person } from '../people.js';
import { loadRecipients, type Recipient } from '../recipients.js';
import { people, processedRequests } from '../schema.js';
import { partnershipsWhereQa, readAndAudit, type PartnershipRow } from '../timeliness.js';
import type { PartnershipTimeliness, Period } from '../../rules/timeliness/index.js';
import { bookConference, cancelConference, moveConference, recordOutcome } from './conferences.js';
import { audit, type OpContext, type Subject } from './context.js';
import { lodgeDissent, recordEvent } from './events.js';
import { createPerson, invite, recordAnswer, recordReport, uninvite } from './invitations.js';
import { enqueueNotices, snoozeNudge } from './nudges.js';
import { closeMissingSsdCase, createSsdCases, loadSsdIndex, updateSsdCase } from './ssd-sync.js';

export type { Booking, Change, Outcome } from './conferences.js';
export type { NewDissent, NewEvent } from './events.js';
export type { Answer, Invitation, NewPerson, ReportChange } from './invitations.js';
export type { Snooze } from './nudges.js';
export type { SsdTarget } from './ssd-sync.js';
export type { Subject } from './context.js';
export type { ChatAccount, ChatLookup } from '../people.js';

type Bound<F> = F extends (ctx: OpContext, ...args: infer A) => infer R ? (...args: A) => R : never;
const bind = <F extends (ctx: OpContext, ...args: never[]) => unknown>(ctx: OpContext, f: F) => ((...args: unknown[]) => (f as unknown as (...a: unknown[]) => unknown)(ctx, ...args)) as Bound<F>;

export interface ReadEntry {
  caseRef: string;
  action: Extract<AuditAction, 'CASE_VIEWED' | 'CASE_DEADLINES_VIEWED' | 'INVITATION_VIEWED'>;
  subject: Subject;
  detail?: Record<string, unknown>;
}

function createRepository(ctx: OpContext) {
  const tx = ctx.tx;
  return {
    // Who acts: set once the requester is known; every audit entry after names them.
    actAs(actor: string): void {
      ctx.actor = actor;
    },
    changedCaseIds: (): number[] => [...ctx.changed],
    wroteOutbox: (): boolean => ctx.wroteOutbox,

    // ---- reads ------------------------------------------------------------------------------
    openCase: (ref: string, personId: number): Promise<CaseForPerson | undefined> => loadCaseForPerson(tx, ref, personId),
    loadCases: (ids: number[]): Promise<Map<number, StoredCase>> => loadCases(tx, ids),
    /** Open cases the person is a member of, with their roles on each. */
    casesOfPerson: async (personId: number): Promise<{ case: StoredCase; roles: Role[] }[]> => {
      const rows = await casesOfPerson(tx, personId);
      const roles = new Map<number, Role[]>();
      for (const r of rows) roles.set(r.caseId, [...(roles.get(r.caseId) ?? []), r.role]);
      const loaded = await loadCases(tx, [...roles.keys()]);
      return [...roles].flatMap(([id, rs]) => (loaded.has(id) ? [{ case: loaded.get(id)!, roles: rs }] : []));
    },
    rolesOnCase: (caseId: number, personId: number): Promise<Role[]> => rolesOnCase(tx, caseId, personId),
    membersOf: (caseId: number): Promise<{ person: Person; role: Role }[]> => membersOfCase(tx, caseId),
    reachOf: (personIds: number[]): Promise<Map<number, Recipient>> => loadRecipients(tx, personIds),
    findPersonByEmail: (email: string): Promise<Person | undefined> => findPersonByEmail(tx, email),
    findPersonById: (id: number): Promise<Person | undefined> => findPersonById(tx, id),
    findPersonByChatUser: (account: ChatAccount, opts: ChatLookup): Promise<Person | undefined> => findPersonByChatUser(tx, account, opts),
    findChatLink: (account: ChatAccount, opts: ChatLookup) => findChatLink(tx, account, opts),
    findPeopleByName: (name: string): Promise<Person[]> => tx.select().from(people).where(sql`lower(${people.name}) = ${name.toLowerCase()}`).limit(20),
    /** Partnerships where the person is a QA manager on some case. */
    qaPartnershipsOf: (personId: number): Promise<PartnershipRow[]> => partnershipsWhereQa(tx, personId),
    /** Timeliness figures of these partnerships (every case read), audited as one read naming them. */
    timeliness: (rows: PartnershipRow[], period: Period): Promise<PartnershipTimeliness[]> =>
      readAndAudit(tx, rows, { period, now: ctx.now, actor: ctx.actor, correlationId: ctx.correlationId, via: 'chat' }, rows.map((r) => r.name).join(', ')),
    /** Reads of case details are audited too: one entry per case read. */
    auditReads: (entries: ReadEntry[]): Promise<void> =>
      appendAuditMany(tx, entries.map((e) => ({ actor: ctx.actor, action: e.action, subjectType: e.subject.type, subjectId: e.subject.id, caseRef: e.caseRef, correlationId: ctx.correlationId, detail: e.detail }))),

    // ---- identity ---------------------------------------------------------------------------
    /** Stores (or refreshes) a chat link; a new link is audited with its workspace and how it was made. */
    linkChatUser: async (link: ChatAccount & { personId: number; conversationRef: Record<string, unknown> | null }, how: 'existing' | 'platform_id' | 'email'): Promise<void> => {
      await linkChatUser(tx, link);
      if (how !== 'existing') await audit(ctx, null, 'CHAT_USER_LINKED', { type: 'person', id: link.personId }, { platform: link.platform, workspaceId: link.workspaceId, platformUserId: link.platformUserId, by: how });
    },

    /** A new feed version: every calendar feed link made before stops working. */
    revokeCalendarFeed: async (personId: number): Promise<void> => {
      await tx.update(people).set({ calendarFeedVersion: sql`${people.calendarFeedVersion} + 1`, updatedAt: ctx.now }).where(eq(people.id, personId));
      await audit(ctx, null, 'CALENDAR_FEED_REVOKED', { type: 'person', id: personId });
    },

    // ---- case operations --------------------------------------------------------------------
    bookConference: bind(ctx, bookConference),
    moveConference: bind(ctx, moveConference),
    cancelConference: bind(ctx, cancelConference),
    recordOutcome: bind(ctx, recordOutcome),
    createPerson: bind(ctx, createPerson),
    invite: bind(ctx, invite),
    uninvite: bind(ctx, uninvite),
    recordAnswer: bind(ctx, recordAnswer),
    recordReport: bind(ctx, recordReport),
    recordEvent: bind(ctx, recordEvent),
    lodgeDissent: bind(ctx, lodgeDissent),
    snoozeNudge: bind(ctx, snoozeNudge),
    enqueueNotices: bind(ctx, enqueueNotices),

    // ---- the SSD sync (src/store/ssd/) ------------------------------------------------------
    loadSsdIndex: bind(ctx, loadSsdIndex),
    createSsdCases: bind(ctx, createSsdCases),
    updateSsdCase: bind(ctx, updateSsdCase),
    closeMissingSsdCase: bind(ctx, closeMissingSsdCase),

    // ---- re-planning ------------------------------------------------------------------------
    loadPlanSources: (caseIds: number[], kinds: readonly string[]): Promise<PlanSource[]> => loadPlanSources(tx, caseIds, kinds),
    applyPlan: async (sources: PlanSource[], planned: OutboxRow[]): Promise<PlanApplied> => {
      const applied = await applyPlan(tx, sources, planned, ctx.now);
      if (applied.enqueued.length) ctx.wroteOutbox = true;
      return applied;
    },

    // ---- platform retries -------------------------------------------------------------------
    saveReplay: async (key: string, result: unknown): Promise<void> => {
      await tx.insert(processedRequests).values({ key, result });
    },
  };
}

export type CaseRepository = ReturnType<typeof createRepository>;

export interface TransactionOptions {
  correlationId: string;
  now: Date;
  source: 'chat' | 'cli';
  actor?: string;
}

/** Runs `work` in one transaction with a repository bound to it: all of it commits, or none. */
export async function withCaseRepository<T>(store: Store, opts: TransactionOptions, work: (repo: CaseRepository) => Promise<T>): Promise<{ result: T; wroteOutbox: boolean }> {
  let wroteOutbox = false;
  const result = await store.db.transaction(async (tx) => {
    const ctx: OpContext = { tx, correlationId: opts.correlationId, now: opts.now, actor: opts.actor ?? 'system:unknown', source: opts.source, changed: new Set(), wroteOutbox: false };
    const out = await work(createRepository(ctx));
    wroteOutbox = ctx.wroteOutbox;
    return out;
  });
  return { result, wroteOutbox };
}

/** Platforms retry within minutes; a stored reply is kept a day, then purged by the sweep. */
export const REPLAY_RETENTION_MS = 24 * 3600_000;

/** The stored reply to a request already handled (a platform retry), if any, and not too old. */
export async function findReplay(store: Store, key: string, now: Date = new Date()): Promise<unknown> {
  const [row] = await store.db
    .select({ result: processedRequests.result })
    .from(processedRequests)
    .where(and(eq(processedRequests.key, key), gt(processedRequests.createdAt, new Date(now.getTime() - REPLAY_RETENTION_MS))));
  return row ? row.result : undefined;
}

/** Deletes stored replies older than a day; returns how many went. */
export async function purgeOldReplays(db: Executor, now: Date): Promise<number> {
  const gone = await db.delete(processedRequests).where(lt(processedRequests.createdAt, new Date(now.getTime() - REPLAY_RETENTION_MS))).returning({ key: processedRequests.key });
  return gone.length;
}
