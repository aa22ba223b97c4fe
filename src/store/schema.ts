// The store's schema. No column holds a child's name: children are a case-scoped reference and
// initials. `drizzle-kit generate` turns changes here into SQL under migrations/. One file on
// purpose: it is the one declaration of every table and its constraints, which the migrations are
// generated from and the runtime role's grants (db-roles.ts) are checked against; split by feature
// it would hide the foreign keys between tables.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Role } from '../rules/roles.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();

export const partnerships = pgTable('partnerships', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  profile: text('profile').notNull(),
  createdAt: createdAt(),
});

export const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    organisation: text('organisation').notNull().default(''),
    sector: text('sector').notNull().default('other'),
    // Stored lower-cased: the same person across cases is the same email.
    email: text('email'),
    slackUserId: text('slack_user_id'),
    teamsUserId: text('teams_user_id'),
    // Bumped to revoke the person's calendar feed link (signed tokens name the version they were made for).
    calendarFeedVersion: integer('calendar_feed_version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_email_key').on(t.email),
    uniqueIndex('people_slack_user_id_key').on(t.slackUserId),
    uniqueIndex('people_teams_user_id_key').on(t.teamsUserId),
  ],
);

export const cases = pgTable(
  'cases',
  {
    id: serial('id').primaryKey(),
    ref: text('ref').notNull().unique(),
    partnershipId: integer('partnership_id').references(() => partnerships.id),
    profile: text('profile').notNull(),
    status: text('status').notNull().default('open'),
    closedAt: ts('closed_at'),
    leadSocialWorkerId: integer('lead_social_worker_id').references(() => people.id),
    // Hash of the last imported facts: re-importing the same file is a no-op, and says so.
    importHash: text('import_hash'),
    // Where a synced case comes from ('ssd') and its key there (the CMS id it was first keyed by):
    // null for cases made in Quorum or imported as case facts. Its rows carry source keys too.
    source: text('source'),
    sourceKey: text('source_key'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('cases_status_check', sql`${t.status} in ('open', 'closed')`),
    index('cases_status_idx').on(t.status),
    uniqueIndex('cases_source_key').on(t.partnershipId, t.source, t.sourceKey),
    // People type references in any case ("demo-1"): one case per reference whatever its case.
    uniqueIndex('cases_ref_folded_key').on(sql`lower(${t.ref})`),
  ],
);

export const children = pgTable(
  'children',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    ref: text('ref').notNull(),
    // Null when the source holds none (SSD): the child is then shown by its reference.
    initials: text('initials'),
    // The CMS person id, for a child synced from an extract.
    sourceKey: text('source_key'),
    unborn: boolean('unborn').notNull().default(false),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    expectedDate: date('expected_date', { mode: 'string' }),
  },
  (t) => [uniqueIndex('children_case_ref_key').on(t.caseId, t.ref)],
);

export { ROLES, type Role } from '../rules/roles.js';

export const caseMembers = pgTable(
  'case_members',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role').$type<Role>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.personId, t.role] }), index('case_members_person_idx').on(t.personId)],
);

export const conferences = pgTable(
  'conferences',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    // The case-scoped id from case facts ("icpc-1"), stable across imports.
    key: text('key').notNull(),
    type: text('type').$type<'initial' | 'review'>().notNull(),
    prebirth: boolean('prebirth').notNull().default(false),
    transferIn: boolean('transfer_in').notNull().default(false),
    scheduledAt: ts('scheduled_at').notNull(),
    status: text('status').$type<'scheduled' | 'held' | 'cancelled'>().notNull().default('scheduled'),
    // Why it was moved or cancelled, as a code everyone invited may see (src/rules/reasons.ts)...
    statusCode: text('status_code'),
    // ...and the free-text note beside it, for the chair, children's social care and QA only.
    statusReason: text('status_reason'),
    outcome: text('outcome').$type<'plan' | 'no_plan'>(),
    outcomes: jsonb('outcomes').$type<unknown[]>(),
    quorumDecision: text('quorum_decision').$type<'quorate' | 'proceeded_inquorate'>(),
    inquorateReason: text('inquorate_reason'),
    firstCoreGroupDate: date('first_core_group_date', { mode: 'string' }),
    bookedAt: ts('booked_at'),
    invitationsSentAt: ts('invitations_sent_at'),
    reportsCirculatedAt: ts('reports_circulated_at'),
    // iCalendar SEQUENCE: one higher on every move and on the cancel, so calendars take the change.
    calendarSequence: integer('calendar_sequence').notNull().default(0),
    // The extract's meeting id for a synced conference; null for one booked in Quorum.
    sourceKey: text('source_key'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('conferences_case_key_key').on(t.caseId, t.key), index('conferences_scheduled_idx').on(t.status, t.scheduledAt)],
);

