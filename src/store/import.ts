// `quorum import`: case facts plus identities, upserted by case reference. The whole file is
// validated before anything is written, and written in one transaction.
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { caseFactsSchema, formatZodIssues, SECTORS, type CaseFacts } from '../rules/case-facts.js';
import { listProfiles } from '../rules/profiles.js';
import { appendAudit } from './audit.js';
import type { Executor, Store } from './db.js';
import { ensureAgency } from './agencies.js';
import { addMember, upsertPerson } from './people.js';
import { cases, children, conferences, dissents, events, invitations, partnerships, type Role } from './schema.js';

const memberSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    email: z.string().trim().email('expected an email address').max(254),
    agency: z.string().trim().min(1).max(120),
    sector: z.enum(SECTORS),
    role: z.enum(['chair', 'social_worker', 'team_manager', 'conference_admin', 'qa_manager', 'core_group']),
    slackUserId: z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'expected a Slack user id (U…)').nullish(),
    teamsUserId: z.string().regex(/^[0-9a-fA-F-]{36}$/, 'expected an Azure AD object id').nullish(),
  })
  .strict();

export const importCaseSchema = caseFactsSchema.extend({
  // Explicit: QA access is scoped to a partnership, and two partnerships may share a profile.
  partnership: z.string({ required_error: 'required: the safeguarding partnership the case belongs to' }).trim().min(1, 'must not be empty').max(120),
  members: z.array(memberSchema).max(200).default([]),
});
export const importFileSchema = z.object({ cases: z.array(importCaseSchema).max(100_000) }).strict();

export type ImportCase = z.infer<typeof importCaseSchema>;
export interface ImportResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

export class ImportError extends Error {
  readonly code = 'IMPORT_INVALID';
  constructor(readonly problems: string[]) {
    super(`The file was rejected, nothing was written:\n${problems.join('\n')}`);
  }
}

/** Validates the whole file; returns the parsed cases or every problem with its path. */
export function validateImport(input: unknown): ImportCase[] {
  const parsed = importFileSchema.safeParse(input);
  if (!parsed.success) throw new ImportError(formatZodIssues(parsed.error));
  const problems: string[] = [];
  const known = new Set(listProfiles());
  const refs = new Map<string, string>();
  parsed.data.cases.forEach((c, i) => {
    const at = `cases[${i}]`;
    const first = refs.get(c.ref.toLowerCase());
    if (first !== undefined) problems.push(`${at}.ref: case ${c.ref} appears twice in the file${first === c.ref ? '' : ` (as ${first} too: references match whatever their case)`}`);
    else refs.set(c.ref.toLowerCase(), c.ref);
    if (!known.has(c.profile)) problems.push(`${at}.profile: unknown profile "${c.profile}" (known: ${[...known].join(', ')})`);
    const keys = new Set<string>();
    c.conferences.forEach((conf, j) => {
      if (keys.has(conf.id)) problems.push(`${at}.conferences[${j}].id: conference id ${conf.id} appears twice`);
      keys.add(conf.id);
    });
    c.events.forEach((e, j) => {
      if (e.conference && !keys.has(e.conference)) problems.push(`${at}.events[${j}].conference: no conference with id ${e.conference}`);
    });
    c.dissents.forEach((d, j) => {
      if (!keys.has(d.conference)) problems.push(`${at}.dissents[${j}].conference: no conference with id ${d.conference}`);
    });
    const childRefs = new Set<string>();
    c.children.forEach((ch, j) => {
      if (childRefs.has(ch.ref)) problems.push(`${at}.children[${j}].ref: child ${ch.ref} appears twice`);
      childRefs.add(ch.ref);
    });
  });
  if (problems.length) throw new ImportError(problems);
  return parsed.data.cases;
}

export async function importCases(store: Store, input: unknown, ctx: { actor: string; correlationId: string }): Promise<ImportResult> {
  const parsed = validateImport(input);
  const result: ImportResult = { created: [], updated: [], unchanged: [] };
  await store.db.transaction(async (tx) => {
    for (const c of parsed) {
      const outcome = await importOne(tx, c, ctx);
      result[outcome].push(c.ref);
    }
  });
  return result;
}

async function importOne(tx: Executor, c: ImportCase, ctx: { actor: string; correlationId: string }): Promise<keyof ImportResult> {
  const hash = createHash('sha256').update(JSON.stringify(c)).digest('hex');
  const [existing] = await tx.select().from(cases).where(sql`lower(${cases.ref}) = lower(${c.ref})`);
  if (existing?.importHash === hash) return 'unchanged';

  const partnershipName = c.partnership;
  await tx.insert(partnerships).values({ name: partnershipName, profile: c.profile }).onConflictDoNothing();
  const [partnership] = await tx.select().from(partnerships).where(eq(partnerships.name, partnershipName));
  const values = {
    ref: c.ref,
    profile: c.profile,
    status: c.status,
    closedAt: c.closedAt ? new Date(c.closedAt) : null,
    partnershipId: partnership!.id,
    importHash: hash,
    updatedAt: new Date(),
  };
  const [row] = existing
    ? await tx.update(cases).set(values).where(eq(cases.id, existing.id)).returning()
    : await tx.insert(cases).values(values).returning();
  const caseId = row!.id;

  await tx.delete(children).where(eq(children.caseId, caseId));
  await tx.insert(children).values(c.children.map((ch) => ({ caseId, ref: ch.ref, initials: ch.initials, unborn: ch.unborn, dateOfBirth: ch.dateOfBirth ?? null, expectedDate: ch.expectedDate ?? null })));

  let leadSocialWorkerId: number | null = null;
  for (const m of c.members) {
    const { person } = await upsertPerson(tx, { name: m.name, organisation: m.agency, sector: m.sector, email: m.email, slackUserId: m.slackUserId, teamsUserId: m.teamsUserId });
    await addMember(tx, caseId, person.id, m.role);
    if (m.role === 'social_worker' && leadSocialWorkerId === null) leadSocialWorkerId = person.id;
  }
  if (leadSocialWorkerId !== null) await tx.update(cases).set({ leadSocialWorkerId }).where(eq(cases.id, caseId));

  // The directory first, so an explicit "countsTowardsQuorum" wins over the default for its invitees.
  for (const a of c.agencies) await ensureAgency(tx, partnership!.id, a.name, a.sector, a.countsTowardsQuorum);
  for (const conf of c.conferences) await importConference(tx, caseId, partnership!.id, conf);
  await importEvents(tx, caseId, c.events);
  await importDissents(tx, caseId, c);

  await appendAudit(tx, {
    actor: ctx.actor,
    action: existing ? 'CASE_IMPORT_UPDATED' : 'CASE_IMPORTED',
    subjectType: 'case',
    subjectId: caseId,
    caseRef: c.ref,
    correlationId: ctx.correlationId,
    detail: { conferences: c.conferences.length, events: c.events.length, members: c.members.length, agencies: c.agencies.length },
  });
  return existing ? 'updated' : 'created';
}

