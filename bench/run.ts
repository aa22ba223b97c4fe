// `npm run bench [-- options]` (bench/options.ts): generate the synthetic national data set, measure
// the sweep at each size against its floor, chat on the largest database against the chat floor on a
// mixed load, and the CLI's start against Node's; write docs/benchmarks.{md,json} and the charts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import postgres from 'postgres';
import { runChatBench } from './chat-bench.js';
import { runCliBench } from './cli-bench.js';
import { loadPool, prepareDatabase, resetSchema } from './load.js';
import { readOptions } from './options.js';
import { buildPool } from './people.js';
import { LAST_RUN, writeResults, type BenchReport } from './results.js';
import { runSsdImportBench } from './ssd-import.js';
import { runSweepLadder } from './sweep-bench.js';

const opts = readOptions(process.argv.slice(3));
const log = (s: string) => process.stdout.write(`[bench] ${s}\n`);
const startedAt = new Date();
const cpuAtStart = readCpuTimes();
const loadAtStart = os.loadavg();

// Every part times the build (bin/quorum.js runs dist/), as users run it.
{
  if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');
  log('built dist/');
}
const { url, fresh } = await prepareDatabase();
log(fresh ? 'created a fresh database quorum_bench on 127.0.0.1:5432' : 'using DATABASE_URL (its tables are emptied)');
await resetSchema(url);
// The CLI first, on the migrated, still empty database: serve's first sweep has nothing to plan.
const cli = opts.parts.has('cli') ? await runCliBench(opts.cliRuns, url, log) : undefined;
const sql = postgres(url, { max: 1, onnotice: () => {} });
const [{ version }] = (await sql`select version()`) as unknown as [{ version: string }];
let sweeps: Awaited<ReturnType<typeof runSweepLadder>> = [];
if (opts.parts.has('sweep') || opts.parts.has('chat')) {
  const pool = buildPool(Math.max(...opts.sizes));
  await loadPool(sql, pool);
  log(`loaded ${pool.people.length} synthetic professionals`);
  sweeps = await runSweepLadder(url, pool, opts.sizes, opts.now, log, { measure: opts.parts.has('sweep') });
}
await sql.end();
const loadSeconds = sweeps.reduce((t, f) => t + f.loadMs / 1000, 0);
const chat = opts.parts.has('chat') ? await runChatBench(url, { clients: opts.clients, seconds: opts.seconds, rounds: opts.rounds }, log) : undefined;
// Last: the SSD import has its own database (quorum_ssd_bench) and its own process.
const ssdImport = opts.parts.has('ssd') ? await runSsdImportBench({ children: opts.ssdChildren }) : undefined;
if (ssdImport) log(`SSD import: ${ssdImport.children} children, ${ssdImport.cases} cases in ${(ssdImport.ms / 1000).toFixed(1)} s, peak RSS ${ssdImport.peakRssMb.toFixed(0)} MB`);

const cpuAtEnd = readCpuTimes();
const stealPercent = cpuAtStart && cpuAtEnd ? (100 * (cpuAtEnd.steal - cpuAtStart.steal)) / (cpuAtEnd.total - cpuAtStart.total) : undefined;
let report: BenchReport = {
  startedAt, totalSeconds: (Date.now() - startedAt.getTime()) / 1000, now: opts.now, database: url, postgresVersion: version, loadSeconds,
  sweeps: opts.parts.has('sweep') ? sweeps : [], chat, cli, ssdImport, loadAverage: { atStart: loadAtStart, atEnd: os.loadavg() }, stealPercent, options: opts,
};
if (opts.merge && fs.existsSync(LAST_RUN)) {
  // The parts not run now keep the last run's figures (and its date, load and data set).
  const last = JSON.parse(fs.readFileSync(LAST_RUN, 'utf8')) as BenchReport;
  report = {
    ...last, startedAt: new Date(last.startedAt), now: new Date(last.now),
    ...(opts.parts.has('sweep') ? { sweeps: report.sweeps, loadSeconds } : {}), ...(chat ? { chat } : {}), ...(cli ? { cli } : {}), ...(ssdImport ? { ssdImport } : {}),
    merged: [...(last.merged ?? []), { at: startedAt.toISOString(), parts: [...opts.parts], loadAverage: report.loadAverage }],
  };
}
if (opts.write) {
  // Everything docs/ shows, for `node bin/run-ts.js bench/rerender.ts` after a change to the report's
  // prose and for the next --merge: only a run that writes docs/, so a partial run never replaces it.
  fs.mkdirSync('.quorum', { recursive: true });
  fs.writeFileSync(LAST_RUN, JSON.stringify(report));
  await writeResults(report);
  log('wrote docs/benchmarks.md, docs/benchmarks.json, docs/bench-sweep.svg, docs/bench-latency.svg');
} else {
  log('partial or quick run: docs/ left as it is (--write to write it anyway)');
}
process.stdout.write(`${JSON.stringify({ sweeps: report.sweeps.map(({ rowsLoaded: _r, ...f }) => f), chat: chat?.rows, cli, ssdImport }, null, 2)}\n`);
process.exit(0);

/** Linux's /proc/stat totals (user … steal), to report how much CPU the hypervisor took meanwhile. */
function readCpuTimes(): { total: number; steal: number } | undefined {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return undefined;
  }
}
