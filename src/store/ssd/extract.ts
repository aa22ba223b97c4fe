// An SSD extract read into the few facts Quorum keeps, per child (CMS person id). Tables are
// streamed one after another; the child protection tables come first so that ssd_person, visits
// and involvements (which cover every child the council knows) are kept only for children in scope.
import fs from 'node:fs';
import path from 'node:path';
import { PROFESSIONAL_EMAIL, parseCategory, parseFlag, parseSsdDate, readTable, REQUIRED_TABLES, type Cell, type SsdCategory, type SsdProblem, type SsdTable } from './read.js';

export interface SsdChildRow { id: string; dob: string | null; edob: string | null }
export interface SsdS47 { id: string; start: string | null; end: string | null; nfa: boolean | null }
export interface SsdIcpc { id: string; meeting: string; date: string | null; transferIn: boolean; plan: boolean | null }
export interface SsdPlan { id: string; icpc: string; start: string | null; end: string | null; initial: SsdCategory | null; latest: SsdCategory | null }
export interface SsdReview { id: string; plan: string; meeting: string; due: string | null; date: string | null; continues: boolean | null; quorate: boolean | null }
export interface SsdLead { professionalId: string; start: string }

export interface SsdExtract {
  children: Map<string, SsdChildRow>;
  s47: Map<string, SsdS47[]>;
  icpcs: Map<string, SsdIcpc[]>;
  plans: Map<string, SsdPlan[]>;
  reviews: Map<string, SsdReview[]>;
  /** Each child's visit dates (interned strings; siblings seen together share a date). */
  visits: Map<string, string[]>;
  /** The open involvement with the latest start, per child. */
  leads: Map<string, SsdLead>;
  /** Professionals named by a kept involvement who have an email in the extract. */
  professionals: Map<string, { name: string; email: string }>;
  problems: SsdProblem[];
  /** What the import could not do but did not reject anything for (no involvements table, no emails). */
  warnings: string[];
  /** A required table or column is missing: no case can be trusted, nothing is written. */
  fatal: boolean;
  /** Children with a bad value somewhere: their cases are not written. */
  rejected: Set<string>;
  rows: number;
}

