// Every milestone key a profile may name, in one place, so a typo in a profile is refused at load and
// a new key has to be added here (with its label) before any profile can use it.

/** Keys evaluate() computes from the case facts (milestones.ts, met.ts). */
export const TRACKED_KEYS = [
  'icpc',
  's47_outcome',
  'invitations',
  'social_worker_report',
  'reports',
  'social_worker_report_to_family',
  'reports_to_family',
  'reports_to_attendees',
  'decision_sent',
  'minutes',
  'dissent_window',
  'early_review',
  'first_core_group',
  'core_group',
  'statutory_visit',
  'review',
  'dissent_review',
  // Issue 17: each met by a case-facts event (event-duties.ts says which).
  'strategy_discussion',
  'strategy_discussion_urgent',
  'strategy_actions',
  'strategy_minutes',
  'case_to_conference_service',
  'chair_check',
  'icpc_invite_list',
  'outcome_to_child',
  'qa_form',
  'chair_outcomes_form',
  'minutes_corrections_request',
  'minutes_corrections_answer',
  'assessment_completed',
  'core_group_record',
  'core_group_before_review',
  'mid_point_review',
  'section20_plan',
  'professionals_meeting',
  'third_review_alert',
  'cin_review',
  'monitoring_check',
  // Issue 17, each needing a fact Quorum did not record before (an event kind and `record` subcommand).
  'complex_strategy',
  'medical',
  'prebirth_conference',
  'remote_attendance',
  'chair_reads_report',
  'absent_parents_told',
  'temporary_plan_review',
] as const;
export type TrackedKey = (typeof TRACKED_KEYS)[number];

/** The tracked keys counted back from the next conference; met.ts says when each was done. */
export const PRE_CONFERENCE_KEYS = [
  'invitations',
  'social_worker_report',
  'reports',
  'social_worker_report_to_family',
  'reports_to_family',
  'reports_to_attendees',
] as const satisfies readonly TrackedKey[];
export type PreConferenceKey = (typeof PRE_CONFERENCE_KEYS)[number];

/**
 * Timescales no case-facts event records: kept in the profiles with their citation (and checked by
 * the rules table test), but evaluate() never reports them, so their rules must say `informational`.
 */
export const INFORMATIONAL_KEYS = [
  // before the conference
  'arrive_before',
  'family_meets_chair',
  'chair_meets_parents',
  // at and after the conference
  'longest_conference',
] as const;
export type InformationalKey = (typeof INFORMATIONAL_KEYS)[number];

export const MILESTONE_KEYS = [...TRACKED_KEYS, ...INFORMATIONAL_KEYS] as const;
export type MilestoneKey = (typeof MILESTONE_KEYS)[number];

const tracked: ReadonlySet<string> = new Set(TRACKED_KEYS);
const all: ReadonlySet<string> = new Set(MILESTONE_KEYS);

export function isMilestoneKey(key: string): key is MilestoneKey {
  return all.has(key);
}

export function isTrackedKey(key: string): key is TrackedKey {
  return tracked.has(key);
}
