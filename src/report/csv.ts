// The timeliness report as CSV: one row per figure (the partnership as a whole, then each agency and
// sector), for a spreadsheet. RFC 4180 quoting; the listed cases are joined with "; ".
import type { PartnershipTimeliness } from '../rules/timeliness/index.js';

export const CSV_COLUMNS = ['partnership', 'from', 'to', 'measure', 'group_kind', 'group', 'numerator', 'denominator', 'percent', 'median_working_days', 'cases', 'how', 'standard'] as const;

const cell = (v: string | number | null | undefined) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function renderTimelinessCsv(reports: PartnershipTimeliness[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const r of reports) {
    for (const f of r.figures) {
      rows.push(
        [r.partnership, r.period.from, r.period.to, f.measure, f.groupKind, f.group, f.numerator, f.denominator, f.percent === null ? null : f.percent.toFixed(1), f.median, f.exceptions.join('; '), f.how, f.standard]
          .map(cell)
          .join(','),
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