// The agency directory: one row per agency of a partnership, matched by a normalised key within its
// sector (src/rules/agencies.ts), so a council's education service and its children's social care are
// two agencies, and whether an agency counts towards quorum is recorded once, not guessed from text.
export const agencies = pgTable(
  'agencies',
  {
    id: serial('id').primaryKey(),
    partnershipId: integer('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    sector: text('sector').notNull(),
    countsTowardsQuorum: boolean('counts_towards_quorum').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('agencies_partnership_key_key').on(t.partnershipId, t.key)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: serial('id').primaryKey(),
    conferenceId: integer('conference_id')
      .notNull()
      .references(() => conferences.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    agency: text('agency').notNull(),
    sector: text('sector').notNull(),
    // The directory entry (null for rows written before the directory existed).
    agencyId: integer('agency_id').references(() => agencies.id),
    // The case's child refs this professional has direct contact with; null means all of them.
    directContact: jsonb('direct_contact').$type<string[]>(),
    role: text('role').notNull().default('professional'),
    response: text('response').notNull().default('no_reply'),
    deputy: text('deputy'),
    respondedAt: ts('responded_at'),
    reportSubmittedAt: ts('report_submitted_at'),
    reportSharedAt: ts('report_shared_at'),
    reportWithheldReason: text('report_withheld_reason'),
    removedAt: ts('removed_at'),
    removedReason: text('removed_reason'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('invitations_conference_person_key').on(t.conferenceId, t.personId), index('invitations_person_idx').on(t.personId)],
);

export const events = pgTable(
  'events',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    at: ts('at').notNull(),
    conferenceKey: text('conference_key'),
    note: text('note'),
    authorPersonId: integer('author_person_id').references(() => people.id),
    source: text('source').notNull().default('import'),
    // The extract's row id for a synced event (source 'ssd'); the extract never touches other events.
    sourceKey: text('source_key'),
    // A correction is a new event; the one it replaces points at it.
    supersededBy: integer('superseded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('events_case_idx').on(t.caseId)],
);

export const dissents = pgTable(
  'dissents',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    conferenceId: integer('conference_id')
      .notNull()
      .references(() => conferences.id, { onDelete: 'cascade' }),
    personId: integer('person_id').references(() => people.id),
    byName: text('by_name').notNull(),
    decision: text('decision').$type<'plan' | 'category' | 'other'>().notNull(),
    view: text('view').notNull(),
    formal: boolean('formal').notNull(),
    lodgedAt: ts('lodged_at').notNull(),
    supersedes: integer('supersedes'),
    reviewOutcome: text('review_outcome'),
    reviewedAt: ts('reviewed_at'),
    createdAt: createdAt(),
  },
  (t) => [index('dissents_case_idx').on(t.caseId)],
);

/** Append-only: a trigger in the migrations refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    caseRef: text('case_ref'),
    correlationId: text('correlation_id').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_case_ref_idx').on(t.caseRef, t.id)],
);

/** The nudge outbox: one row per nudge, its key making it unique across sweeps and replicas. */
export const nudges = pgTable(
  'nudges',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull().unique(),
    kind: text('kind').notNull(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    conferenceId: integer('conference_id'),
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => people.id),
    channel: text('channel').notNull(),
    step: text('step').notNull(),
    deadline: text('deadline'),
    dueAt: ts('due_at').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: ts('lease_until'),
    /** Set just before the platform call: a row found `sending` with it set may have reached the person. */
    sendStartedAt: ts('send_started_at'),
    nextAttemptAt: ts('next_attempt_at'),
    possiblySent: boolean('possibly_sent').notNull().default(false),
    platformMessageId: text('platform_message_id'),
    platformChannelId: text('platform_channel_id'),
    sentAt: ts('sent_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('nudges_status_due_idx').on(t.status, t.dueAt), index('nudges_case_idx').on(t.caseId)],
);

/** Chat platform links and where to reach each person proactively. */
export const chatIdentities = pgTable(
  'chat_identities',
  {
    platform: text('platform').$type<'slack' | 'teams'>().notNull(),
    // A user id is one workspace's (Slack team, Teams tenant): the same id elsewhere is someone else.
    // '' marks a link made before workspaces were recorded: no request ever matches it.
    workspaceId: text('workspace_id').notNull().default(''),
    platformUserId: text('platform_user_id').notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    conversationRef: jsonb('conversation_ref').$type<Record<string, unknown>>(),
    linkedAt: ts('linked_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.workspaceId, t.platformUserId] }), index('chat_identities_person_idx').on(t.personId)],
);

/** Keys of chat requests already handled, so a platform retry records nothing twice. */
export const processedRequests = pgTable('processed_requests', {
  key: text('key').primaryKey(),
  result: jsonb('result').$type<unknown>(),
  createdAt: createdAt(),
});

/** A minimal trace of a purged case: what retention leaves behind. */
export const purgedCases = pgTable('purged_cases', {
  ref: text('ref').primaryKey(),
  closedAt: ts('closed_at'),
  purgedAt: ts('purged_at').notNull().defaultNow(),
});
