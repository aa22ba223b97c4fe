// Partnership profiles are data (src/rules/profiles/<name>.json, imported by profile-data.ts),
// validated by zod, so a new partnership is a new file and no rules code. See
// docs/adr/0002-rules-as-data.md.
import { z } from 'zod';
import { CATEGORIES, SECTORS, isoDate } from './case-facts.js';
import { DOCUMENT_KEYS } from './documents.js';
import { MILESTONE_KEYS, isTrackedKey } from './milestone-keys.js';
import { defaultRuleLabel } from './milestone-labels.js';
import { PROFILE_JSON, profileFile } from './profile-data.js';
import { describeProfileIssues } from './profile-issues.js';

export const UNITS = ['working_days', 'days', 'hours', 'weeks', 'months'] as const;
export type Unit = (typeof UNITS)[number];

// within: by anchor + N; before: by anchor - N; every: last occurrence + N; after: not before anchor + N.
export const DIRECTIONS = ['within', 'before', 'every', 'after'] as const;

/** What a rule counts from. The first group exists in case-facts data; the rest are informational. */
export const ANCHORS = [
  'strategy_discussion',
  'transfer_in_accepted',
  'conference',
  'conference_booked',
  'agreed_first_core_group',
  'last_core_group',
  'last_statutory_visit',
  'birth',
  'dissent_lodged',
  // a strategy discussion while the child is on a plan (Dudley: the review is re-convened early)
  'strategy_during_plan',
  // from the issue-17 events (event-duties.ts)
  'concern',
  'urgent_concern',
  'decision_to_hold_strategy',
  'notification_to_convene',
  'looked_after',
  'plan_ended',
  'core_group',
  'minutes_received',
  'correction_request',
  'plan_start',
  // the decision to hold a complex strategy meeting (Dudley)
  'decision_to_hold_complex_strategy',
  // the mid-point review date agreed at the conference (Swindon)
  'agreed_mid_point_review',
  // the start of the pregnancy: 40 weeks before an unborn child's expected date (Dudley)
  'pregnancy',
] as const;
export type Anchor = (typeof ANCHORS)[number];

export const OWNERS = ['chair', 'social_worker', 'conference_admin', 'invitees', 'core_group', 'qa_manager', 'team_manager'] as const;
export type Owner = (typeof OWNERS)[number];

const citationSchema = z
  .object({
    // A key of DOCUMENTS (documents.ts): users see the document's title, never this key.
    file: z.enum(DOCUMENT_KEYS),
    section: z.string().min(1),
    standard: z.string().min(1).optional(),
    // Set where a rule is applied beyond what its section says (Dudley's ICPC decision deadline used
    // for reviews), so the citation says so instead of implying the standard says it outright.
    extension: z.string().min(1).max(120).optional(),
  })
  .strict();
export type Citation = z.infer<typeof citationSchema>;

/** A partnership rule that is on or off, on only with the standard that says so. */
const citedFlagSchema = z.object({ citation: citationSchema }).strict();
export type CitedFlag = z.infer<typeof citedFlagSchema>;

const spanSchema = z
  .object({
    anchor: z.enum(ANCHORS),
    amount: z.number().nonnegative().max(1000),
    unit: z.enum(UNITS),
    direction: z.enum(DIRECTIONS),
    citation: citationSchema.optional(),
    // As a rule's quorumDefault, for one candidate of an anyOf.
    quorumDefault: z.boolean().optional(),
  })
  .strict();
export type Span = z.infer<typeof spanSchema>;

const whenSchema = z
  .object({
    conference: z.enum(['initial', 'review']).optional(),
    prebirth: z.boolean().optional(),
    transferIn: z.boolean().optional(),
  })
  .strict();
export type RuleWhen = z.infer<typeof whenSchema>;

