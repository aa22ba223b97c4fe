// What each milestone is called. The wording of a key lives here once; a profile's rule carries a
// `label` of its own only where its partnership's standard names a different duty for that key
// (Swindon's chair's letter, Devon's single assessment), and the profile schema refuses a rule label
// that repeats what this file already says, so no wording is kept in two places. Wording that depends
// on the occasion a rule's `when` singles out (the first review, a transfer-in conference) is the
// same in every partnership, so it is kept here too rather than copied into each profile.
import type { MilestoneKey, TrackedKey } from './milestone-keys.js';

/** Read in "<label> due by …" and "<label> is overdue", so each is the name of the thing due. */
export const MILESTONE_LABEL: Readonly<Record<MilestoneKey, string>> = {
  icpc: 'Initial conference',
  s47_outcome: 'Section 47 enquiry outcome',
  invitations: 'Invitations sent',
  social_worker_report: "Social worker's report",
  reports: "Professionals' reports",
  social_worker_report_to_family: "Social worker's report shared with the family",
  reports_to_family: 'Reports shared with the family',
  reports_to_attendees: 'Reports sent to all attendees',
  decision_sent: 'Decision and outline plan sent',
  minutes: 'Minutes sent',
  dissent_window: 'Any formal dissent',
  early_review: 'Early review after an inquorate conference',
  first_core_group: 'First core group',
  core_group: 'Next core group',
  statutory_visit: 'Next statutory visit',
  review: 'Review conference',
  dissent_review: "QA manager's review of the dissent",

  strategy_discussion: 'Strategy discussion',
  strategy_discussion_urgent: 'Urgent strategy discussion',
  complex_strategy: 'Complex strategy meeting',
  strategy_actions: 'Strategy discussion actions disseminated',
  strategy_minutes: 'Strategy discussion minutes circulated',
  medical: 'Medical examination',
  case_to_conference_service: 'Case passed to the conference service (QARSS)',
  chair_check: 'Chair checks the request (QA screening tool)',
  icpc_invite_list: 'ICPC invite list completed',
  prebirth_conference: 'Pre-birth conference (after 24 weeks of pregnancy)',
  remote_attendance: 'Remote attendance requested',
  chair_reads_report: "Chair reads the social worker's report",
  arrive_before: 'Attendees arrive for the pre-meeting',
  family_meets_chair: 'Family meets the chair',
  chair_meets_parents: 'Chair meets the parents',
  longest_conference: 'Conference ends',
  absent_parents_told: 'Absent parents told the outline plan',
  outcome_to_child: 'Outcome told to the child',
  qa_form: "Chair's QA monitoring form",
  chair_outcomes_form: "Chair's outcomes form",
  minutes_corrections_request: 'Corrections to the minutes asked for',
  minutes_corrections_answer: 'Corrections to the minutes answered',
  assessment_completed: 'Assessment completed by the core group',
  core_group_record: 'Core group record circulated',
  core_group_before_review: 'Core group meets before the review',
  mid_point_review: 'Mid-point review',
  temporary_plan_review: 'Temporary plan reviewed',
  section20_plan: 'Plan kept to the first looked-after review (section 20)',
  professionals_meeting: 'Professionals meeting after 12 months on a plan',
  third_review_alert: 'Service manager alerted at the 3rd review (15 months)',
  cin_review: 'Child in need plan review',
  monitoring_check: '10-week practice monitoring check',
};

export function milestoneLabel(key: MilestoneKey): string {
  return MILESTONE_LABEL[key];
}

type When = { conference?: 'initial' | 'review'; prebirth?: boolean; transferIn?: boolean };

// Most specific first: the first whose every condition the rule's `when` also sets wins.
const OCCASION_LABEL: readonly { key: TrackedKey; when: When; label: string }[] = [
  { key: 'icpc', when: { transferIn: true }, label: 'Transfer-in conference' },
  { key: 'icpc', when: { prebirth: true }, label: 'Pre-birth conference' },
  { key: 'review', when: { conference: 'initial', prebirth: true }, label: 'Review conference after a pre-birth plan' },
  { key: 'review', when: { conference: 'initial' }, label: 'First review conference' },
];

const within = (inner: When, outer: When) => (Object.keys(inner) as (keyof When)[]).every((k) => inner[k] === outer[k]);

/** The label a rule gets without one of its own: its occasion's, else its key's. */
export function defaultRuleLabel(key: MilestoneKey, when: When): string {
  return OCCASION_LABEL.find((o) => o.key === key && within(o.when, when))?.label ?? MILESTONE_LABEL[key];
}

/** What a rule's explanation calls the thing due. */
export function ruleLabel(rule: { key: MilestoneKey; when: When; label?: string }): string {
  return rule.label ?? defaultRuleLabel(rule.key, rule.when);
}
