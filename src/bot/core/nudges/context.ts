// Shared helpers for the planners: who holds which role, mornings, keys and the nudge being added.
import { londonDateTime } from '../../../rules/calendar.js';
import type { Owner, Profile } from '../../../rules/profiles.js';
import { quorumSource } from '../../../rules/quorum.js';
import type { Role } from '../../../rules/roles.js';
import type { View } from '../types.js';
import { readNudgeSettings, type NudgeSettings } from './settings.js';
import type { NudgeKind, PlanInput, PlanOptions, PlannedNudge } from './types.js';

export interface PlanContext {
  input: PlanInput;
  caseId: number;
  ref: string;
  profile: Profile;
  closures: readonly string[];
  settings: NudgeSettings;
  now: Date;
  out: PlannedNudge[];
  /** `hh:00` London on a date: when a morning nudge falls due. */
  morning(date: string): Date;
  holders(...roles: Role[]): number[];
}

export function createContext(input: PlanInput, now: Date, options: PlanOptions): PlanContext {
  const byRole = new Map<Role, number[]>();
  for (const m of input.members) {
    const list = byRole.get(m.role) ?? [];
    if (!list.includes(m.personId)) list.push(m.personId);
    byRole.set(m.role, list);
  }
  const hh = `${String(options.morningHour).padStart(2, '0')}:00`;
  return {
    input,
    caseId: input.case.id,
    ref: input.case.ref,
    profile: input.profile,
    closures: input.profile.closureDays,
    settings: readNudgeSettings(input.profile),
    now,
    out: [],
    morning: (date) => londonDateTime(date, hh),
    holders: (...roles) => [...new Set(roles.flatMap((r) => byRole.get(r) ?? []))],
  };
}

const OWNER_ROLES: Record<Owner, Role[]> = {
  chair: ['chair'],
  social_worker: ['social_worker'],
  conference_admin: ['conference_admin'],
  qa_manager: ['qa_manager'],
  team_manager: ['team_manager'],
  invitees: ['social_worker'],
  core_group: ['social_worker'],
};

/** Who owns a milestone on this case; the social worker (then the chair) when nobody holds the role. */
export function ownersOf(ctx: PlanContext, owner: Owner): number[] {
  const direct = ctx.holders(...OWNER_ROLES[owner]);
  if (direct.length) return direct;
  const sw = ctx.holders('social_worker');
  return sw.length ? sw : ctx.holders('chair');
}

export interface NudgeSpec {
  kind: NudgeKind;
  /** What the chain is about, e.g. `c12/icpc-1` or `c12/review`. */
  subject: string;
  /** The deadline the chain works towards (a date, or `-`). */
  deadline: string;
  recipientId: number;
  step: string;
  dueAt: Date;
  view: View;
  conferenceId?: number | null;
}

export function chainOf(kind: string, subject: string, deadline: string, recipientId: number): string {
  return `${kind}:${subject}:${deadline}:p${recipientId}`;
}

export function addNudge(ctx: PlanContext, spec: NudgeSpec): void {
  const chain = chainOf(spec.kind, spec.subject, spec.deadline, spec.recipientId);
  ctx.out.push({
    key: `${chain}:${spec.step}`,
    chain,
    kind: spec.kind,
    caseId: ctx.caseId,
    caseRef: ctx.ref,
    conferenceId: spec.conferenceId ?? null,
    recipientId: spec.recipientId,
    step: spec.step,
    deadline: spec.deadline,
    dueAt: spec.dueAt,
    view: spec.view,
    meta: { chain, ref: ctx.ref },
  });
}

/** The standard that sets quorum (and so why replies are chased): one wording, with the timeliness report's. */
export const quorumStandard = quorumSource;