const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_.-]{0,79}$/, 'expected a rule id like "swindon.icpc"'),
    key: z.enum(MILESTONE_KEYS),
    // Only where the partnership names a different duty: see milestone-labels.ts.
    label: z.string().min(1).max(80).optional(),
    owner: z.enum(OWNERS),
    when: whenSchema.default({}),
    anchor: z.enum(ANCHORS).optional(),
    amount: z.number().nonnegative().max(1000).optional(),
    unit: z.enum(UNITS).optional(),
    direction: z.enum(DIRECTIONS).optional(),
    // "whichever is sooner": the earliest of these candidates whose anchor exists.
    anyOf: z.array(spanSchema).min(2).max(5).optional(),
    citation: citationSchema,
    informational: z.boolean().default(false),
    // The standard requires the duty but sets no interval, so the amount is Quorum's own setting and
    // every explanation says so rather than presenting it as the partnership's rule.
    quorumDefault: z.boolean().default(false),
    note: z.string().max(500).optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const single = [rule.anchor, rule.amount, rule.unit, rule.direction];
    const hasSingle = single.every((v) => v !== undefined);
    const hasNone = single.every((v) => v === undefined);
    if (rule.anyOf && !hasNone) ctx.addIssue({ code: 'custom', path: ['anyOf'], message: 'give either anyOf or anchor/amount/unit/direction, not both' });
    if (!rule.anyOf && !hasSingle) {
      const missing = (['anchor', 'amount', 'unit', 'direction'] as const).find((k) => rule[k] === undefined)!;
      ctx.addIssue({ code: 'custom', path: [missing], message: 'required (or give anyOf)' });
    }
    if (rule.unit === 'working_days' && rule.amount !== undefined && !Number.isInteger(rule.amount)) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'working days must be a whole number' });
    }
    // A tracked rule marked informational would silently stop producing its milestone; an
    // informational key left unmarked would look tracked while evaluate() never reports it.
    if (isTrackedKey(rule.key) && rule.informational) {
      ctx.addIssue({ code: 'custom', path: ['informational'], message: `"${rule.key}" is a tracked key (evaluate() computes it from the case facts), so its rule cannot be informational: remove "informational": true` });
    }
    if (!isTrackedKey(rule.key) && !rule.informational) {
      ctx.addIssue({ code: 'custom', path: ['informational'], message: `"${rule.key}" is an informational key (no case-facts event records it), so its rule must say "informational": true` });
    }
    if (rule.label !== undefined && rule.label === defaultRuleLabel(rule.key, rule.when)) {
      ctx.addIssue({ code: 'custom', path: ['label'], message: `"${rule.label}" is already this rule's label in src/rules/milestone-labels.ts: leave it out, or give the partnership's own wording` });
    }
  });
export type Rule = z.infer<typeof ruleSchema>;

const nudgesSchema = z.record(
  z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, 'expected a camelCase nudge name'),
  z.union([z.number().nonnegative().max(1000), z.array(z.number().nonnegative().max(1000)).max(10)]),
);

export const profileSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/),
    displayName: z.string().min(1).max(80),
    fallback: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/).nullable().default('national'),
    closureDays: z.array(isoDate).max(400).default([]),
    quorum: z
      .object({
        requireReasonToProceedInquorate: z.boolean().default(false),
        earlyReviewAfterInquorate: z.boolean().default(false),
        warnConsecutiveInquorate: z.boolean().default(false),
        // Who counts: only agencies with direct contact with each child (Devon) or with the child or
        // family (Swindon); agencies the directory marks as expertise-only do not count. Null: every
        // agency present counts (Working Together sets no such test).
        directContact: z.object({ with: z.enum(['each_child', 'child_or_family']), citation: citationSchema }).strict().nullable().default(null),
        citation: citationSchema.optional(),
      })
      .strict()
      .default({}),
    familySharingExemptSectors: z.array(z.enum(SECTORS)).default([]),
    // Partnership-specific behaviours: present (with the standard that sets it) or null.
    formalDissentRoute: z.object({ to: z.literal('qa_manager'), citation: citationSchema }).strict().nullable().default(null),
    // Devon: professional dissent is recorded in the minutes; formal concerns go through the partnership's resolution policy.
    dissentInMinutes: citedFlagSchema.nullable().default(null),
    emotionalRequiresSeverePersistent: citedFlagSchema.nullable().default(null),
    categories: z.array(z.enum(CATEGORIES)).min(1).default(['neglect', 'physical', 'emotional', 'sexual']),
    retentionMonths: z.number().int().min(1).max(1200).default(12),
    rescheduleOnlyAtFamilyRequest: citedFlagSchema.nullable().default(null),
    // Events that end the plan in this partnership (Devon: a care order; Dudley: an interim care order).
    planEndingEvents: z.array(z.object({ kind: z.enum(['care_order', 'interim_care_order']), citation: citationSchema }).strict()).max(5).default([]),
    nudges: nudgesSchema.optional(),
    rules: z.array(ruleSchema).max(200),
  })
  .strict()
  .superRefine((profile, ctx) => {
    const seen = new Set<string>();
    profile.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${rule.id}"` });
      seen.add(rule.id);
    });
  });

