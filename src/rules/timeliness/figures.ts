// The shape of a timeliness figure, and the arithmetic every figure shares (percent, median), so the
// text, CSV, HTML and chat renderers print one set of numbers.
import type { Period } from './period.js';

export const MEASURES = [
  'icpc_within_15_working_days',
  'first_review_on_time',
  'later_review_on_time',
  'quorate',
  'proceeded_inquorate',
  'reports_on_time',
  'replies_before_deadline',
  'attendance',
  'minutes_on_time',
  'decision_on_time',
  'visits_on_time',
  'plans_open_12_months',
  'plans_open_15_months',
  'professionals_meeting_on_time',
  'service_manager_alert_on_time',
] as const;
export type Measure = (typeof MEASURES)[number];

export type GroupKind = 'all' | 'agency' | 'sector';

export type Figure = {
  measure: Measure;
  /** What the figure counts, as a QA manager reads it. */
  title: string;
  groupKind: GroupKind;
  /** The agency or sector for a grouped figure; null for the partnership as a whole. */
  group: string | null;
  numerator: number;
  denominator: number;
  /** One decimal place; null when nothing was counted. */
  percent: number | null;
  /** Reports only: median working days early (positive) or late (negative), of those received. */
  median?: number | null;
  /** The cases behind the figure's exceptions (the late ones, the inquorate ones), as "REF (conference)". */
  exceptions: string[];
  /** How it is computed, in one sentence. */
  how: string;
  /** The standard(s) that set the timescale, by document title and section. */
  standard: string;
};

export type MonthCount = { month: string; onTime: number; late: number };

export type PartnershipTimeliness = {
  partnership: string;
  profile: string;
  displayName: string;
  period: Period;
  /** Every case of the partnership read for the report. */
  caseCount: number;
  figures: Figure[];
  /** ICPCs held per month of the period, on time and late (the chart). */
  icpcByMonth: MonthCount[];
  /** What was left out and why (no deadline could be computed, no timescale in the standards). */
  notes: string[];
};

/** The DfE's published figure, printed beside the partnership's as context. */
export const NATIONAL_ICPC = {
  percent: 81.4,
  year: '2024-25',
  source: 'Department for Education, Characteristics of children in need 2024-25',
} as const;

export function percentOf(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10;
}

export function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Distinct standards in first-seen order, joined for one figure. */
export function joinStandards(list: Iterable<string>): string {
  return [...new Set(list)].join('; ');
}

/** Standards in a Set: a figure over 50,000 cases cites a handful of rules, not one per case. */
export type Tally = { numerator: number; denominator: number; exceptions: string[]; standards: Set<string>; days: number[] };

export const emptyTally = (): Tally => ({ numerator: 0, denominator: 0, exceptions: [], standards: new Set(), days: [] });

export function figureOf(measure: Measure, title: string, t: Tally, how: string, group: { kind: GroupKind; name: string | null } = { kind: 'all', name: null }, fallbackStandard = ''): Figure {
  const f: Figure = {
    measure,
    title,
    groupKind: group.kind,
    group: group.name,
    numerator: t.numerator,
    denominator: t.denominator,
    percent: percentOf(t.numerator, t.denominator),
    exceptions: [...t.exceptions].sort(),
    how,
    standard: joinStandards(t.standards) || fallbackStandard,
  };
  if (measure === 'reports_on_time') f.median = medianOf(t.days);
  return f;
}
