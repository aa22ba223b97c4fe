// `npm run bench`: generate the synthetic national data set, measure the sweep at 1k, 10k and 50k
// open cases against its floor, measure chat latency on the 50k database, and write docs/benchmarks.md.
import fs from 'node:fs';
import os from 'node:os';
import postgres from 'postgres';
import { runChatBench } from './chat-bench.js';
import { loadPool, prepareDatabase, resetSchema } from './load.js';
import { buildPool } from './people.js';
import { writeReport } from './report.js';
import { runSweepLadder } from './sweep-bench.js';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
/** A Wednesday at 10:00 London: nudge hours, no bank holiday, so every kind of nudge can fall due. */
const NOW = new Date(process.env.BENCH_NOW ?? '2026-03-11T10:00:00Z');
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

const log = (s: string) => process.stdout.write(`[bench] ${s}\n`);
const startedAt = new Date();
const cpuAtStart = readCpuTimes();
const { url, fresh } = await prepareDatabase();
log(fresh ? 'created a fresh database quorum_bench on 127.0.0.1:5432' : 'using DATABASE_URL (its tables are emptied)');
await resetSchema(url);

const sql = postgres(url, { max: 1, onnotice: () => {} });
const [{ version }] = (await sql`select version()`) as unknown as [{ version: string }];
const pool = buildPool(Math.max(...SIZES));
await loadPool(sql, pool);
await sql.end();
log(`loaded ${pool.people.length} synthetic professionals`);

const sweeps = await runSweepLadder(url, pool, SIZES, NOW, log);
const loadSeconds = sweeps.reduce((t, f) => t + f.loadMs / 1000, 0);
const chat = await runChatBench(url, { clients: CLIENTS, seconds: SECONDS }, log);

const cpuAtEnd = readCpuTimes();
const stealPercent = cpuAtStart && cpuAtEnd ? (100 * (cpuAtEnd.steal - cpuAtStart.steal)) / (cpuAtEnd.total - cpuAtStart.total) : undefined;
const report = { startedAt, totalSeconds: (Date.now() - startedAt.getTime()) / 1000, now: NOW, database: url, postgresVersion: version, loadSeconds, sweeps, chat, loadAverage: os.loadavg(), stealPercent };
writeReport(report);
log('wrote docs/benchmarks.md');
process.stdout.write(`${JSON.stringify({ sweeps: sweeps.map(({ rowsLoaded: _r, ...f }) => f), chat }, null, 2)}\n`);
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