export type ProfileData = z.infer<typeof profileSchema>;
/** A loaded profile: its own rules first, then its fallback's (national) rules tagged `fallback`. */
export type Profile = Omit<ProfileData, 'rules'> & { rules: (Rule & { fallback?: boolean })[] };

export class UnknownProfileError extends Error {
  constructor(readonly profileName: string) {
    super(`unknown profile "${profileName}" (known: ${listProfiles().join(', ')})`);
    this.name = 'UnknownProfileError';
  }
}

export class ProfileValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ProfileValidationError';
  }
}

/**
 * Validate one profile's JSON; throws naming the file and the bad field's path, e.g.
 * `src/rules/profiles/swindon.json: rules[3] (swindon.icpc).unit: …`.
 */
export function parseProfile(json: unknown, name: string, file = profileFile(name)): Profile {
  const result = profileSchema.safeParse(json);
  if (!result.success) throw new ProfileValidationError(describeProfileIssues(result.error, file, json, profileSchema));
  if (result.data.name !== name) throw new ProfileValidationError([`${file}: name: expected "${name}", got "${result.data.name}"`]);
  return result.data;
}

const own = new Map<string, Profile>();
const merged = new Map<string, Profile>();
let allValid = false;

export function listProfiles(): string[] {
  return Object.keys(PROFILE_JSON).sort();
}

function ownProfile(name: string): Profile {
  if (!Object.hasOwn(PROFILE_JSON, name)) throw new UnknownProfileError(name);
  let profile = own.get(name);
  if (!profile) {
    profile = parseProfile(PROFILE_JSON[name], name);
    own.set(name, profile);
  }
  return profile;
}

/** A profile with its fallback's rules appended (memoised: profiles are parsed once per process). */
export function loadProfile(name: string): Profile {
  const cached = merged.get(name);
  if (cached) return cached;
  const mine = ownProfile(name);
  const base = mine.fallback && mine.fallback !== name ? ownProfile(mine.fallback) : null;
  const profile: Profile = {
    ...mine,
    rules: [...mine.rules, ...(base ? base.rules.map((r) => ({ ...r, fallback: true })) : [])],
  };
  merged.set(name, profile);
  return profile;
}

/** Every problem in every shipped profile, each naming its file; empty when all are valid. */
export function findProfileProblems(): string[] {
  const problems: string[] = [];
  for (const name of listProfiles()) {
    try {
      const { fallback } = ownProfile(name);
      if (fallback && !Object.hasOwn(PROFILE_JSON, fallback)) {
        problems.push(`${profileFile(name)}: fallback: unknown profile "${fallback}" (known: ${listProfiles().join(', ')})`);
      }
    } catch (err) {
      if (!(err instanceof ProfileValidationError)) throw err;
      problems.push(...err.problems);
    }
  }
  return problems;
}

/**
 * Check every shipped profile once, at start-up, so a bad profile stops the process before it serves
 * anything rather than when a case first needs it. Throws ProfileValidationError listing every problem.
 */
export function validateAllProfiles(): void {
  if (allValid) return;
  const problems = findProfileProblems();
  if (problems.length > 0) throw new ProfileValidationError(problems);
  allValid = true;
}
