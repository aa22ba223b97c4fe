// Who may do what on a case: one table, checked by every core command and action.
import type { Role } from '../../rules/roles.js';

export const CAPABILITIES = [
  'view_deadlines', // next CASE, deadlines in mine / home
  'view_case_summary', // case CASE: conferences, quorum summary, my invitation and report
  'view_case_full', // case CASE: every invitation, reports by agency, who is unreachable
  'view_dissent',
  'view_notes', // free-text notes (why a conference moved, was cancelled): they might name a child
  'respond_invitation', // attend CASE, attendance buttons (own invitation)
  'update_own_report',
  'lodge_dissent',
  'manage_conference', // schedule, move, cancel
  'manage_invitations', // invite, uninvite
  'record_event', // record visit|core-group|…
  'record_outcome',
  'review_dissent',
  'view_audit',
  // qa: the timeliness figures of a partnership, for a QA manager on any of its cases
  'view_timeliness',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const ALL_VIEW: Capability[] = ['view_deadlines', 'view_case_summary'];

export const PERMISSIONS: Record<Role, readonly Capability[]> = {
  chair: [...ALL_VIEW, 'view_case_full', 'view_dissent', 'view_notes', 'manage_conference', 'manage_invitations', 'record_event', 'record_outcome', 'view_audit'],
  social_worker: [...ALL_VIEW, 'view_case_full', 'view_dissent', 'view_notes', 'manage_conference', 'manage_invitations', 'record_event', 'respond_invitation', 'update_own_report', 'lodge_dissent'],
  conference_admin: [...ALL_VIEW, 'view_case_full', 'view_notes', 'manage_conference', 'manage_invitations', 'record_event'],
  team_manager: [...ALL_VIEW, 'view_case_full', 'view_dissent', 'view_notes', 'respond_invitation', 'update_own_report', 'lodge_dissent'],
  qa_manager: [...ALL_VIEW, 'view_case_full', 'view_dissent', 'view_notes', 'review_dissent', 'view_audit', 'view_timeliness'],
  core_group: [...ALL_VIEW, 'respond_invitation', 'update_own_report', 'lodge_dissent'],
  invitee: [...ALL_VIEW, 'respond_invitation', 'update_own_report', 'lodge_dissent'],
};

export function can(roles: readonly Role[], capability: Capability): boolean {
  return roles.some((r) => PERMISSIONS[r]?.includes(capability));
}
