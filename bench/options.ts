// `npm run bench -- [options]`: sizes and durations, so development runs stay short on a shared
// machine; the figures in docs/ come from a full run with no options.
import { parseArgs } from 'node:util';

export type Part = 'sweep' | 'chat' | 'cli' | 'ssd';
const PARTS: Part[] = ['sweep', 'chat', 'cli', 'ssd'];

export interface BenchOptions {
  sizes: number[];
  clients: number;
  /** Seconds of measured load for each side (Quorum, floor) on each platform. */
  seconds: number;
  /** How many alternating rounds of Quorum then floor. */
  rounds: number;
  /** Runs of each CLI command and its baseline (the median is reported). */
  cliRuns: number;
  parts: Set<Part>;
  /** Children in the synthetic SSD extract the `ssd` part imports. */
  ssdChildren: number;
  /** Writes docs/benchmarks.{md,json} and the charts (off for partial runs unless asked). */
  write: boolean;
  /** Keeps the last run's figures for the parts not run now (and writes docs/). */
  merge: boolean;
  now: Date;
}

const HELP = `npm run bench -- [--quick] [--sizes 1000,10000,50000] [--clients 50] [--seconds 10] [--rounds 2]
                 [--cli-runs 10] [--only sweep,chat,cli,ssd] [--write] [--merge]
  --quick   sizes 1000,5000, 5 s a side, 1 round, 3 CLI runs, a 5,000-child SSD import: for development, not for docs/
  --only    the parts to run (default all); the chat part needs the largest size loaded
  --write   write docs/benchmarks.{md,json} and the charts even for a partial or quick run
  --merge   with --only: keep the last run's figures for the other parts, and write docs/`;

export function readOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      clients: { type: 'string' },
      seconds: { type: 'string' },
      rounds: { type: 'string' },
      'cli-runs': { type: 'string' },
      only: { type: 'string' },
      write: { type: 'boolean', default: false },
      merge: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const num = (v: string | undefined, fallback: number, name: string) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name}: expected a positive number, got ${v}`);
    return n;
  };
  const sizes = (values.sizes ?? process.env.BENCH_SIZES ?? (quick ? '1000,5000' : '1000,10000,50000')).split(',').map((s) => num(s, 0, 'sizes'));
  const parts = new Set((values.only ?? PARTS.join(',')).split(',').map((p) => p.trim()) as Part[]);
  for (const p of parts) if (!PARTS.includes(p)) throw new Error(`--only: unknown part ${p} (${PARTS.join(', ')})`);
  return {
    sizes: sizes.sort((a, b) => a - b),
    clients: num(values.clients, 50, 'clients'),
    seconds: num(values.seconds, quick ? 5 : 10, 'seconds'),
    rounds: num(values.rounds, quick ? 1 : 2, 'rounds'),
    cliRuns: num(values['cli-runs'], quick ? 3 : 10, 'cli-runs'),
    parts,
    ssdChildren: quick ? 5000 : 50_000,
    write: values.write || values.merge || (!quick && parts.size === PARTS.length),
    merge: values.merge ?? false,
    now: new Date(process.env.BENCH_NOW ?? '2026-03-11T10:00:00Z'),
  };
}
