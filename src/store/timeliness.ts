// The timeliness report over the store: every case of a partnership, read in batches (a large
// partnership is never held in memory at once) into the pure figures (src/rules/timeliness), and one
// audit entry per report run naming the partnership(s), the period and how many cases were read.
// Read-only apart from that entry. The CLI and the `qa` chat command both run it.
import { and, asc, eq, gt } from 'drizzle-orm';
import type { CaseFacts } from '../rules/case-facts.js';
import { loadProfile } from '../rules/profiles.js';
import { createTimeliness, type PartnershipTimeliness, type Period } from '../rules/timeliness/index.js';
import { appendAudit } from './audit.js';
import { loadCases } from './cases.js';
import type { Executor } from './db.js';
import { caseMembers, cases, partnerships } from './schema.js';

export type PartnershipRow = { id: number; name: string; profile: string };

/** Every partnership, or the one with this name (case-insensitive); in name order. */
export async function listPartnerships(db: Executor, name?: string): Promise<PartnershipRow[]> {
  const rows = await db.select({ id: partnerships.id, name: partnerships.name, profile: partnerships.profile }).from(partnerships).orderBy(asc(partnerships.name));
  return name === undefined ? rows : rows.filter((r) => r.name.toLowerCase() === name.trim().toLowerCase());
}

/** The partnerships where the person is a QA manager on at least one case: what `qa` may show them. */
export async function partnershipsWhereQa(db: Executor, personId: number): Promise<PartnershipRow[]> {
  return db
    .selectDistinct({ id: partnerships.id, name: partnerships.name, profile: partnerships.profile })
    .from(caseMembers)
    .innerJoin(cases, eq(cases.id, caseMembers.caseId))
    .innerJoin(partnerships, eq(partnerships.id, cases.partnershipId))
    .where(and(eq(caseMembers.personId, personId), eq(caseMembers.role, 'qa_manager')))
    .orderBy(asc(partnerships.name));
}

const BATCH = 500;

/** Every case of the partnership, open or closed, `batch` at a time in id order. */
export async function* readPartnershipFacts(db: Executor, partnershipId: number, batch = BATCH): AsyncGenerator<CaseFacts[]> {
  let after = 0;
  for (;;) {
    const ids = (
      await db.select({ id: cases.id }).from(cases).where(and(eq(cases.partnershipId, partnershipId), gt(cases.id, after))).orderBy(asc(cases.id)).limit(batch)
    ).map((r) => r.id);
    if (ids.length === 0) return;
    const loaded = await loadCases(db, ids);
    yield ids.flatMap((id) => (loaded.has(id) ? [loaded.get(id)!.facts] : []));
    after = ids[ids.length - 1]!;
    if (ids.length < batch) return;
  }
}

export type TimelinessRead = {
  actor: string;
  correlationId: string;
  /** The partnership asked for, or null for all of them. */
  asked: string | null;
  period: { from: string; to: string };
  read: { partnership: string; cases: number }[];
  via: 'cli' | 'chat';
};

/** One entry for the whole run: who read which partnerships' cases for which period. */
export async function auditTimelinessRead(db: Executor, r: TimelinessRead): Promise<void> {
  await appendAudit(db, {
    actor: r.actor,
    action: 'TIMELINESS_REPORT_VIEWED',
    subjectType: 'partnership',
    subjectId: r.asked ?? '*',
    correlationId: r.correlationId,
    detail: { from: r.period.from, to: r.period.to, via: r.via, cases: r.read.reduce((n, p) => n + p.cases, 0), partnerships: r.read },
  });
}

export type ReportRequest = {
  period: Period;
  now: Date;
  actor: string;
  correlationId: string;
  via: 'cli' | 'chat';
};

export class UnknownPartnershipError extends Error {
  readonly code = 'UNKNOWN_PARTNERSHIP';
  constructor(name: string, known: string[]) {
    super(`no partnership named "${name}" (known: ${known.length ? known.join(', ') : 'none yet: import cases first'})`);
  }
}

export async function figuresFor(db: Executor, p: PartnershipRow, period: Period, now: Date): Promise<PartnershipTimeliness> {
  const t = createTimeliness({ partnership: p.name, profile: loadProfile(p.profile), period, now, profileOf: loadProfile });
  for await (const batch of readPartnershipFacts(db, p.id)) for (const facts of batch) t.add(facts);
  return t.result();
}

/** One partnership by name, or every partnership; audited once. Throws UnknownPartnershipError. */
export async function runTimelinessReport(db: Executor, req: ReportRequest & { partnership?: string }): Promise<PartnershipTimeliness[]> {
  const rows = await listPartnerships(db, req.partnership);
  if (req.partnership !== undefined && rows.length === 0) throw new UnknownPartnershipError(req.partnership, (await listPartnerships(db)).map((r) => r.name));
  return readAndAudit(db, rows, req, req.partnership ?? null);
}

export async function readAndAudit(db: Executor, rows: PartnershipRow[], req: ReportRequest, asked: string | null): Promise<PartnershipTimeliness[]> {
  const out: PartnershipTimeliness[] = [];
  for (const p of rows) out.push(await figuresFor(db, p, req.period, req.now));
  await auditTimelinessRead(db, { actor: req.actor, correlationId: req.correlationId, asked, period: req.period, read: out.map((r) => ({ partnership: r.partnership, cases: r.caseCount })), via: req.via });
  return out;
}
