// One measurement in a process of its own, so peak RSS is this measurement's alone:
//   sweep-worker.mjs floor|sweep DATABASE_URL NOW  →  one JSON line on stdout.
// `floor` reads exactly the rows a sweep reads, with plain SELECTs (no planning, no writing);
// `sweep` runs the real scheduler sweep (plan + write the outbox, no sending).
// Plain JavaScript on the build (dist/), as the scheduler runs in production: a TypeScript loader
// (tsx) in the process would add about 30 MB to the peak RSS this measures.
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';

/** @param {string} file */
const fromBuild = (file) => import(new URL(`../dist/${file}`, import.meta.url).href);

const OPEN = `(select id from cases where status = 'open')`;
/** Both measurements first warm up (JIT, connections) on this many cases, then run once, cold-free. */
const WARM_UP_CASES = 500;

const FLOOR_QUERIES = [
  `select id from cases where status = 'open' order by id`,
  `select * from cases where status = 'open'`,
  `select * from children where case_id in ${OPEN}`,
  `select * from conferences where case_id in ${OPEN}`,
  `select i.*, p.name, p.email, c.case_id from invitations i join conferences c on c.id = i.conference_id join people p on p.id = i.person_id
     where c.case_id in ${OPEN} and i.removed_at is null`,
  `select * from events where case_id in ${OPEN} and superseded_by is null`,
  `select * from dissents where case_id in ${OPEN}`,
  `select case_id, person_id, role from case_members where case_id in ${OPEN}`,
  `select id, case_id, key, kind, step, status, due_at, conference_id, recipient_id, payload->>'chain' as chain from nudges
     where case_id in ${OPEN} and (status in ('pending', 'sending') or kind = 'quorum_change' or step like 'snooze-%')`,
];

/** @param {string} url @returns {Promise<Record<string, number>>} */
async function measureFloor(url) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const warmUp = `(select id from cases where status = 'open' order by id limit ${WARM_UP_CASES})`;
  for (const q of FLOOR_QUERIES) await sql.unsafe(q.replaceAll(OPEN, warmUp).replace(`where status = 'open' order by id`, `where id in ${warmUp}`));
  const start = performance.now();
  let rows = 0;
  for (const q of FLOOR_QUERIES) rows += (await sql.unsafe(q)).length;
  const ms = performance.now() - start;
  await sql.end();
  return { ms, rowsRead: rows };
}

/** @param {string} url @param {Date} now @returns {Promise<Record<string, number>>} */
async function measureSweep(url, now) {
  const [{ sweep, sweepCases }, { openStore }] = await Promise.all([fromBuild('bot/scheduler/sweep.js'), fromBuild('store/db.js')]);
  const store = await openStore({ databaseUrl: url });
  // The same warm-up as the floor's: plan the first cases without writing anything.
  await sweepCases(store.db, Array.from({ length: WARM_UP_CASES }, (_, i) => i + 1), now, { dryRun: true });
  const start = performance.now();
  const cpu = process.cpuUsage();
  // As the scheduler sweeps (src/bot/scheduler/index.ts): counts only, one batch in memory at a time.
  const result = await sweep(store.db, now, { collect: false });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  await store.close();
  return { ms, cpuMs: (used.user + used.system) / 1000, cases: result.cases, due: result.counts.due, enqueued: result.counts.enqueued, cancelled: result.counts.cancelled };
}

const [mode, url, at] = process.argv.slice(2);
if (!url || !at || (mode !== 'floor' && mode !== 'sweep')) {
  process.stderr.write('usage: sweep-worker.mjs floor|sweep DATABASE_URL NOW\n');
  process.exit(2);
}
const figures = mode === 'floor' ? await measureFloor(url) : await measureSweep(url, new Date(at));
process.stdout.write(`${JSON.stringify({ mode, ...figures, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
process.exit(0);
