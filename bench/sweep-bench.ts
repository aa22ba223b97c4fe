// Sweep cost at growing sizes: load the data set up to each size, empty the outbox, then measure
// the floor (plain SELECTs of the rows a sweep reads) and a real sweep, each in its own process.
import { spawn } from 'node:child_process';
import postgres from 'postgres';
import type { Ids } from './generate.js';
import { finishLoad, loadCases, tableCounts } from './load.js';
import type { Pool } from './people.js';

export interface SweepFigures {
  cases: number;
  /** Generating and loading the cases added for this size. */
  loadMs: number;
  rowsLoaded: Record<string, number>;
  floorMs: number;
  floorRowsRead: number;
  floorPeakRssMb: number;
  sweepMs: number;
  rowsWritten: number;
  sweepPeakRssMb: number;
  ratio: number;
  msPerCase: number;
}

/** Loads each size in turn; with `measure: false` only loads (for a chat-only run). */
export async function runSweepLadder(url: string, pool: Pool, sizes: number[], now: Date, log: (s: string) => void, opts: { measure: boolean } = { measure: true }): Promise<SweepFigures[]> {
  const sql = postgres(url, { max: 3, onnotice: () => {} });
  const ids: Ids = { conference: 0, invitation: 0, event: 0, child: 0, dissent: 0 };
  const out: SweepFigures[] = [];
  let loaded = 0;
  try {
    for (const size of sizes) {
      const started = Date.now();
      await loadCases(sql, pool, loaded + 1, size, now, ids);
      loaded = size;
      await finishLoad(sql);
      const loadMs = Date.now() - started;
      log(`loaded ${size} cases (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      if (!opts.measure) {
        out.push({ cases: size, loadMs, rowsLoaded: await tableCounts(sql), floorMs: NaN, floorRowsRead: 0, floorPeakRssMb: NaN, sweepMs: NaN, rowsWritten: 0, sweepPeakRssMb: NaN, ratio: NaN, msPerCase: NaN });
        continue;
      }
      await sql.unsafe('truncate nudges restart identity');
      await sql.unsafe('vacuum analyze nudges');
      const floor = await runWorker('floor', url, now);
      const swept = await runWorker('sweep', url, now);
      const [written] = await sql.unsafe(`select count(*)::int as n from nudges`);
      const figures: SweepFigures = {
        cases: size,
        loadMs,
        rowsLoaded: await tableCounts(sql),
        floorMs: floor.ms!,
        floorRowsRead: floor.rowsRead!,
        floorPeakRssMb: floor.peakRssMb!,
        sweepMs: swept.ms!,
        rowsWritten: Number(written!.n),
        sweepPeakRssMb: swept.peakRssMb!,
        ratio: swept.ms! / floor.ms!,
        msPerCase: swept.ms! / size,
      };
      log(`sweep ${size}: ${(figures.sweepMs / 1000).toFixed(1)} s, floor ${(figures.floorMs / 1000).toFixed(1)} s, ratio ${figures.ratio.toFixed(2)}, ${figures.rowsWritten} rows written`);
      out.push(figures);
    }
  } finally {
    await sql.end();
  }
  return out;
}

function runWorker(mode: 'floor' | 'sweep', url: string, now: Date): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/sweep-worker.mjs', mode, url, now.toISOString()], { env: { ...process.env, QUORUM_LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${mode} worker exited with ${code}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, number>);
    });
  });
}
