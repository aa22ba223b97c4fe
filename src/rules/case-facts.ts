// The case-facts format: what has happened on one case. It is what `quorum timeline` reads, what
// `quorum import` reads (with identities), and what the store hands the rules engine.
import { z } from 'zod';
import { CHANGE_REASONS } from './reasons.js';

const MAX_TEXT = 500;

export const isoInstant = z
  .string({ required_error: 'required', invalid_type_error: 'expected an ISO date-time' })
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'expected an ISO date-time',
  });

export const isoDate = z
  .string({ required_error: 'required', invalid_type_error: 'expected an ISO date (YYYY-MM-DD)' })
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), {
    message: 'expected an ISO date (YYYY-MM-DD)',
  });

export const SECTORS = [
  'childrens_social_care',
  'police',
  'health',
  'education',
  'probation',
  'housing',
  'mental_health',
  'substance_misuse',
  'domestic_abuse',
  'early_help',
  'legal',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

export const EVENT_KINDS = [
  'strategy_discussion',
  's47_outcome',
  'transfer_in_accepted',
  'birth',
  'statutory_visit',
  'core_group',
  'plan_started',
  'decision_sent',
  'minutes_sent',
  'dissent',
  'dissent_reviewed',
  'plan_ended',
  // Issue 17: the facts the partnerships' other timescales count from or are met by.
  'concern_received',
  'urgent_concern_received',
  'strategy_decision',
  'strategy_actions_sent',
  'strategy_minutes_sent',
  'case_to_conference_service',
  'conference_requested',
  'chair_screening',
  'icpc_invite_list',
  'outcome_told_to_child',
  'chair_form',
  'minutes_correction_requested',
  'minutes_correction_answered',
  'assessment_completed',
  'core_group_record_sent',
  'mid_point_review',
  'looked_after_s20',
  'care_order',
  'interim_care_order',
  'professionals_meeting',
  'service_manager_alerted',
  'cin_review',
  'monitoring_check',
  // Issue 17, the facts the last eight timescales needed (each a `record` subcommand).
  'complex_strategy_needed',
  'complex_strategy_meeting',
  'medical_needed',
  'medical_examination',
  'temporary_plan',
  'temporary_plan_review',
  'remote_attendance_requested',
  'chair_read_report',
  'parents_absent',
  'absent_parents_told',
  // Its `at` is the date agreed at the conference for the mid-point review (Swindon), not a past event.
  'mid_point_review_agreed',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const RESPONSES = ['no_reply', 'attending', 'deputy', 'report_only', 'declined'] as const;
export type Response = (typeof RESPONSES)[number];

export const CATEGORIES = ['neglect', 'physical', 'emotional', 'sexual', 'domestic_abuse'] as const;
export type Category = (typeof CATEGORIES)[number];

const text = (max = MAX_TEXT) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const childSchema = z
  .object({
    ref: text(40),
    // Initials only: Quorum never holds a child's name. One to four letters, each with its dot.
    // Absent when the source holds none (an SSD extract): the child is shown by its reference.
    initials: z.string().trim().regex(/^([A-Za-z]\.\s?){1,4}$/, 'initials only: 1 to 4 letters, each followed by a dot, e.g. "J.S."').nullish(),
    unborn: z.boolean().default(false),
    dateOfBirth: isoDate.nullish(),
    expectedDate: isoDate.nullish(),
  })
  .strict();

// A dissent is recorded one way, in `dissents[]`, which carries what its deadlines need (formal or
// not, when it was received, when reviewed). The event kinds stay in EVENT_KINDS for rows already
// stored, but a case-facts file may not use them: they would look recorded and get no review deadline.
const DISSENT_AS_EVENT: Partial<Record<EventKind, string>> = {
  dissent: 'a dissent is recorded in "dissents" (conference, by, decision, view, formal, lodgedAt), not as an event, so that it gets its review deadline',
  dissent_reviewed: 'a dissent\'s review is recorded as "reviewedAt" (and "reviewOutcome") on its entry in "dissents", not as an event',
};

export const eventSchema = z
  .object({
    kind: z.enum(EVENT_KINDS),
    at: isoInstant,
    conference: text(80).nullish(),
    note: text(1000).nullish(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const why = DISSENT_AS_EVENT[e.kind];
    if (why) ctx.addIssue({ code: 'custom', path: ['kind'], message: why });
  });

export const inviteeSchema = z
  .object({
    name: text(120),
    agency: text(120),
    sector: z.enum(SECTORS),
    role: z.enum(['social_worker', 'team_manager', 'chair', 'professional', 'family']).default('professional'),
    response: z.enum(RESPONSES).default('no_reply'),
    deputy: text(120).nullish(),
    respondedAt: isoInstant.nullish(),
    reportSubmittedAt: isoInstant.nullish(),
    reportSharedAt: isoInstant.nullish(),
    reportWithheldReason: text(1000).nullish(),
    // Which of the case's children (refs) this professional has direct contact with; absent means
    // all of them. Devon's quorum needs two agencies with direct contact with each child.
    directContact: z.array(text(40)).max(20).nullish(),
    // Identities, used by `quorum import`; the rules engine ignores them.
    email: z.string().trim().email('expected an email address').max(254).nullish(),
    slackUserId: z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'expected a Slack user id (U…)').nullish(),
    teamsUserId: z.string().regex(/^[0-9a-fA-F-]{36}$/, 'expected an Azure AD object id').nullish(),
  })
  .strict();

/**
 * An agency in the partnership's directory. Quorum matches an invitee to it by the normalised name
 * and the sector (agencyKey), so a council's education service and its children's social care stay
 * two agencies, and "Wiltshire  Police" is "Wiltshire Police".
 */
export const agencySchema = z
  .object({
    name: text(120),
    sector: z.enum(SECTORS),
    // Swindon counts only agencies with direct contact with the child or family; one whose
    // contribution is professional expertise only (the council's solicitor) does not.
    countsTowardsQuorum: z.boolean().optional(),
  })
  .strict();

export const childOutcomeSchema = z
  .object({
    child: text(40),
    plan: z.boolean(),
    category: z.enum(CATEGORIES).nullish(),
    // Dudley and Swindon: emotional abuse only when severe and persistent, confirmed by the chair.
    severeAndPersistent: z.boolean().nullish(),
  })
  .strict();

export const conferenceSchema = z
  .object({
    id: text(80),
    type: z.enum(['initial', 'review']),
    at: isoInstant,
    status: z.enum(['scheduled', 'held', 'cancelled']).default('scheduled'),
    // A coded reason everyone may see, and a free-text note only some roles see (never in a nudge).
    statusCode: z.enum(CHANGE_REASONS).nullish(),
    statusReason: text(1000).nullish(),
    outcome: z.enum(['plan', 'no_plan']).nullish(),
    outcomes: z.array(childOutcomeSchema).max(20).nullish(),
    prebirth: z.boolean().default(false),
    transferIn: z.boolean().default(false),
    quorum: z
      .object({
        decision: z.enum(['quorate', 'proceeded_inquorate']),
        reason: text(1000).nullish(),
      })
      .strict()
      .nullish(),
    firstCoreGroupDate: isoDate.nullish(),
    // Optional, for the rules engine: when the date was set, invitations went out, reports were circulated.
    bookedAt: isoInstant.nullish(),
    invitationsSentAt: isoInstant.nullish(),
    reportsCirculatedAt: isoInstant.nullish(),
    invitees: z.array(inviteeSchema).max(100).default([]),
  })
  .strict();

export const dissentSchema = z
  .object({
    conference: text(80),
    by: text(120),
    decision: z.enum(['plan', 'category', 'other']),
    view: text(3000),
    formal: z.boolean(),
    lodgedAt: isoInstant,
    reviewOutcome: text(3000).nullish(),
    reviewedAt: isoInstant.nullish(),
  })
  .strict();

export const caseFactsSchema = z
  .object({
    ref: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$/, 'expected a case reference like CP-0001'),
    profile: z.string().trim().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'expected a profile name like "swindon"'),
    status: z.enum(['open', 'closed']).default('open'),
    closedAt: isoInstant.nullish(),
    children: z.array(childSchema).min(1, 'a case needs at least one child').max(20),
    events: z.array(eventSchema).max(2000).default([]),
    conferences: z.array(conferenceSchema).max(200).default([]),
    dissents: z.array(dissentSchema).max(200).default([]),
    agencies: z.array(agencySchema).max(200).default([]),
  })
  .strict();

