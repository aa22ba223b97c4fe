// `quorum tick`: one sweep (plan + dispatch) as of an instant. With --dry-run nothing is written.
import type { Command } from 'commander';
import type { TickLine } from '../bot/scheduler/tick.js';
import type { ChannelSender } from '../bot/core/types.js';
import type { Store } from '../store/db.js';
import { UsageError } from './usage-error.js';

export interface TickDeps {
  /** Platform senders (Slack, Teams, email) for this store; a nudge none of them reaches is stored undeliverable and reported. */
  senders?: (store: Store) => Promise<ChannelSender[]> | ChannelSender[];
  stdout?: (s: string) => void;
  withStore?: <T>(fn: (store: Store) => Promise<T>) => Promise<T>;
}

export function registerTick(program: Command, deps: TickDeps = {}): void {
  program
    .command('tick')
    .description('Run one scheduler sweep: plan nudges for every open case and send those due (08:00-18:00 on working days).')
    .option('--at <iso>', 'as of this instant (default: now)')
    .option('--dry-run', 'print what would be sent; write nothing')
    .option('--json', 'one JSON line per nudge: key, kind, case, recipient, channel, text, status')
    .action(async (opts: { at?: string; dryRun?: boolean; json?: boolean }) => {
      const now = opts.at === undefined ? new Date() : parseInstant(opts.at);
      const out = deps.stdout ?? ((s: string) => void process.stdout.write(s));
      // The scheduler, the store and the config load when the command runs, not for `quorum --help`.
      const [{ runTick }, { loadConfig }, { withStore }] = await Promise.all([import('../bot/scheduler/tick.js'), import('../config.js'), import('./io.js')]);
      const config = loadConfig();
      const lines = await (deps.withStore ?? withStore)(async (store) =>
        runTick(store.db, now, {
          senders: deps.senders ? await deps.senders(store) : [],
          hours: { start: config.QUORUM_NUDGE_START_HOUR, end: config.QUORUM_NUDGE_END_HOUR },
          morningHour: Math.max(9, config.QUORUM_NUDGE_START_HOUR),
          dryRun: opts.dryRun,
        }),
      );
      out(opts.json ? lines.map((l) => `${JSON.stringify(l)}\n`).join('') : formatTable(lines, now, Boolean(opts.dryRun)));
    });
}

function parseInstant(s: string): Date {
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s));
  if (!ok) throw new UsageError(`--at: expected an ISO date-time with a zone, e.g. 2026-01-12T09:00:00Z, got "${s}"`);
  return new Date(s);
}

const COLUMNS = [
  ['STATUS', (l: TickLine) => l.status],
  ['KIND', (l: TickLine) => l.kind],
  ['CASE', (l: TickLine) => l.case],
  ['RECIPIENT', (l: TickLine) => l.recipient ?? '-'],
  ['CHANNEL', (l: TickLine) => l.channel],
] as const;

/** A table with headings, each nudge's first line of text indented under its row. */
function formatTable(lines: TickLine[], now: Date, dryRun: boolean): string {
  const head = `${dryRun ? 'Dry run (nothing sent or written)' : 'Tick'} at ${now.toISOString()}: ${lines.length} nudge(s).\n`;
  if (lines.length === 0) return head;
  const widths = COLUMNS.map(([title, cell]) => Math.max(title.length, ...lines.map((l) => cell(l).length)));
  const row = (cells: string[]) => `${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}\n`;
  const body = lines.map((l) => `${row(COLUMNS.map(([, cell]) => cell(l)))}    message: ${l.text.split('\n')[0]}\n`);
  return head + row(COLUMNS.map(([title]) => title)) + body.join('');
}
