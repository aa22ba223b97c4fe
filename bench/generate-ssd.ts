// A synthetic Standard Safeguarding Dataset extract: one CSV per table, every SSD column present
// (the ones Quorum drops carry made-up values too, so the importer's whitelist is exercised), for N
// children in families of one to three, with parents in ssd_person as a real extract has. Same seed,
// same files. `node bin/run-ts.js bench/generate-ssd.ts 50000 /tmp/ssd`.
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { rng } from './generate.js';

const HEADERS = {
  ssd_person: 'pers_person_id,pers_forename,pers_surname,pers_sex,pers_gender,pers_ethnicity,pers_dob,pers_common_child_id,pers_legacy_id,pers_upn_unknown,pers_send_flag,pers_expected_dob,pers_death_date,pers_is_mother,pers_nationality',
  ssd_s47_enquiry: 's47e_s47_enquiry_id,s47e_referral_id,s47e_person_id,s47e_s47_start_date,s47e_s47_end_date,s47e_s47_nfa,s47e_s47_outcome_json,s47e_s47_completed_by_worker_id,s47e_s47_completed_by_team',
  ssd_initial_cp_conference: 'icpc_icpc_id,icpc_icpc_meeting_id,icpc_s47_enquiry_id,icpc_person_id,icpc_cp_plan_id,icpc_referral_id,icpc_icpc_transfer_in,icpc_icpc_target_date,icpc_icpc_date,icpc_icpc_outcome_cp_flag,icpc_icpc_outcome_json,icpc_icpc_team,icpc_icpc_worker_id',
  ssd_cp_plans: 'cppl_cp_plan_id,cppl_referral_id,cppl_icpc_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date,cppl_cp_plan_initial_category,cppl_cp_plan_ola,cppl_cp_plan_latest_category',
  ssd_cp_reviews: 'cppr_cp_review_id,cppr_person_id,cppr_cp_plan_id,cppr_cp_review_due,cppr_cp_review_date,cppr_cp_review_meeting_id,cppr_cp_review_outcome_continue_cp,cppr_cp_review_quorate,cppr_cp_review_participation',
  ssd_cp_visits: 'cppv_cp_visit_id,cppv_person_id,cppv_cp_plan_id,cppv_cp_visit_date,cppv_cp_visit_seen,cppv_cp_visit_seen_alone,cppv_cp_visit_bedroom',
  ssd_professionals: 'prof_professional_id,prof_staff_id,prof_professional_name,prof_social_worker_registration_no,prof_professional_job_title,prof_professional_caseload,prof_professional_department,prof_full_time_equivalency,prof_agency_worker_flag,prof_professional_email',
  ssd_involvements: 'invo_involvements_id,invo_professional_id,invo_professional_role_id,invo_professional_team,invo_involvement_start_date,invo_involvement_end_date,invo_worker_change_reason,invo_person_id,invo_referral_id',
} as const;
type Table = keyof typeof HEADERS;

const CATEGORIES = ['Neglect', 'Neglect', 'Emotional abuse', 'Physical abuse', 'Sexual abuse', 'Multiple: [Neglect, Emotional abuse]'];
const DAY = 86_400_000;

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Moves a weekend date to the Monday after: conferences are held on working days. */
const weekday = (ms: number) => {
  const d = new Date(ms).getUTCDay();
  return d === 6 ? ms + 2 * DAY : d === 0 ? ms + DAY : ms;
};
const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export interface GenerateOptions {
  children: number;
  dir: string;
  seed?: number;
  /** The extract's "today": nothing after it is held. */
  today?: string;
}

