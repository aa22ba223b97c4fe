// How the renderers word a figure: one place, so text, CSV, HTML and chat say the same thing.
import { formatLondonDate } from '../rules/calendar.js';
import { SECTOR_LABEL } from '../bot/core/views/format.js';
import { NATIONAL_ICPC, type Figure, type Period } from '../rules/timeliness/index.js';

export const percentText = (p: number | null) => (p === null ? 'none counted' : `${p.toFixed(1)}%`);

/** "1 of 2 (50.0%)", or "none in the period". */
export function share(f: Pick<Figure, 'numerator' | 'denominator' | 'percent'>): string {
  return f.denominator === 0 ? 'none in the period' : `${f.numerator} of ${f.denominator} (${percentText(f.percent)})`;
}

/** "median 1 working day early" / "median 2 working days late" / "median on the due day". */
export function medianText(m: number | null | undefined): string {
  if (m === null || m === undefined) return '';
  if (m === 0) return 'median on the due day';
  const n = Math.abs(m);
  return `median ${n} working day${n === 1 ? '' : 's'} ${m > 0 ? 'early' : 'late'}`;
}

export function groupName(f: Pick<Figure, 'groupKind' | 'group'>): string {
  if (f.group === null) return 'all';
  return f.groupKind === 'sector' ? (SECTOR_LABEL[f.group] ?? f.group) : f.group;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "February 2026" for 2026-02. */
export const monthLabel = (ym: string) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;

export const periodText = (p: Period) => `${formatLondonDate(p.from)} to ${formatLondonDate(p.to)}`;

/** What the exceptions of a figure are, in words. */
export function exceptionsLabel(f: Pick<Figure, 'measure'>): string {
  switch (f.measure) {
    case 'quorate':
    case 'proceeded_inquorate':
      return 'Held inquorate';
    case 'plans_open_12_months':
    case 'plans_open_15_months':
      return 'Plans';
    case 'replies_before_deadline':
      return 'No reply by the conference';
    case 'attendance':
      return 'Not attending';
    default:
      return 'Late or not done';
  }
}

export const nationalText = `national ${NATIONAL_ICPC.percent}% in ${NATIONAL_ICPC.year} (${NATIONAL_ICPC.source})`;
