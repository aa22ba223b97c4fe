// What nudge planning reads and returns. Planning is pure: the sweep loads these, the planner decides.
import type { CaseFacts } from '../../../rules/case-facts.js';
import type { Profile } from '../../../rules/profiles.js';
import type { ConferenceRow, InvitationRow } from '../../../store/cases.js';
import type { Role } from '../../../store/schema.js';
import type { OutboxRow } from '../outbox.js';

export const NUDGE_KINDS = ['report_due', 'report_overdue', 'report_share', 'reply_chase', 'quorum', 'quorum_change', 'timescale'] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** An outbox row the planner wants, plus the chain it belongs to (key minus step). */
export interface PlannedNudge extends OutboxRow {
  kind: NudgeKind;
  chain: string;
  caseRef: string;
}

/** A row already in the outbox for the case (only what planning needs: no views). */
export interface ExistingNudge {
  id: number;
  key: string;
  kind: string;
  step: string;
  status: string;
  dueAt: Date;
  conferenceId: number | null;
  recipientId: number;
  chain: string | null;
}

export interface CaseMember {
  personId: number;
  role: Role;
}

export interface PlanInput {
  caseId: number;
  facts: CaseFacts;
  profile: Profile;
  conferences: ConferenceRow[];
  invitations: InvitationRow[];
  members: CaseMember[];
  /** Quorum transitions and snoozes of any status, other rows while pending or sending. */
  existing: ExistingNudge[];
}

export interface PlanOptions {
  /** London hour a "morning" nudge falls due. */
  morningHour: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { morningHour: 9 };
