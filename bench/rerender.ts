// Rewrites docs/benchmarks.{md,json} and the charts from the last `npm run bench` (its figures in
// .quorum/bench-last-run.json), without measuring again: for a change to the report's wording.
//   node bin/run-ts.js bench/rerender.ts
import fs from 'node:fs';
import { LAST_RUN, writeResults, type BenchReport } from './results.js';

const raw = JSON.parse(fs.readFileSync(LAST_RUN, 'utf8')) as BenchReport & { startedAt: string; now: string };
await writeResults({ ...raw, startedAt: new Date(raw.startedAt), now: new Date(raw.now) });
console.log('rewrote docs/benchmarks.md, docs/benchmarks.json and the charts from', LAST_RUN);
