// What one `npm run bench` leaves in docs/: benchmarks.json (the shape issue 21 asks for, for
// tools), benchmarks.md (for people, bench/report.ts) and two SVG charts drawn with vega-lite.
import fs from 'node:fs';
import os from 'node:os';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChatFigures } from './chat-bench.js';
import type { CliFigures } from './cli-bench.js';
import type { BenchOptions } from './options.js';
import { renderReport } from './report.js';
import type { SsdImportFigures } from './ssd-import.js';
import type { SweepFigures } from './sweep-bench.js';

export interface BenchReport {
  startedAt: Date;
  totalSeconds: number;
  now: Date;
  database: string;
  postgresVersion: string;
  loadSeconds: number;
  sweeps: SweepFigures[];
  chat?: ChatFigures;
  cli?: CliFigures;
  ssdImport?: SsdImportFigures;
  loadAverage: { atStart: number[]; atEnd: number[] };
  /** Share of CPU time the hypervisor took from this machine during the bench (Linux), if known. */
  stealPercent?: number;
  options: BenchOptions;
  /** Parts measured again later and merged in (`--only … --merge`). */
  merged?: { at: string; parts: string[]; loadAverage: { atStart: number[]; atEnd: number[] } }[];
}

/** The last run's full figures (gitignored .quorum/ holds local state). */
export const LAST_RUN = '.quorum/bench-last-run.json';

const round = (n: number, places = 2) => (Number.isFinite(n) ? Math.round(n * 10 ** places) / 10 ** places : null);

export function machineOf(r: BenchReport) {
  const cpus = os.cpus();
  return {
    cpus: cpus.length, cpu: cpus[0]?.model.trim() ?? 'cpu', memoryGiB: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}`, node: process.version,
    postgres: r.postgresVersion.split(' on ')[0], date: r.startedAt.toISOString(), loadAverage: r.loadAverage, stealPercent: r.stealPercent === undefined ? null : round(r.stealPercent, 1),
  };
}

export function toJson(r: BenchReport) {
  return {
    machine: machineOf(r),
    sweep: r.sweeps.map((f) => ({ cases: f.cases, floorMs: round(f.floorMs, 0), sweepMs: round(f.sweepMs, 0), ratio: round(f.ratio), perCaseMs: round(f.msPerCase, 3), peakRssMb: round(f.sweepPeakRssMb, 0) })),
    chat: r.chat?.rows ?? [],
    cli: r.cli?.cli ?? [],
    start: r.cli?.start ?? null,
    ssdImport: r.ssdImport ? { ...r.ssdImport, ms: round(r.ssdImport.ms, 0), peakRssMb: round(r.ssdImport.peakRssMb, 0) } : null,
  };
}

async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}

/** Sweep cost per case at each size: flat or falling is linear growth. */
export function sweepChart(r: BenchReport): TopLevelSpec {
  const values = r.sweeps.flatMap((f) => [
    { cases: f.cases, what: 'sweep', perCaseMs: f.msPerCase },
    { cases: f.cases, what: 'floor', perCaseMs: f.floorMs / f.cases },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Sweep cost per open case, by size',
    width: 360, height: 200,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'cases', type: 'quantitative', scale: { type: 'log' }, title: 'open cases (log scale)' },
      y: { field: 'perCaseMs', type: 'quantitative', title: 'ms per case', scale: { zero: true } },
      color: { field: 'what', type: 'nominal', title: null },
    },
  };
}

/** The reply latency distribution (cumulative), Quorum against the floor, per platform. */
export function latencyChart(chat: ChatFigures): TopLevelSpec {
  const values: { platform: string; side: string; ms: number; share: number }[] = [];
  for (const platform of ['slack', 'teams'] as const) {
    for (const side of ['quorum', 'floor'] as const) {
      const sorted = [...chat.samples[platform][side].reply].sort((a, b) => a - b);
      // 200 points a curve is enough to draw it; the 99th percentile is kept exactly.
      const step = Math.max(1, Math.floor(sorted.length / 200));
      for (let i = 0; i < sorted.length; i += step) values.push({ platform, side, ms: Math.round(sorted[i]! * 10) / 10, share: (i + 1) / sorted.length });
      if (sorted.length) values.push({ platform, side, ms: sorted[sorted.length - 1]!, share: 1 });
    }
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Reply latency: share of replies within a time, Quorum and its floor',
    data: { values },
    facet: { column: { field: 'platform', type: 'nominal', title: null } },
    spec: {
      width: 260, height: 200,
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'ms', type: 'quantitative', title: 'reply latency (ms)' },
        y: { field: 'share', type: 'quantitative', title: 'share of replies', axis: { format: '%' } },
        color: { field: 'side', type: 'nominal', title: null },
      },
    },
  };
}

export async function writeResults(r: BenchReport): Promise<void> {
  fs.writeFileSync('docs/benchmarks.json', `${JSON.stringify(toJson(r), null, 2)}\n`);
  if (r.sweeps.length) fs.writeFileSync('docs/bench-sweep.svg', await toSvg(sweepChart(r)));
  if (r.chat) fs.writeFileSync('docs/bench-latency.svg', await toSvg(latencyChart(r.chat)));
  fs.writeFileSync('docs/benchmarks.md', renderReport(r, machineOf(r)));
}
