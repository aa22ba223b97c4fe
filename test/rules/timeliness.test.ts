// Every figure and every listed case of the hand-computed fixture (test/fixtures/timeliness/README.md
// shows the working): the expected values below are copied from that working, not from the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isWorkingDay, loadProfile } from '../../src/rules/index.js';
import { computeTimeliness, defaultPeriod, resolvePeriod, type PartnershipTimeliness } from '../../src/rules/timeliness/index.js';
import { FIXTURE_NOW, FIXTURE_PERIOD, fixtureByPartnership } from '../fixtures/timeliness/load.js';

type Row = [measure: string, group: string, numerator: number, denominator: number, percent: number | null, exceptions: string[], median?: number | null];

const GWH = 'Great Western Hospitals NHS FT';
const SWINDON: Row[] = [
  ['icpc_within_15_working_days', '', 1, 2, 50, ['SW-002 (icpc-1)']],
  ['first_review_on_time', '', 1, 1, 100, []],
  ['later_review_on_time', '', 0, 1, 0, ['SW-004 (rcpc-3)']],
  ['quorate', '', 3, 4, 75, ['SW-001 (rcpc-1)']],
  ['proceeded_inquorate', '', 1, 4, 25, ['SW-001 (rcpc-1)']],
  ['reports_on_time', '', 5, 9, 55.6, [`SW-001 (icpc-1, ${GWH})`, `SW-001 (rcpc-1, ${GWH})`, 'SW-002 (icpc-1, Wiltshire Police)', 'SW-004 (rcpc-3, Park School)'], 0],
  ['reports_on_time', `agency:${GWH}`, 1, 3, 33.3, [`SW-001 (icpc-1, ${GWH})`, `SW-001 (rcpc-1, ${GWH})`], 1],
  ['reports_on_time', 'agency:Park School', 1, 2, 50, ['SW-004 (rcpc-3, Park School)'], -1],
  ['reports_on_time', 'agency:Wiltshire Police', 3, 4, 75, ['SW-002 (icpc-1, Wiltshire Police)'], 0.5],
  ['reports_on_time', 'sector:education', 1, 2, 50, ['SW-004 (rcpc-3, Park School)'], -1],
  ['reports_on_time', 'sector:health', 1, 3, 33.3, [`SW-001 (icpc-1, ${GWH})`, `SW-001 (rcpc-1, ${GWH})`], 1],
  ['reports_on_time', 'sector:police', 3, 4, 75, ['SW-002 (icpc-1, Wiltshire Police)'], 0.5],
  ['replies_before_deadline', '', 11, 13, 84.6, [`SW-001 (rcpc-1, ${GWH})`, `SW-002 (icpc-1, ${GWH})`]],
  ['replies_before_deadline', `agency:${GWH}`, 1, 3, 33.3, [`SW-001 (rcpc-1, ${GWH})`, `SW-002 (icpc-1, ${GWH})`]],
  ['replies_before_deadline', 'agency:Park School', 2, 2, 100, []],
  ['replies_before_deadline', "agency:Swindon Children's Social Care", 4, 4, 100, []],
  ['replies_before_deadline', 'agency:Wiltshire Police', 4, 4, 100, []],
  ['replies_before_deadline', 'sector:childrens_social_care', 4, 4, 100, []],
  ['replies_before_deadline', 'sector:education', 2, 2, 100, []],
  ['replies_before_deadline', 'sector:health', 1, 3, 33.3, [`SW-001 (rcpc-1, ${GWH})`, `SW-002 (icpc-1, ${GWH})`]],
  ['replies_before_deadline', 'sector:police', 4, 4, 100, []],
  ['attendance', '', 11, 13, 84.6, ['SW-001 (icpc-1, Park School)', `SW-001 (rcpc-1, ${GWH})`]],
  ['attendance', `agency:${GWH}`, 2, 3, 66.7, [`SW-001 (rcpc-1, ${GWH})`]],
  ['attendance', 'agency:Park School', 1, 2, 50, ['SW-001 (icpc-1, Park School)']],
  ['attendance', "agency:Swindon Children's Social Care", 4, 4, 100, []],
  ['attendance', 'agency:Wiltshire Police', 4, 4, 100, []],
  ['attendance', 'sector:childrens_social_care', 4, 4, 100, []],
  ['attendance', 'sector:education', 1, 2, 50, ['SW-001 (icpc-1, Park School)']],
  ['attendance', 'sector:health', 2, 3, 66.7, [`SW-001 (rcpc-1, ${GWH})`]],
  ['attendance', 'sector:police', 4, 4, 100, []],
  ['minutes_on_time', '', 3, 5, 60, ['SW-001 (icpc-1)', 'SW-001 (rcpc-1)']],
  ['decision_on_time', '', 4, 5, 80, ['SW-002 (icpc-1)']],
  ['visits_on_time', '', 2, 3, 66.7, ['SW-001 (visit 2026-02-10)']],
  ['plans_open_12_months', '', 1, 2, 50, ['SW-004 (plan since 2024-12-10)']],
  ['plans_open_15_months', '', 1, 2, 50, ['SW-004 (plan since 2024-12-10)']],
];

