// `quorum import --format ssd DIR`: a council's SSD extract in, as a nightly sync. The extract is
// read (only the columns Quorum uses), grouped into cases, and written in batches, each batch one
// transaction with its cases re-planned. An unchanged case is recognised by its hash and not
// touched; a case with a bad value is not written at all; a case gone from the extract is reported
// and closed only when asked.
import { eq } from 'drizzle-orm';
import { listProfiles } from '../../rules/profiles.js';
import type { Store } from '../db.js';
import { withCaseRepository, type CaseRepository } from '../repository/index.js';
import { partnerships } from '../schema.js';
import { assembleCase, groupChildren, type SsdCaseDraft } from './assemble.js';
import { readExtract } from './extract.js';
import { describeProblem } from './read.js';

export interface SsdImportOptions {
  dir: string;
  partnership: string;
  /** Needed when the partnership is new; otherwise it must match the partnership's profile. */
  profile?: string;
  /** Before the eldest child's CMS id in each new case's reference; default: the profile's first three letters and a dash ("SWI-"). */
  refPrefix?: string;
  closeMissing?: boolean;
  now: Date;
  actor: string;
  correlationId: string;
  /** Plans the nudges of the cases a batch changed, inside its transaction (the core's replanCases). */
  replan: (repo: CaseRepository, caseIds: number[], now: Date) => Promise<void>;
  onProgress?: (p: { phase: 'read' | 'write'; done: number; total?: number }) => void;
  batchSize?: number;
}

export interface SsdImportResult {
  created: string[];
  updated: string[];
  unchanged: number;
  /** Cases not written, each with its children's CMS ids and the problems that stopped it. */
  rejected: { ref?: string; children: string[]; problems: string[] }[];
  /** Open synced cases the extract no longer has. */
  missing: string[];
  closed: string[];
  /** Problems not tied to one case (a missing table or column, a row without a person id). */
  problems: string[];
  warnings: string[];
  /** Nothing was written: a required table or column is missing, or the partnership is wrong. */
  fatal: boolean;
  rows: number;
}

export class SsdImportRefused extends Error {
  readonly code = 'SSD_IMPORT_REFUSED';
}

export async function importSsd(store: Store, opts: SsdImportOptions): Promise<SsdImportResult> {
  const result: SsdImportResult = { created: [], updated: [], unchanged: 0, rejected: [], missing: [], closed: [], problems: [], warnings: [], fatal: false, rows: 0 };
  const chosen = await choosePartnership(store, opts);
  const x = await readExtract(opts.dir, (rows) => opts.onProgress?.({ phase: 'read', done: rows }));
  result.rows = x.rows;
  result.warnings.push(...x.warnings);
  result.problems.push(...x.problems.filter((p) => p.personId === undefined).map(describeProblem));
  if (x.fatal) {
    result.fatal = true;
    return result;
  }
  const profile = { partnershipId: chosen.id ?? (await createPartnership(store, opts.partnership, chosen.profile)), profile: chosen.profile };
  const target = { partnershipId: profile.partnershipId, profile: profile.profile };
  const assembleOpts = { refPrefix: opts.refPrefix ?? `${profile.profile.slice(0, 3).toUpperCase()}-`, profile: profile.profile, today: opts.now.toISOString().slice(0, 10) };
  const tx = { correlationId: opts.correlationId, now: opts.now, source: 'cli' as const, actor: opts.actor };
  const { result: index } = await withCaseRepository(store, tx, (repo) => repo.loadSsdIndex(target.partnershipId));
  const byKey = new Map([...index.cases.values()].map((c) => [c.key, c.id]));
  const seen = new Set<number>();
  const groups = groupChildren(x);
  const batchSize = opts.batchSize ?? 500;

  for (let i = 0; i < groups.length; i += batchSize) {
    const creates: SsdCaseDraft[] = [];
    const updates: { id: number; draft: SsdCaseDraft }[] = [];
    for (const childIds of groups.slice(i, i + batchSize)) {
      const existingId = childIds.map((c) => index.byChild.get(c)).find((id) => id !== undefined);
      if (existingId !== undefined) seen.add(existingId);
      const a = assembleCase(x, childIds, assembleOpts);
      if (!a.ok) {
        result.rejected.push({ ref: existingId === undefined ? undefined : index.cases.get(existingId)?.ref, children: childIds, problems: a.problems.map(describeProblem) });
        continue;
      }
      const caseId = existingId ?? byKey.get(a.draft.key);
      const known = caseId === undefined ? undefined : index.cases.get(caseId);
      if (!known) creates.push(a.draft);
      else if (known.hash === a.draft.hash) result.unchanged++;
      else updates.push({ id: known.id, draft: { ...a.draft, ref: known.ref } });
      if (known) seen.add(known.id);
    }
    if (creates.length || updates.length) {
      await withCaseRepository(store, tx, async (repo) => {
        const made = await repo.createSsdCases(target, creates);
        for (const r of made.refused) result.rejected.push({ ref: r.draft.ref, children: r.draft.children.map((c) => c.ref), problems: [r.reason] });
        result.created.push(...made.created.map((d) => d.ref));
        for (const u of updates) {
          const changes = await repo.updateSsdCase(u.id, u.draft, target);
          if (changes.length) result.updated.push(u.draft.ref);
          else result.unchanged++;
        }
        await opts.replan(repo, repo.changedCaseIds(), opts.now);
      });
    }
    opts.onProgress?.({ phase: 'write', done: Math.min(i + batchSize, groups.length), total: groups.length });
  }

  const gone = [...index.cases.values()].filter((c) => !seen.has(c.id) && c.status === 'open');
  result.missing = gone.map((c) => c.ref);
  if (opts.closeMissing && gone.length) {
    await withCaseRepository(store, tx, async (repo) => {
      for (const c of gone) await repo.closeMissingSsdCase(c.id, c.ref);
      await opts.replan(repo, repo.changedCaseIds(), opts.now);
    });
    result.closed = result.missing;
  }
  return result;
}

/** The partnership's profile: a new partnership needs --profile; an existing one keeps its own. Writes nothing. */
async function choosePartnership(store: Store, opts: SsdImportOptions): Promise<{ id?: number; profile: string }> {
  const known = listProfiles();
  if (opts.profile && !known.includes(opts.profile)) throw new SsdImportRefused(`--profile: unknown profile "${opts.profile}" (known: ${known.join(', ')})`);
  const [existing] = await store.db.select().from(partnerships).where(eq(partnerships.name, opts.partnership));
  if (existing) {
    if (opts.profile && opts.profile !== existing.profile) throw new SsdImportRefused(`--profile: partnership "${opts.partnership}" follows the ${existing.profile} profile, not ${opts.profile}`);
    return { id: existing.id, profile: existing.profile };
  }
  if (!opts.profile) throw new SsdImportRefused(`partnership "${opts.partnership}" is new: say which profile it follows with --profile (${known.join(', ')})`);
  return { profile: opts.profile };
}

async function createPartnership(store: Store, name: string, profile: string): Promise<number> {
  await store.db.insert(partnerships).values({ name, profile }).onConflictDoNothing();
  const [row] = await store.db.select().from(partnerships).where(eq(partnerships.name, name));
  return row!.id;
}
