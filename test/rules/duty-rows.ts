// The issue-17 milestones, one row per milestone × partnership, shared by the rules test and the
// planner test. Anchors sit on Thu 2 Apr 2026: after the clock change (29 Mar), before Easter (3, 6 Apr).
import type { EventKind } from '../../src/rules/index.js';

export const A = '2026-04-02T10:00:00Z';
export const ICPC = { id: 'icpc-1', type: 'initial', at: '2026-01-20T10:00:00Z', status: 'held', outcome: 'plan' };
export const heldAt = (at: string) => ({ ...ICPC, at });
export type Row = { profile: string; key: string; due: string; dueAt?: string; done: EventKind; input: Record<string, unknown> };
export const ev = (kind: EventKind, at = A) => ({ kind, at });
/** A conference booked for Tue 7 Apr 2026 10:00 BST, after Easter. */
export const BOOKED = { id: 'icpc-2', type: 'initial', at: '2026-04-07T09:00:00Z', status: 'scheduled' };

export const ROWS: Row[] = [
  { profile: 'swindon', key: 'strategy_discussion', due: '2026-04-03', dueAt: '2026-04-03T10:00:00.000Z', done: 'strategy_discussion', input: { events: [ev('concern_received')] } },
  { profile: 'swindon', key: 'strategy_discussion_urgent', due: '2026-04-02', dueAt: '2026-04-02T14:00:00.000Z', done: 'strategy_discussion', input: { events: [ev('urgent_concern_received')] } },
  { profile: 'dudley', key: 'strategy_discussion', due: '2026-04-03', dueAt: '2026-04-03T10:00:00.000Z', done: 'strategy_discussion', input: { events: [ev('strategy_decision')] } },
  { profile: 'swindon', key: 'strategy_actions', due: '2026-04-07', done: 'strategy_actions_sent', input: { events: [ev('strategy_discussion')] } },
  { profile: 'swindon', key: 'strategy_minutes', due: '2026-04-13', done: 'strategy_minutes_sent', input: { events: [ev('strategy_discussion')] } },
  { profile: 'swindon', key: 'icpc_invite_list', due: '2026-04-13', done: 'icpc_invite_list', input: { events: [ev('strategy_discussion')] } },
  { profile: 'devon', key: 'case_to_conference_service', due: '2026-04-07', done: 'case_to_conference_service', input: { events: [ev('strategy_discussion')] } },
  { profile: 'devon', key: 'chair_check', due: '2026-04-08', done: 'chair_screening', input: { events: [ev('conference_requested')] } },
  { profile: 'devon', key: 'outcome_to_child', due: '2026-04-07', done: 'outcome_told_to_child', input: { conferences: [heldAt(A)] } },
  { profile: 'devon', key: 'qa_form', due: '2026-04-13', done: 'chair_form', input: { conferences: [heldAt(A)] } },
  { profile: 'gloucestershire', key: 'chair_outcomes_form', due: '2026-04-13', done: 'chair_form', input: { conferences: [heldAt(A)] } },
  { profile: 'gloucestershire', key: 'assessment_completed', due: '2026-05-27', done: 'assessment_completed', input: { conferences: [heldAt(A)] } },
  { profile: 'swindon', key: 'minutes_corrections_answer', due: '2026-04-27', done: 'minutes_correction_answered', input: { conferences: [ICPC], events: [ev('minutes_sent'), ev('minutes_correction_requested', '2026-04-08T10:00:00Z')] } },
  { profile: 'dudley', key: 'core_group_record', due: '2026-04-13', done: 'core_group_record_sent', input: { conferences: [ICPC], events: [ev('core_group')] } },
  { profile: 'swindon', key: 'core_group_record', due: '2026-04-20', done: 'core_group_record_sent', input: { conferences: [ICPC], events: [ev('core_group')] } },
  { profile: 'devon', key: 'mid_point_review', due: '2026-07-02', done: 'mid_point_review', input: { conferences: [heldAt(A)] } },
  { profile: 'dudley', key: 'section20_plan', due: '2026-04-30', done: 'plan_ended', input: { conferences: [ICPC], events: [ev('looked_after_s20')] } },
  { profile: 'gloucestershire', key: 'professionals_meeting', due: '2027-04-02', done: 'professionals_meeting', input: { conferences: [heldAt(A)] } },
  { profile: 'gloucestershire', key: 'third_review_alert', due: '2027-07-02', done: 'service_manager_alerted', input: { conferences: [heldAt(A)] } },
  { profile: 'dudley', key: 'cin_review', due: '2026-07-02', done: 'cin_review', input: { conferences: [ICPC], events: [ev('plan_ended')] } },
  // The eight that needed a new fact: complex strategy, medical, chair reads the report, absent parents, agreed mid-point.
  { profile: 'dudley', key: 'complex_strategy', due: '2026-04-09', done: 'complex_strategy_meeting', input: { events: [ev('complex_strategy_needed')] } },
  { profile: 'dudley', key: 'medical', due: '2026-04-03', dueAt: '2026-04-03T10:00:00.000Z', done: 'medical_examination', input: { events: [ev('strategy_discussion'), ev('medical_needed')] } },
  // 24 h before Tue 7 Apr 10:00 is Easter Monday, so back to 17:00 on Thu 2 Apr.
  { profile: 'gloucestershire', key: 'chair_reads_report', due: '2026-04-02', dueAt: '2026-04-02T16:00:00.000Z', done: 'chair_read_report', input: { conferences: [BOOKED] } },
  { profile: 'swindon', key: 'absent_parents_told', due: '2026-04-03', dueAt: '2026-04-03T10:00:00.000Z', done: 'absent_parents_told', input: { conferences: [heldAt(A)], events: [ev('parents_absent')] } },
  { profile: 'swindon', key: 'mid_point_review', due: '2026-04-02', done: 'mid_point_review', input: { conferences: [ICPC], events: [ev('mid_point_review_agreed')] } },
  { profile: 'devon', key: 'monitoring_check', due: '2026-06-11', done: 'monitoring_check', input: { conferences: [ICPC], events: [ev('plan_ended')] } },
];