const GC = 'Gloucestershire Constabulary';
const GH = 'Gloucestershire Hospitals NHS FT';
const GP = 'GP Surgery (Cheltenham)';
const GLOUCESTERSHIRE: Row[] = [
  ['icpc_within_15_working_days', '', 1, 2, 50, ['GL-003 (icpc-1)']],
  ['first_review_on_time', '', 0, 0, null, []],
  ['later_review_on_time', '', 1, 1, 100, []],
  ['quorate', '', 2, 3, 66.7, ['GL-003 (icpc-1)']],
  ['proceeded_inquorate', '', 1, 3, 33.3, ['GL-003 (icpc-1)']],
  ['reports_on_time', '', 3, 5, 60, [`GL-001 (icpc-1, ${GC})`, `GL-002 (rcpc-3, ${GH})`], 0.5],
  ['reports_on_time', `agency:${GC}`, 2, 3, 66.7, [`GL-001 (icpc-1, ${GC})`], 0],
  ['reports_on_time', `agency:${GH}`, 1, 2, 50, [`GL-002 (rcpc-3, ${GH})`], 1],
  ['reports_on_time', 'sector:health', 1, 2, 50, [`GL-002 (rcpc-3, ${GH})`], 1],
  ['reports_on_time', 'sector:police', 2, 3, 66.7, [`GL-001 (icpc-1, ${GC})`], 0],
  ['replies_before_deadline', '', 9, 9, 100, []],
  ['replies_before_deadline', "agency:Gloucestershire Children's Social Care", 3, 3, 100, []],
  ['replies_before_deadline', `agency:${GC}`, 3, 3, 100, []],
  ['replies_before_deadline', `agency:${GH}`, 2, 2, 100, []],
  ['replies_before_deadline', `agency:${GP}`, 1, 1, 100, []],
  ['replies_before_deadline', 'sector:childrens_social_care', 3, 3, 100, []],
  ['replies_before_deadline', 'sector:health', 3, 3, 100, []],
  ['replies_before_deadline', 'sector:police', 3, 3, 100, []],
  ['attendance', '', 8, 9, 88.9, [`GL-001 (icpc-1, ${GP})`]],
  ['attendance', "agency:Gloucestershire Children's Social Care", 3, 3, 100, []],
  ['attendance', `agency:${GC}`, 3, 3, 100, []],
  ['attendance', `agency:${GH}`, 2, 2, 100, []],
  ['attendance', `agency:${GP}`, 0, 1, 0, [`GL-001 (icpc-1, ${GP})`]],
  ['attendance', 'sector:childrens_social_care', 3, 3, 100, []],
  ['attendance', 'sector:health', 2, 3, 66.7, [`GL-001 (icpc-1, ${GP})`]],
  ['attendance', 'sector:police', 3, 3, 100, []],
  ['minutes_on_time', '', 2, 3, 66.7, ['GL-001 (icpc-1)']],
  ['decision_on_time', '', 2, 3, 66.7, ['GL-002 (rcpc-3)']],
  ['visits_on_time', '', 0, 0, null, []],
  ['plans_open_12_months', '', 1, 2, 50, ['GL-002 (plan since 2025-01-20)']],
  ['plans_open_15_months', '', 1, 2, 50, ['GL-002 (plan since 2025-01-20)']],
  ['professionals_meeting_on_time', '', 1, 1, 100, []],
  ['service_manager_alert_on_time', '', 0, 1, 0, ['GL-002']],
];