export async function generateSsdExtract(opts: GenerateOptions): Promise<{ children: number; families: number; rows: number }> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const rnd = rng(opts.seed ?? 20_250_601);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const today = Date.parse(`${opts.today ?? '2025-11-28'}T00:00:00Z`);
  const files = Object.fromEntries(Object.keys(HEADERS).map((t) => [t, fs.createWriteStream(path.join(opts.dir, `${t}.csv`))])) as Record<Table, fs.WriteStream>;
  let rows = 0;
  const write = async (t: Table, values: (string | number)[]) => {
    rows++;
    if (!files[t].write(`${values.map((v) => quote(String(v))).join(',')}\n`)) await once(files[t], 'drain');
  };
  for (const t of Object.keys(HEADERS) as Table[]) files[t].write(`${HEADERS[t]}\n`);

  const workers = Math.max(10, Math.ceil(opts.children / 40));
  for (let w = 1; w <= workers; w++) await write('ssd_professionals', [`W${w}`, `STAFF${w}`, `Worker ${w}`, `SW${100000 + w}`, 'Social Worker', 15, `Team ${w % 20}`, '1.0', 'N', rnd() < 0.9 ? `worker${w}@council.example.org` : '']);

  let child = 0;
  let families = 0;
  let visit = 0;
  while (child < opts.children) {
    families++;
    const f = families;
    const size = Math.min(opts.children - child, rnd() < 0.6 ? 1 : rnd() < 0.7 ? 2 : 3);
    const worker = `W${1 + Math.floor(rnd() * workers)}`;
    const s47 = weekday(today - Math.floor(rnd() * 1000) * DAY);
    const icpcHeld = s47 + (7 + Math.floor(rnd() * 21)) * DAY;
    const icpc = weekday(icpcHeld);
    const pending = icpc > today;
    const planned = rnd() < 0.85;
    const transfer = rnd() < 0.03 ? 'Y' : 'N';
    const length = (90 + Math.floor(rnd() * 600)) * DAY;
    const ends = icpc + length < today ? icpc + length : null;
    // A parent: in ssd_person as in a real extract, never in scope.
    await write('ssd_person', [`A${f}`, 'Parent', `Family${f}`, 'F', '02', 'WBRI', iso(today - (25 + Math.floor(rnd() * 20)) * 365 * DAY), `4${String(100000000 + f).slice(-9)}`, `L-A${f}`, '', 'N', '', '', 'Y', '']);
    for (let k = 0; k < size; k++) {
      child++;
      const id = `C${child}`;
      const unborn = k === size - 1 && rnd() < 0.04;
      const dob = unborn ? '' : iso(s47 - Math.floor(rnd() * 16 * 365) * DAY);
      await write('ssd_person', [id, `Child${child}`, `Family${f}`, pick(['M', 'F']), pick(['01', '02']), pick(['WBRI', 'MWBC', 'ASIA', 'BAFR']), dob, `9${String(100000000 + child).slice(-9)}`, `L-${id}`, '', 'N', unborn ? iso(s47 + 60 * DAY) : '', '', 'N', '']);
      await write('ssd_s47_enquiry', [`S${child}`, `RF${child}`, id, iso(s47), pending ? '' : iso(s47 + 10 * DAY), 'N', '{"CP_CONFERENCE_FLAG": "Y"}', worker, 'T1']);
      await write('ssd_involvements', [`I${child}`, worker, 'Allocated Social Worker', 'Team', iso(s47), ends && rnd() < 0.5 ? iso(ends) : '', '', id, `RF${child}`]);
      if (pending) continue;
      await write('ssd_initial_cp_conference', [`IC${child}`, `M${f}`, `S${child}`, id, planned ? `PL${child}` : '', `RF${child}`, transfer, iso(s47 + 21 * DAY), iso(icpc), planned ? 'Y' : 'N', '{}', 'T1', worker]);
      if (!planned) continue;
      const category = pick(CATEGORIES);
      await write('ssd_cp_plans', [`PL${child}`, `RF${child}`, `IC${child}`, id, iso(icpc), ends ? iso(ends) : '', category, 'N', category.startsWith('Multiple') ? 'Neglect' : category]);
      // Reviews: the first within three months, then every six, while the plan lasts.
      let r = 0;
      for (let due = icpc + 90 * DAY; due < (ends ?? today + 60 * DAY); due += 182 * DAY) {
        r++;
        const held = weekday(due - Math.floor(rnd() * 10) * DAY);
        const last = ends !== null && due + 182 * DAY >= ends;
        await write('ssd_cp_reviews', [`R${child}-${r}`, id, `PL${child}`, iso(due), held <= today ? iso(held) : '', `RM${f}-${r}`, held > today ? '' : last ? 'N' : 'Y', held > today ? '' : rnd() < 0.92 ? 'Y' : 'N', 'PLACEHOLDER_DATA']);
      }
      // Statutory visits every ten working days or so.
      for (let v = icpc + 14 * DAY; v < (ends ?? today); v += (14 + Math.floor(rnd() * 4)) * DAY) {
        visit++;
        await write('ssd_cp_visits', [`V${visit}`, id, `PL${child}`, iso(weekday(v)), 'Y', rnd() < 0.7 ? 'Y' : 'N', 'Y']);
      }
    }
  }
  await Promise.all(Object.values(files).map((s) => new Promise((resolve) => s.end(resolve))));
  return { children: child, families, rows };
}

// Run as `node bin/run-ts.js bench/generate-ssd.ts N DIR` (argv[2] is this file), not when imported.
if (process.argv[2] && path.resolve(process.argv[2]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(3);
  const children = Number(args[0] ?? 1000);
  const dir = args[1] ?? 'ssd-extract';
  const r = await generateSsdExtract({ children, dir });
  process.stdout.write(`${JSON.stringify({ dir, ...r })}\n`);
}
