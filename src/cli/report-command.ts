// `quorum report timeliness`: the partnership's timeliness figures for QA (issue 20), as text, CSV
// or one self-contained HTML file. Reads every case of the partnership(s) and audits the run once.
// Everything it runs loads when it runs; the HTML renderer (Nunjucks, vega) only for --format html.
import { Option, type Command } from 'commander';
import type { Store } from '../store/db.js';
import { UsageError } from './usage-error.js';

export const REPORT_FORMATS = ['text', 'csv', 'html'] as const;
type Format = (typeof REPORT_FORMATS)[number];

export interface ReportCommandDeps {
  withStore?: <T>(fn: (store: Store) => Promise<T>) => Promise<T>;
  now?: () => Date;
}

type Opts = { from?: string; to?: string; partnership?: string; format: Format };

export function registerReport(program: Command, deps: ReportCommandDeps = {}): void {
  const report = program.command('report').description('Reports for the partnership\'s quality assurance.');
  report
    .command('timeliness')
    .description(
      'Timeliness figures per partnership: ICPCs within 15 working days, reviews, quorum, reports, replies and attendance by agency and sector, minutes, decision letters, visits, plans open 12 and 15 months. Each figure names the standard that sets its timescale.',
    )
    .option('--from <date>', 'first day of the period, YYYY-MM-DD (default: the first of the three complete months before this one)')
    .option('--to <date>', 'last day of the period, YYYY-MM-DD (default: the end of last month; today when only --from is given)')
    .option('--partnership <name>', 'one partnership (default: every partnership, one section each)')
    .addOption(new Option('--format <format>', 'text, csv (one row per figure) or html (one self-contained file)').choices(REPORT_FORMATS).default('text'))
    .action(async (opts: Opts) => {
      // Loaded when run, so `quorum --help` reads commander alone (test/deploy/cli-imports.test.ts).
      const [{ londonDate }, { resolvePeriod }, { runTimelinessReport, UnknownPartnershipError }, { cliContext, withStore }] = await Promise.all([
        import('../rules/calendar.js'),
        import('../rules/timeliness/period.js'),
        import('../store/timeliness.js'),
        import('./io.js'),
      ]);
      const now = (deps.now ?? (() => new Date()))();
      let period;
      try {
        period = resolvePeriod(opts, londonDate(now));
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      const open = deps.withStore ?? withStore;
      const reports = await open(async (store) => {
        try {
          return await runTimelinessReport(store.db, { ...cliContext(), period, now, via: 'cli', partnership: opts.partnership });
        } catch (err) {
          if (err instanceof UnknownPartnershipError) throw new UsageError(err.message);
          throw err;
        }
      });
      let out: string;
      if (opts.format === 'html') {
        const { renderTimelinessHtml } = await import('../report/html.js');
        out = await renderTimelinessHtml(reports, now);
      } else if (opts.format === 'csv') out = (await import('../report/csv.js')).renderTimelinessCsv(reports);
      else out = (await import('../report/text.js')).renderTimelinessText(reports);
      process.stdout.write(out);
    });
}
