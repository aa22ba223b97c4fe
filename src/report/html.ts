// The timeliness report as one self-contained HTML file: GOV.UK Frontend's compiled stylesheet
// inlined (its font and image references removed, so nothing is fetched and the file opens from a
// disk or an email), the charts as inline SVG (charts.ts), no script. Nunjucks with autoescape on;
// only the SVG vega drew and the stylesheet are marked safe.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatLondonDate, formatLondonTime, londonDate } from '../rules/calendar.js';
import type { Figure, PartnershipTimeliness } from '../rules/timeliness/index.js';
import { icpcByMonthChart, reportsByAgencyChart } from './charts.js';
import { exceptionsLabel, groupName, medianText, monthLabel, nationalText, percentText, periodText, share } from './words.js';

const require = createRequire(import.meta.url);
const GOVUK_CSS = path.join(path.dirname(require.resolve('govuk-frontend')), 'govuk-frontend.min.css');
const TEMPLATES = fileURLToPath(new URL('./templates/', import.meta.url));
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES), { autoescape: true, throwOnUndefined: true });

let css: string | undefined;
/** The GOV.UK stylesheet without @font-face rules or url() references: system fonts, no requests. */
export function inlineCss(): string {
  css ??= fs
    .readFileSync(GOVUK_CSS, 'utf8')
    .replace(/@font-face\{[^}]*\}/g, '')
    .replace(/url\([^)]*\)/g, 'none')
    .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '');
  return css;
}

type FigureView = { f: Figure; share: string; median: string; group: string; exceptionsLabel: string; groups: { agency: FigureView[]; sector: FigureView[] } };

function viewOf(f: Figure, all: Figure[]): FigureView {
  const sub = (kind: 'agency' | 'sector') => all.filter((g) => g.measure === f.measure && g.groupKind === kind).map((g) => viewOf(g, []));
  return { f, share: share(f), median: medianText(f.median), group: groupName(f), exceptionsLabel: exceptionsLabel(f), groups: f.groupKind === 'all' ? { agency: sub('agency'), sector: sub('sector') } : { agency: [], sector: [] } };
}

export async function renderTimelinessHtml(reports: PartnershipTimeliness[], now: Date): Promise<string> {
  const sections = [];
  for (const r of reports) {
    sections.push({
      r,
      id: `p-${sections.length + 1}`,
      period: periodText(r.period),
      figures: r.figures.filter((f) => f.groupKind === 'all').map((f) => viewOf(f, r.figures)),
      icpcChart: new nunjucks.runtime.SafeString(await icpcByMonthChart(r)),
      agencyChart: new nunjucks.runtime.SafeString(await reportsByAgencyChart(r)),
      agencyRows: r.figures.filter((f) => f.measure === 'reports_on_time' && f.groupKind === 'agency').map((f) => viewOf(f, [])),
      months: r.icpcByMonth.map((m) => ({ ...m, label: monthLabel(m.month) })),
    });
  }
  return env.render('timeliness.njk', {
    css: new nunjucks.runtime.SafeString(inlineCss()),
    sections,
    national: nationalText,
    generated: `${formatLondonDate(londonDate(now))} at ${formatLondonTime(now)}`,
    percentText,
  });
}