function push<V>(m: Map<string, V[]>, k: string, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export async function readExtract(dir: string, onProgress?: (rows: number) => void): Promise<SsdExtract> {
  const x: SsdExtract = { children: new Map(), s47: new Map(), icpcs: new Map(), plans: new Map(), reviews: new Map(), visits: new Map(), leads: new Map(), professionals: new Map(), problems: [], warnings: [], fatal: false, rejected: new Set(), rows: 0 };
  const counter = { rows: 0 };
  const opts = { counter, onProgress };
  const scope = new Set<string>();
  // One row's checker: a bad value names file, line and column, and rejects that child's case.
  const checker = (table: SsdTable, line: number, personId: string): Cell => (column, message) => {
    x.problems.push({ file: `${table}.csv`, line, column, message, personId: personId || undefined });
    if (personId) x.rejected.add(personId);
  };
  const need = (table: SsdTable, line: number, row: Record<string, string>, columns: string[]): boolean => {
    const empty = columns.filter((c) => !row[c]);
    for (const column of empty) x.problems.push({ file: `${table}.csv`, line, column, message: 'required: empty' });
    return empty.length === 0;
  };
  const table = async <T extends SsdTable>(name: T, onRow: Parameters<typeof readTable<T>>[3], extra?: string[]) => {
    const ok = await readTable(dir, name, x.problems, onRow, { ...opts, extra });
    if (!ok && REQUIRED_TABLES.includes(name)) x.fatal = true;
    return ok;
  };

  await table('ssd_initial_cp_conference', (r, line) => {
    if (!need('ssd_initial_cp_conference', line, r, ['icpc_icpc_id', 'icpc_person_id'])) return;
    const bad = checker('ssd_initial_cp_conference', line, r.icpc_person_id);
    scope.add(r.icpc_person_id);
    push(x.icpcs, r.icpc_person_id, {
      id: r.icpc_icpc_id,
      meeting: r.icpc_icpc_meeting_id || r.icpc_icpc_id,
      date: parseSsdDate(r.icpc_icpc_date, 'icpc_icpc_date', bad),
      transferIn: parseFlag(r.icpc_icpc_transfer_in, 'icpc_icpc_transfer_in', bad) ?? false,
      plan: parseFlag(r.icpc_icpc_outcome_cp_flag, 'icpc_icpc_outcome_cp_flag', bad),
    });
  });
  await table('ssd_cp_plans', (r, line) => {
    if (!need('ssd_cp_plans', line, r, ['cppl_cp_plan_id', 'cppl_person_id'])) return;
    const bad = checker('ssd_cp_plans', line, r.cppl_person_id);
    scope.add(r.cppl_person_id);
    push(x.plans, r.cppl_person_id, {
      id: r.cppl_cp_plan_id,
      icpc: r.cppl_icpc_id,
      start: parseSsdDate(r.cppl_cp_plan_start_date, 'cppl_cp_plan_start_date', bad),
      end: parseSsdDate(r.cppl_cp_plan_end_date, 'cppl_cp_plan_end_date', bad),
      initial: parseCategory(r.cppl_cp_plan_initial_category, 'cppl_cp_plan_initial_category', bad),
      latest: parseCategory(r.cppl_cp_plan_latest_category, 'cppl_cp_plan_latest_category', bad),
    });
  });
  await table('ssd_cp_reviews', (r, line) => {
    if (!need('ssd_cp_reviews', line, r, ['cppr_cp_review_id', 'cppr_person_id'])) return;
    const bad = checker('ssd_cp_reviews', line, r.cppr_person_id);
    scope.add(r.cppr_person_id);
    push(x.reviews, r.cppr_person_id, {
      id: r.cppr_cp_review_id,
      plan: r.cppr_cp_plan_id,
      meeting: r.cppr_cp_review_meeting_id || r.cppr_cp_review_id,
      due: parseSsdDate(r.cppr_cp_review_due, 'cppr_cp_review_due', bad),
      date: parseSsdDate(r.cppr_cp_review_date, 'cppr_cp_review_date', bad),
      continues: parseFlag(r.cppr_cp_review_outcome_continue_cp, 'cppr_cp_review_outcome_continue_cp', bad),
      quorate: parseFlag(r.cppr_cp_review_quorate, 'cppr_cp_review_quorate', bad),
    });
  });
  await table('ssd_s47_enquiry', (r, line) => {
    if (!need('ssd_s47_enquiry', line, r, ['s47e_s47_enquiry_id', 's47e_person_id'])) return;
    const bad = checker('ssd_s47_enquiry', line, r.s47e_person_id);
    const s: SsdS47 = { id: r.s47e_s47_enquiry_id, start: parseSsdDate(r.s47e_s47_start_date, 's47e_s47_start_date', bad), end: parseSsdDate(r.s47e_s47_end_date, 's47e_s47_end_date', bad), nfa: parseFlag(r.s47e_s47_nfa, 's47e_s47_nfa', bad) };
    // An enquiry still open may lead to an initial conference: that child is in scope too.
    if (scope.has(r.s47e_person_id) || (s.end === null && s.nfa !== true && s.start !== null)) {
      scope.add(r.s47e_person_id);
      push(x.s47, r.s47e_person_id, s);
    }
  });
  await table('ssd_person', (r, line) => {
    if (!scope.has(r.pers_person_id)) return;
    const bad = checker('ssd_person', line, r.pers_person_id);
    x.children.set(r.pers_person_id, { id: r.pers_person_id, dob: parseSsdDate(r.pers_dob, 'pers_dob', bad), edob: parseSsdDate(r.pers_expected_dob, 'pers_expected_dob', bad) });
  });
  await table('ssd_cp_visits', (r, line) => {
    if (!scope.has(r.cppv_person_id) || !need('ssd_cp_visits', line, r, ['cppv_cp_visit_id'])) return;
    const date = parseSsdDate(r.cppv_cp_visit_date, 'cppv_cp_visit_date', checker('ssd_cp_visits', line, r.cppv_person_id));
    if (date) push(x.visits, r.cppv_person_id, date);
  });
  await readLeads(dir, x, scope, opts, checker);

  if (!x.fatal) {
    for (const id of scope) {
      if (x.children.has(id)) continue;
      x.problems.push({ file: 'ssd_person.csv', message: `no row for person ${id.slice(0, 40)}, named in the child protection tables`, personId: id });
      x.rejected.add(id);
    }
  }
  x.rows = counter.rows;
  return x;
}

async function readLeads(dir: string, x: SsdExtract, scope: Set<string>, opts: { counter: { rows: number }; onProgress?: (rows: number) => void }, checker: (t: SsdTable, line: number, p: string) => Cell): Promise<void> {
  const wanted = new Set<string>();
  const missing = ['ssd_involvements', 'ssd_professionals'].filter((t) => !fs.existsSync(path.join(dir, `${t}.csv`)));
  if (missing.length) {
    x.warnings.push(`${missing.map((t) => `${t}.csv`).join(' and ')} not found: no lead social worker is added`);
    return;
  }
  const ok = await readTable(dir, 'ssd_involvements', x.problems, (r, line) => {
    if (!scope.has(r.invo_person_id) || !r.invo_professional_id) return;
    const bad = checker('ssd_involvements', line, r.invo_person_id);
    const start = parseSsdDate(r.invo_involvement_start_date, 'invo_involvement_start_date', bad);
    const end = parseSsdDate(r.invo_involvement_end_date, 'invo_involvement_end_date', bad);
    if (end !== null || start === null) return;
    const current = x.leads.get(r.invo_person_id);
    if (!current || start > current.start) x.leads.set(r.invo_person_id, { professionalId: r.invo_professional_id, start });
  }, opts);
  if (!ok) return;
  for (const l of x.leads.values()) wanted.add(l.professionalId);
  let hasEmail = false;
  await readTable(dir, 'ssd_professionals', x.problems, (r) => {
    const email = (r as Record<string, string>)[PROFESSIONAL_EMAIL];
    hasEmail ||= email !== undefined;
    if (!wanted.has(r.prof_professional_id) || !email || !r.prof_professional_name) return;
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return;
    x.professionals.set(r.prof_professional_id, { name: r.prof_professional_name.slice(0, 120), email: email.slice(0, 254) });
  }, { ...opts, extra: [PROFESSIONAL_EMAIL] });
  if (!hasEmail) x.warnings.push(`ssd_professionals.csv has no ${PROFESSIONAL_EMAIL} column: no lead social worker is added (Quorum reaches members by email)`);
}
