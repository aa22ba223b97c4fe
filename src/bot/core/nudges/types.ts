// What nudge planning reads and returns. Planning is pure: the store loads a PlanSource (the case
// as StoredCase, who holds which role, its outbox rows), the planner decides.
import type { Profile } from '../../../rules/profiles.js';
import type { OutboxRow, PlanSource } from '../../../store/outbox.js';
import type { View } from '../types.js';

export type { CaseMember, ExistingNudge, PlanSource } from '../../../store/outbox.js';

export const NUDGE_KINDS = ['report_due', 'report_overdue', 'report_share', 'reply_chase', 'quorum', 'quorum_change', 'timescale'] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** An outbox row the planner wants, plus the chain it belongs to (key minus step). */
export interface PlannedNudge extends OutboxRow<View> {
  kind: NudgeKind;
  chain: string;
  caseRef: string;
}

export interface PlanInput extends PlanSource {
  profile: Profile;
}

export interface PlanOptions {
  /** London hour a "morning" nudge falls due. */
  morningHour: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { morningHour: 9 };