function rowsOf(r: PartnershipTimeliness): Row[] {
  return r.figures.map((f) => {
    const row: Row = [f.measure, f.group === null ? '' : `${f.groupKind}:${f.group}`, f.numerator, f.denominator, f.percent, f.exceptions];
    if (f.measure === 'reports_on_time') row.push(f.median);
    return row;
  });
}

const byPartnership = fixtureByPartnership();
function run(name: string): PartnershipTimeliness {
  const cases = byPartnership.get(name)!;
  return computeTimeliness(cases, { partnership: name, profile: loadProfile(cases[0]!.profile), period: FIXTURE_PERIOD, now: FIXTURE_NOW, profileOf: loadProfile });
}

describe('computeTimeliness', () => {
  it('matches every hand-computed Swindon figure and listed case', () => {
    const r = run('Swindon Test Partnership');
    expect(r.caseCount).toBe(4);
    expect(rowsOf(r)).toEqual(SWINDON);
    expect(r.icpcByMonth).toEqual([
      { month: '2026-01', onTime: 1, late: 0 },
      { month: '2026-02', onTime: 0, late: 1 },
      { month: '2026-03', onTime: 0, late: 0 },
      { month: '2026-04', onTime: 0, late: 0 },
    ]);
    expect(r.notes).toEqual([
      'Initial conferences not counted (no strategy discussion or transfer-in recorded): SW-003 (icpc-1).',
      'Conferences left out of the quorum figures (no attendance recorded): SW-003 (icpc-1).',
    ]);
  });

  it('matches every hand-computed Gloucestershire figure and listed case', () => {
    const r = run('Gloucestershire Test Partnership');
    expect(r.caseCount).toBe(3);
    expect(rowsOf(r)).toEqual(GLOUCESTERSHIRE);
    expect(r.icpcByMonth.map((m) => [m.month, m.onTime, m.late])).toEqual([['2026-01', 0, 1], ['2026-02', 0, 0], ['2026-03', 0, 0], ['2026-04', 1, 0]]);
    expect(r.notes).toEqual([]);
  });

  it('names the standard of every figure by document title and section, never a seed file', () => {
    const swindon = run('Swindon Test Partnership').figures;
    const std = (m: string) => swindon.find((f) => f.measure === m && f.group === null)!.standard;
    expect(std('icpc_within_15_working_days')).toBe('Swindon Multi-Agency Standards for Safeguarding Children, Child Protection Conferences standard 2');
    expect(std('reports_on_time')).toBe('Swindon Multi-Agency Standards for Safeguarding Children, Reports to Child Protection Conferences standard 1');
    expect(std('visits_on_time')).toBe('Swindon Multi-Agency Standards for Safeguarding Children, Child Protection Plan standard 3');
    expect(std('plans_open_12_months')).toMatch(/^Gloucestershire Core Standards for Child Protection Conferences, Standard 3.*shown for comparison/);
    for (const r of [swindon, run('Gloucestershire Test Partnership').figures]) {
      for (const f of r) {
        expect(f.standard, f.measure).toMatch(/Standards|Working Together|none:/);
        expect(f.standard).not.toMatch(/\.txt|_/);
        expect(f.how.length).toBeGreaterThan(20);
      }
    }
  });

  it('uses the bank holidays of the fixture the hand computation relies on', () => {
    const holidays = (JSON.parse(readFileSync(new URL('../fixtures/bank-holidays-england-and-wales.json', import.meta.url), 'utf8')) as { events: { date: string }[] }).events.map((e) => e.date);
    for (const d of ['2025-12-25', '2025-12-26', '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04']) {
      expect(holidays).toContain(d);
      expect(isWorkingDay(d)).toBe(false);
    }
  });
});

describe('defaultPeriod', () => {
  it('is the three complete months before the current one', () => {
    expect(defaultPeriod('2026-05-20')).toEqual({ from: '2026-02-01', to: '2026-04-30' });
    expect(defaultPeriod('2026-01-01')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
  });

  it('refuses a bad or reversed date, naming the option', () => {
    expect(() => resolvePeriod({ from: '2026-13-01' }, '2026-05-20')).toThrow(/--from/);
    expect(() => resolvePeriod({ from: '2026-04-01', to: '2026-03-01' }, '2026-05-20')).toThrow(/after --to/);
    expect(resolvePeriod({ from: '2026-04-01' }, '2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-05-20' });
  });
});
