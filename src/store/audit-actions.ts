// Every action the audit trail records: one closed list, so a typo is a compile error and a reader
// of the trail knows every code it can meet.
export const AUDIT_ACTIONS = [
  // reads
  'CASE_VIEWED',
  'CASE_DEADLINES_VIEWED',
  'INVITATION_VIEWED',
  // one per timeliness report run: the partnership, the period and how many cases were read
  'TIMELINESS_REPORT_VIEWED',
  // identity
  'CHAT_USER_LINKED',
  'CALENDAR_FEED_REVOKED',
  'PERSON_CREATED',
  // conferences
  'CONFERENCE_SCHEDULED',
  'CONFERENCE_MOVED',
  'CONFERENCE_CANCELLED',
  'OUTCOME_RECORDED',
  // invitations and reports
  'INVITATION_CREATED',
  'AGENCY_REGISTERED',
  'INVITATION_WITHDRAWN',
  'INVITATION_RESPONDED',
  'REPORT_SUBMITTED',
  'REPORT_SHARED',
  'REPORT_WITHHELD',
  // events and dissent
  'EVENT_RECORDED',
  'EVENT_CORRECTED',
  'DISSENT_RECORDED',
  'DISSENT_SUPERSEDED',
  // nudges
  'NUDGE_SNOOZED',
  // import and retention
  'CASE_IMPORTED',
  'CASE_IMPORT_UPDATED',
  // the SSD sync (quorum import --format ssd): a case made, changed, or closed as gone from the extract
  'SSD_CASE_IMPORTED',
  'SSD_CASE_UPDATED',
  'SSD_CASE_CLOSED_MISSING',
  'CASE_PURGED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