const INVITEE_ROLE: Record<string, Role> = { social_worker: 'social_worker', team_manager: 'team_manager', chair: 'chair' };

async function importConference(tx: Executor, caseId: number, partnershipId: number, conf: CaseFacts['conferences'][number]): Promise<void> {
  const values = {
    caseId,
    key: conf.id,
    type: conf.type,
    prebirth: conf.prebirth,
    transferIn: conf.transferIn,
    scheduledAt: new Date(conf.at),
    status: conf.status,
    statusCode: conf.statusCode ?? null,
    statusReason: conf.statusReason ?? null,
    outcome: conf.outcome ?? null,
    outcomes: conf.outcomes ?? null,
    quorumDecision: conf.quorum?.decision ?? null,
    inquorateReason: conf.quorum?.reason ?? null,
    firstCoreGroupDate: conf.firstCoreGroupDate ?? null,
    bookedAt: conf.bookedAt ? new Date(conf.bookedAt) : null,
    invitationsSentAt: conf.invitationsSentAt ? new Date(conf.invitationsSentAt) : null,
    reportsCirculatedAt: conf.reportsCirculatedAt ? new Date(conf.reportsCirculatedAt) : null,
    updatedAt: new Date(),
  };
  const [row] = await tx
    .insert(conferences)
    .values(values)
    .onConflictDoUpdate({ target: [conferences.caseId, conferences.key], set: values })
    .returning();
  for (const inv of conf.invitees) {
    const { person } = await upsertPerson(tx, { name: inv.name, organisation: inv.agency, sector: inv.sector, email: inv.email, slackUserId: inv.slackUserId, teamsUserId: inv.teamsUserId });
    await addMember(tx, caseId, person.id, INVITEE_ROLE[inv.role] ?? 'invitee');
    const agency = await ensureAgency(tx, partnershipId, inv.agency, inv.sector);
    const invitation = {
      conferenceId: row!.id,
      personId: person.id,
      agency: inv.agency,
      sector: inv.sector,
      agencyId: agency.id,
      directContact: inv.directContact ?? null,
      role: inv.role,
      response: inv.response,
      deputy: inv.deputy ?? null,
      respondedAt: inv.respondedAt ? new Date(inv.respondedAt) : null,
      reportSubmittedAt: inv.reportSubmittedAt ? new Date(inv.reportSubmittedAt) : null,
      reportSharedAt: inv.reportSharedAt ? new Date(inv.reportSharedAt) : null,
      reportWithheldReason: inv.reportWithheldReason ?? null,
      removedAt: null,
    };
    await tx
      .insert(invitations)
      .values(invitation)
      .onConflictDoUpdate({ target: [invitations.conferenceId, invitations.personId], set: invitation });
  }
}

async function importEvents(tx: Executor, caseId: number, list: CaseFacts['events']): Promise<void> {
  const existing = await tx.select().from(events).where(eq(events.caseId, caseId));
  const seen = new Set(existing.map((e) => `${e.kind}|${e.at.toISOString()}|${e.conferenceKey ?? ''}`));
  const fresh = list.filter((e) => !seen.has(`${e.kind}|${new Date(e.at).toISOString()}|${e.conference ?? ''}`));
  if (fresh.length) {
    await tx.insert(events).values(fresh.map((e) => ({ caseId, kind: e.kind, at: new Date(e.at), conferenceKey: e.conference ?? null, note: e.note ?? null, source: 'import' })));
  }
}

async function importDissents(tx: Executor, caseId: number, c: ImportCase): Promise<void> {
  for (const d of c.dissents) {
    const [conf] = await tx.select().from(conferences).where(and(eq(conferences.caseId, caseId), eq(conferences.key, d.conference)));
    const lodgedAt = new Date(d.lodgedAt);
    const [dup] = await tx
      .select()
      .from(dissents)
      .where(and(eq(dissents.conferenceId, conf!.id), eq(dissents.byName, d.by), eq(dissents.lodgedAt, lodgedAt)));
    if (dup) continue;
    await tx.insert(dissents).values({ caseId, conferenceId: conf!.id, byName: d.by, decision: d.decision, view: d.view, formal: d.formal, lodgedAt, reviewOutcome: d.reviewOutcome ?? null, reviewedAt: d.reviewedAt ? new Date(d.reviewedAt) : null });
  }
}
