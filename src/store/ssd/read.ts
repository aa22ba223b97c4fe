// Reading an SSD extract: one CSV per Standard Safeguarding Dataset table (data-to-insight's
// ssd-data-model, data/objects/ssd_*.yml), with SSD's own column names. Only the columns Quorum
// uses are kept: csv-parse drops every other column as the header is read, so an NHS number or an
// address never becomes a value in this process. Values are checked here (dates, Y/N flags, the
// category code set) and a bad one is a problem naming file, line and column.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';

export interface SsdProblem {
  file: string;
  /** The file's line (the header is line 1); absent for a missing file or column. */
  line?: number;
  column?: string;
  message: string;
  /** The child the row is about, when known: that child's case is not written. */
  personId?: string;
}

export function describeProblem(p: SsdProblem): string {
  return `${p.file}${p.line === undefined ? '' : `:${p.line}`}${p.column ? ` ${p.column}` : ''}: ${p.message}`;
}

/** The columns read from each table: everything else in the file is dropped unread. */
export const SSD_COLUMNS = {
  ssd_person: ['pers_person_id', 'pers_dob', 'pers_expected_dob'],
  ssd_s47_enquiry: ['s47e_s47_enquiry_id', 's47e_person_id', 's47e_s47_start_date', 's47e_s47_end_date', 's47e_s47_nfa'],
  ssd_initial_cp_conference: ['icpc_icpc_id', 'icpc_icpc_meeting_id', 'icpc_person_id', 'icpc_icpc_transfer_in', 'icpc_icpc_date', 'icpc_icpc_outcome_cp_flag'],
  ssd_cp_plans: ['cppl_cp_plan_id', 'cppl_icpc_id', 'cppl_person_id', 'cppl_cp_plan_start_date', 'cppl_cp_plan_end_date', 'cppl_cp_plan_initial_category', 'cppl_cp_plan_latest_category'],
  ssd_cp_reviews: ['cppr_cp_review_id', 'cppr_person_id', 'cppr_cp_plan_id', 'cppr_cp_review_due', 'cppr_cp_review_date', 'cppr_cp_review_meeting_id', 'cppr_cp_review_outcome_continue_cp', 'cppr_cp_review_quorate'],
  ssd_cp_visits: ['cppv_cp_visit_id', 'cppv_person_id', 'cppv_cp_visit_date'],
  ssd_professionals: ['prof_professional_id', 'prof_professional_name'],
  ssd_involvements: ['invo_professional_id', 'invo_involvement_start_date', 'invo_involvement_end_date', 'invo_person_id'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Not in the SSD specification: some councils add the worker's work email to ssd_professionals.
 * Read when present, so the lead social worker can be reached; without it no member is added.
 */
export const PROFESSIONAL_EMAIL = 'prof_professional_email';

export type SsdTable = keyof typeof SSD_COLUMNS;
export type SsdRow<T extends SsdTable> = Record<(typeof SSD_COLUMNS)[T][number], string>;

/** Tables without which no case can be built; the other two only name the lead social worker. */
export const REQUIRED_TABLES: SsdTable[] = ['ssd_person', 'ssd_s47_enquiry', 'ssd_initial_cp_conference', 'ssd_cp_plans', 'ssd_cp_reviews', 'ssd_cp_visits'];

export interface ReadOptions {
  /** Rows read so far across tables. */
  counter: { rows: number };
  /** Called every 5,000 rows with the running total across tables. */
  onProgress?: (rows: number) => void;
}

/**
 * Streams one table, handing each kept row (only the whitelisted columns) and its line to `onRow`.
 * Returns false when the file or a column is missing: the problem is reported and no row is read.
 */
export async function readTable<T extends SsdTable>(
  dir: string,
  table: T,
  problems: SsdProblem[],
  onRow: (row: SsdRow<T>, line: number) => void,
  opts: ReadOptions & { extra?: readonly string[] },
): Promise<boolean> {
  const file = `${table}.csv`;
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) {
    problems.push({ file, message: `missing table: expected ${file} in ${dir}` });
    return false;
  }
  const wanted = new Set<string>([...SSD_COLUMNS[table], ...(opts.extra ?? [])]);
  let missing: string[] = [];
  // Rows are handled as they are parsed (on_record) and none is passed on: nothing accumulates.
  const parser = fs.createReadStream(full).pipe(
    parse<Record<string, string>>({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      // The whitelist: a column not wanted is `false`, which csv-parse skips without keeping its value.
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim().toLowerCase());
        missing = SSD_COLUMNS[table].filter((c) => !names.includes(c));
        return names.map((h) => (wanted.has(h) ? h : false));
      },
      on_record: (record: Record<string, string>, context: { lines: number }) => {
        if (missing.length) return null;
        onRow(record as SsdRow<T>, context.lines);
        if (++opts.counter.rows % 5000 === 0) opts.onProgress?.(opts.counter.rows);
        return null;
      },
    }),
  );
  try {
    for await (const _ of parser) void _;
  } catch (err) {
    const e = err as Error & { lines?: number };
    problems.push({ file, line: e.lines, message: `not readable as CSV (${e.message})` });
    return false;
  } finally {
    parser.destroy();
  }
  if (missing.length) {
    for (const column of missing) problems.push({ file, line: 1, column, message: 'missing required column' });
    return false;
  }
  return true;
}