export type Child = z.infer<typeof childSchema>;

/** How a child is shown everywhere: initials, or the child reference when there are none. */
export function childLabel(child: { ref: string; initials?: string | null }): string {
  return child.initials || child.ref;
}
export type CaseEvent = z.infer<typeof eventSchema>;
export type Invitee = z.infer<typeof inviteeSchema>;
export type ChildOutcome = z.infer<typeof childOutcomeSchema>;
export type Conference = z.infer<typeof conferenceSchema>;
export type Dissent = z.infer<typeof dissentSchema>;
export type Agency = z.infer<typeof agencySchema>;
export type CaseFacts = z.infer<typeof caseFactsSchema>;
/** What callers may pass before defaults are applied. */
export type CaseFactsInput = z.input<typeof caseFactsSchema>;

/** One line per problem, each naming its path: `cases[2].conferences[0].at: expected an ISO date-time`. */
export function formatZodIssues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => `${formatPath(prefix, issue.path)}: ${describeIssue(issue)}`);
}

function formatPath(prefix: string, path: (string | number)[]): string {
  let out = prefix;
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(root)';
}

function describeIssue(issue: z.ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return 'required';
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_enum_value') return `expected one of ${issue.options.join(', ')}`;
  return issue.message;
}

/** Parse case facts; throws nothing, returns the problems instead. */
export function parseCaseFacts(input: unknown, prefix = ''): { ok: true; facts: CaseFacts } | { ok: false; problems: string[] } {
  const result = caseFactsSchema.safeParse(input);
  return result.success ? { ok: true, facts: result.data } : { ok: false, problems: formatZodIssues(result.error, prefix) };
}
