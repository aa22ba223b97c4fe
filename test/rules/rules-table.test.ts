// Every rule of every profile, computed from a fixed anchor and checked against a hand count.
// "within/every/after" rules count from Fri 19 Dec 2025 10:00 (across Christmas); "before" rules
// count back from a conference on Wed 14 Jan 2026 at 10:00 (across New Year).
import { describe, expect, it } from 'vitest';
import { computeRule, spansOf } from '../../src/rules/deadline.js';
import { ANCHORS, listProfiles, loadProfile, londonDateTime, type AnchorValue } from '../../src/rules/index.js';

const FROM = new Date('2025-12-19T10:00:00Z');
const MEETING = new Date('2026-01-14T10:00:00Z');
const SEEDS = ['000_d0e3d80fcd2742d0.txt', '001_eaf48ac750cd7e5d.txt', '002_59e4df75f22f4168.txt', '003_d3caa62d61074594.txt', '004_e5b64df1e4511e66.txt'];

// [rule id, due date, exact instant for rules in hours]
const TABLE: [string, string, string?][] = [
  ['national.icpc', '2026-01-14'],
  ['national.icpc_transfer_in', '2026-01-14'],
  ['national.first_core_group', '2026-01-07'],
  ['national.first_review', '2026-03-19'],
  ['national.later_review', '2026-06-19'],

  ['devon.single_assessment', '2025-12-29'],
  ['devon.case_to_conference_service', '2025-12-24'],
  ['devon.icpc', '2026-01-14'],
  ['devon.icpc_transfer_in', '2026-01-14'],
  ['devon.chair_check', '2025-12-23'],
  ['devon.social_worker_report_icpc', '2026-01-12'],
  ['devon.social_worker_report_review', '2026-01-07'],
  ['devon.reports_icpc', '2026-01-12', '2026-01-12T10:00:00.000Z'],
  ['devon.reports_review', '2026-01-07'],
  ['devon.reports_to_family', '2026-01-09'],
  ['devon.arrive_before', '2026-01-14', '2026-01-14T09:30:00.000Z'],
  ['devon.longest_conference', '2025-12-19', '2025-12-19T12:00:00.000Z'],
  ['devon.decision_sent', '2025-12-22'],
  ['devon.outcome_to_child', '2025-12-22'],
  ['devon.minutes', '2026-01-21'],
  ['devon.qa_form', '2025-12-30'],
  ['devon.first_core_group', '2025-12-19'],
  ['devon.first_review', '2026-03-19'],
  ['devon.later_review', '2026-06-19'],
  ['devon.early_review', '2026-01-19'],
  ['devon.mid_point_review', '2026-03-19'],
  ['devon.cin_review', '2026-03-13'],
  ['devon.monitoring_check', '2026-02-27'],

  ['gloucestershire.icpc', '2026-01-14'],
  ['gloucestershire.invitations', '2025-12-22'],
  ['gloucestershire.social_worker_report', '2026-01-12'],
  ['gloucestershire.chair_reads_report', '2026-01-13', '2026-01-13T10:00:00.000Z'],
  ['gloucestershire.reports_icpc', '2026-01-12'],
  ['gloucestershire.reports_review', '2026-01-12'],
  ['gloucestershire.sw_report_to_family_icpc', '2026-01-12', '2026-01-12T10:00:00.000Z'],
  ['gloucestershire.sw_report_to_family_review', '2026-01-09'],
  ['gloucestershire.reports_to_family', '2026-01-12'],
  ['gloucestershire.family_meets_chair_icpc', '2026-01-14', '2026-01-14T09:30:00.000Z'],
  ['gloucestershire.family_meets_chair_review', '2026-01-14', '2026-01-14T09:45:00.000Z'],
  ['gloucestershire.decision_sent', '2025-12-20', '2025-12-20T10:00:00.000Z'],
  ['gloucestershire.chair_outcomes_form', '2025-12-30'],
  ['gloucestershire.minutes', '2026-01-21'],
  ['gloucestershire.assessment_completed', '2026-02-11'],
  ['gloucestershire.first_review', '2026-03-19'],
  ['gloucestershire.later_review', '2026-06-19'],
  ['gloucestershire.professionals_meeting', '2026-12-19'],
  ['gloucestershire.third_review_alert', '2027-03-19'],

  ['dudley.strategy_discussion', '2025-12-20', '2025-12-20T10:00:00.000Z'],
  ['dudley.complex_strategy', '2025-12-24'],
  ['dudley.medical', '2025-12-20', '2025-12-20T10:00:00.000Z'],
  ['dudley.icpc', '2026-01-14'],
  ['dudley.social_worker_report_icpc', '2026-01-13', '2026-01-13T10:00:00.000Z'],
  ['dudley.social_worker_report_review', '2026-01-09'],
  ['dudley.receiving_in_reports', '2026-01-07'],
  ['dudley.reports_icpc', '2026-01-13', '2026-01-13T10:00:00.000Z'],
  ['dudley.reports_review', '2026-01-09'],
  ['dudley.sw_report_to_family', '2026-01-13', '2026-01-13T10:00:00.000Z'],
  ['dudley.sw_report_to_family_review', '2026-01-09'],
  ['dudley.reports_to_family', '2026-01-13', '2026-01-13T10:00:00.000Z'],
  ['dudley.decision_sent', '2025-12-22'],
  ['dudley.decision_sent_review', '2025-12-22'],
  ['dudley.minutes', '2026-01-14'],
  ['dudley.minutes_review', '2026-01-14'],
  ['dudley.first_core_group', '2026-01-07'],
  ['dudley.core_group', '2026-01-30'],
  ['dudley.core_group_record', '2025-12-30'],
  ['dudley.core_group_before_review', '2025-12-30'],
  ['dudley.statutory_visit', '2026-01-16'],
  ['dudley.first_review', '2026-01-14'],
  ['dudley.later_review', '2026-01-14'],
  ['dudley.prebirth_conference', '2026-06-05'],
  ['dudley.section20_plan', '2026-01-16'],
  ['dudley.temporary_plan_review', '2026-01-19'],
  ['dudley.cin_review', '2026-03-19'],

  ['swindon.strategy_discussion', '2025-12-20', '2025-12-20T10:00:00.000Z'],
  ['swindon.strategy_discussion_urgent', '2025-12-19', '2025-12-19T14:00:00.000Z'],
  ['swindon.strategy_actions', '2025-12-22'],
  ['swindon.strategy_minutes', '2025-12-30'],
  ['swindon.s47_outcome', '2025-12-30'],
  ['swindon.icpc_invite_list', '2025-12-30'],
  ['swindon.icpc', '2026-01-14'],
  ['swindon.icpc_transfer_in', '2026-01-14'],
  ['swindon.icpc_prebirth', '2026-01-03'],
  ['swindon.invitations', '2026-01-02'],
  ['swindon.remote_attendance', '2026-01-09'],
  ['swindon.social_worker_report_icpc', '2026-01-09'],
  ['swindon.social_worker_report_review', '2026-01-07'],
  ['swindon.reports_icpc', '2026-01-09'],
  ['swindon.reports_review', '2026-01-07'],
  ['swindon.reports_to_family_icpc', '2026-01-12'],
  ['swindon.reports_to_family_review', '2026-01-07'],
  ['swindon.reports_to_attendees_icpc', '2026-01-13'],
  ['swindon.reports_to_attendees_review', '2026-01-07'],
  ['swindon.chair_meets_parents', '2026-01-14', '2026-01-14T09:30:00.000Z'],
  ['swindon.decision_sent', '2025-12-22'],
  ['swindon.absent_parents_told', '2025-12-20', '2025-12-20T10:00:00.000Z'],
  ['swindon.minutes', '2026-01-21'],
  ['swindon.minutes_corrections_request', '2026-01-07'],
  ['swindon.minutes_corrections_answer', '2026-01-14'],
  ['swindon.mid_point_review', '2025-12-19'],
  ['swindon.first_core_group', '2026-01-07'],
  ['swindon.core_group', '2026-01-16'],
  ['swindon.core_group_record', '2026-01-07'],
  ['swindon.core_group_before_review', '2025-12-31'],
  ['swindon.statutory_visit', '2026-01-07'],
  ['swindon.statutory_visit_unborn', '2026-01-07'],
  ['swindon.first_review', '2026-03-19'],
  ['swindon.later_review', '2026-06-19'],
  ['swindon.prebirth_review', '2026-01-16'],
  ['swindon.dissent_window', '2026-01-07'],
  ['swindon.dissent_review', '2026-01-07'],
];

