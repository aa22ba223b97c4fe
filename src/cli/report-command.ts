// `quorum report timeliness`: the partnership's timeliness figures for QA (issue 20), as text, CSV
// or one self-contained HTML file. Reads every case of the partnership(s) and audits the run once.
// The HTML renderer (Nunjucks, vega) loads only when --format html asks for it.
import { Command, Option } from 'commander';
import { londonDate } from '../rules/calendar.js';
import { resolvePeriod } from '../rules/timeliness/period.js';
import { renderTimelinessCsv } from '../report/csv.js';
import { renderTimelinessText } from '../report/text.js';
import { runTimelinessReport, UnknownPartnershipError } from '../store/timeliness.js';
import type { Store } from '../store/db.js';
import { cliContext, UsageError, withStore } from './io.js';

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
      } else out = opts.format === 'csv' ? renderTimelinessCsv(reports) : renderTimelinessText(reports);
      process.stdout.write(out);
    });
}