// ---- values ---------------------------------------------------------------------------------

export type Cell = (column: string, message: string) => void;

/** SSD datetimes as exported by SQL Server ("2025-01-15 00:00:00.000"), ISO, or UK "15/01/2025"; '' is null. */
export function parseSsdDate(value: string, column: string, bad: Cell): string | null {
  if (!value) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?Z?)?$/.exec(value);
  let y: string, mo: string, d: string;
  if (m) [, y, mo, d] = m as unknown as [string, string, string, string];
  else if ((m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value))) [, d, mo, y] = m as unknown as [string, string, string, string];
  else {
    bad(column, `not a date: "${value.slice(0, 30)}" (expected YYYY-MM-DD)`);
    return null;
  }
  const iso = `${y}-${mo}-${d}`;
  const known = DATES.get(iso);
  if (known) return known;
  const t = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso) {
    bad(column, `not a date: "${value.slice(0, 30)}"`);
    return null;
  }
  DATES.set(iso, iso);
  return iso;
}

// Every date read is one shared string: a million visit rows hold a few thousand distinct dates.
const DATES = new Map<string, string>();

/** SSD's Y/N flags ('' is unknown). */
export function parseFlag(value: string, column: string, bad: Cell): boolean | null {
  const v = value.toUpperCase();
  if (v === '') return null;
  if (v === 'Y' || v === 'YES' || v === '1') return true;
  if (v === 'N' || v === 'NO' || v === '0') return false;
  bad(column, `unknown code "${value.slice(0, 20)}" (expected Y or N)`);
  return null;
}

export type SsdCategory = 'neglect' | 'physical' | 'emotional' | 'sexual';

// SSD's code set for CPPL009A/CPPL010A, and the CIN census codes a CMS may export instead.
const CATEGORY_CODES: Record<string, SsdCategory> = {
  neglect: 'neglect',
  n: 'neglect',
  'physical abuse': 'physical',
  phy: 'physical',
  'sexual abuse': 'sexual',
  sab: 'sexual',
  'emotional abuse': 'emotional',
  emo: 'emotional',
};

/**
 * The category of abuse; "Multiple: Neglect, Emotional abuse" (or MUL) gives the first one named,
 * since a Quorum outcome carries one category per child.
 */
export function parseCategory(value: string, column: string, bad: Cell): SsdCategory | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  const known = CATEGORY_CODES[v];
  if (known) return known;
  const multiple = /^(?:multiple|mul)\s*:?\s*\[?(.*?)\]?$/.exec(v);
  if (multiple) {
    const first = multiple[1]!.split(/[,;]/).map((s) => CATEGORY_CODES[s.trim()]).find(Boolean);
    if (first) return first;
  }
  bad(column, `unknown code "${value.slice(0, 40)}" (expected Neglect, Physical abuse, Sexual abuse, Emotional abuse or Multiple: [...])`);
  return null;
}