const allRules = listProfiles().flatMap((name) => loadProfile(name).rules.filter((r) => !r.fallback).map((rule) => ({ name, rule })));

function anchorsAt(at: Date): Record<string, AnchorValue> {
  return Object.fromEntries(ANCHORS.map((a) => [a, { at, label: a }]));
}

describe('profile rules', () => {
  it.each(TABLE)('computes %s as due %s', (id, due, dueAt) => {
    const found = allRules.find((r) => r.rule.id === id);
    expect(found, `no rule ${id}`).toBeDefined();
    const { name, rule } = found!;
    const before = spansOf(rule).every((s) => s.direction === 'before');
    const deadline = computeRule(rule, anchorsAt(before ? MEETING : FROM), loadProfile(name).closureDays)!;
    expect(deadline.due).toBe(due);
    // Day-based rules fall due at 17:00 London: 17:00Z in winter, 16:00Z in summer.
    expect(deadline.dueAt.toISOString()).toBe(dueAt ?? londonDateTime(due, '17:00').toISOString());
  });

  it('has a row in this table for every rule of every profile', () => {
    expect(allRules.map((r) => r.rule.id).sort()).toEqual(TABLE.map(([id]) => id).sort());
  });

  it.each(allRules.map((r) => [r.rule.id, r.rule] as const))('cites a seed file and section for %s', (_id, rule) => {
    const citations = [rule.citation, ...(rule.anyOf ?? []).map((s) => s.citation).filter((c) => c !== undefined)];
    for (const c of citations) {
      if (rule.id.startsWith('national.')) expect(c.file).toBe('working_together_2023');
      else expect(SEEDS).toContain(c.file);
      expect(c.section.length).toBeGreaterThan(3);
    }
  });

  it('cites the Swindon ICPC rule exactly', () => {
    const rule = loadProfile('swindon').rules.find((r) => r.id === 'swindon.icpc')!;
    expect(rule.citation).toEqual({ file: '004_e5b64df1e4511e66.txt', section: 'Child Protection Conferences', standard: '2' });
  });
});
