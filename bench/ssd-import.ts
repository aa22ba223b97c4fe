// The SSD import at scale: a synthetic extract of N children (bench/generate-ssd.ts) imported in
// one run by a process of its own, so its peak RSS is the import's alone. Postgres: DATABASE_URL, or
// a fresh `quorum_ssd_bench` on the local server. `node bin/run-ts.js bench/ssd-import.ts 50000`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { replanCases } from '../src/bot/core/nudges/index.js';
import { openStore } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { importSsd } from '../src/store/ssd/import-ssd.js';
import { generateSsdExtract } from './generate-ssd.js';

/** The extract's today and the import's clock: the generator holds nothing after it. */
const NOW = new Date('2025-11-28T10:00:00Z');

export interface SsdImportFigures {
  children: number;
  cases: number;
  ms: number;
  peakRssMb: number;
}

export async function runSsdImportBench(opts: { children: number; dir?: string; heapMb?: number }): Promise<SsdImportFigures> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-ssd-'));
  await generateSsdExtract({ children: opts.children, dir, today: NOW.toISOString().slice(0, 10) });
  const url = await prepareDatabase();
  const worker = await new Promise<string>((resolve, reject) => {
    // The heap bound an operator sets for a big extract (quorum import --help): V8 otherwise lets
    // garbage grow to several times the ~110 MB the import keeps live at 50,000 children.
    const child = spawn(process.execPath, [`--max-old-space-size=${opts.heapMb ?? 160}`, 'bin/run-ts.js', fileURLToPath(import.meta.url), '--worker', dir, url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`the import worker exited ${code}`))));
  });
  const figures = JSON.parse(worker.trim().split('\n').pop()!) as Omit<SsdImportFigures, 'children'>;
  if (!opts.dir) fs.rmSync(dir, { recursive: true, force: true });
  return { children: opts.children, ...figures };
}

async function prepareDatabase(): Promise<string> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const admin = postgres('postgres://postgres@127.0.0.1:5432/postgres', { max: 1, onnotice: () => {} });
    await admin.unsafe('drop database if exists quorum_ssd_bench with (force)');
    await admin.unsafe('create database quorum_ssd_bench');
    await admin.end();
    url = 'postgres://postgres@127.0.0.1:5432/quorum_ssd_bench';
  }
  const store = await openStore({ databaseUrl: url, poolSize: 1 });
  try {
    await migrate(store);
  } finally {
    await store.close();
  }
  return url;
}

/** In the worker: one import, its figures as one JSON line. */
async function importOnce(dir: string, url: string): Promise<void> {
  const store = await openStore({ databaseUrl: url, poolSize: 2 });
  const started = performance.now();
  try {
    const r = await importSsd(store, {
      dir,
      partnership: 'Bench SSD Partnership',
      profile: 'swindon',
      now: NOW,
      actor: 'system:bench',
      correlationId: 'bench-ssd',
      replan: (repo, ids, now) => replanCases(repo, ids, now, { morningHour: 9 }),
      onProgress: (p) => {
        if (p.phase === 'write' && p.done % 10_000 < 500) process.stderr.write(`[bench] ssd: ${p.done}/${p.total} case groups\n`);
      },
    });
    const cases = r.created.length + r.updated.length + r.unchanged;
    process.stdout.write(`${JSON.stringify({ cases, ms: Math.round(performance.now() - started), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), rejected: r.rejected.length })}\n`);
  } finally {
    await store.close();
  }
}

if (process.argv[2] && path.resolve(process.argv[2]) === fileURLToPath(import.meta.url)) {
  if (process.argv[3] === '--worker') await importOnce(process.argv[4]!, process.argv[5]!);
  else process.stdout.write(`${JSON.stringify(await runSsdImportBench({ children: Number(process.argv[3] ?? 50_000), dir: process.argv[4] }))}\n`);
}
