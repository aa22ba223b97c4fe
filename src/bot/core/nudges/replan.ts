// Re-planning: the nudges of the cases a request changed are planned again inside its transaction
// (an answer that makes a conference quorate writes the chair's "now quorate" row with it). The
// scheduler's sweep plans every open case the same way, batch by batch.
import { logger } from '../../../log.js';
import { loadProfile, type Profile } from '../../../rules/profiles.js';
import type { CaseRepository } from '../../../store/repository/index.js';
import { planCaseNudges } from './plan-case.js';
import { NUDGE_KINDS, type PlanOptions, type PlanSource, type PlannedNudge } from './types.js';

/** One case's plan, or null (logged by id) when its profile does not load or planning fails: one bad case must not stop the rest. */
export function planSource(source: PlanSource, now: Date, options: PlanOptions): PlannedNudge[] | null {
  let profile: Profile;
  try {
    profile = loadProfile(source.case.profile);
  } catch {
    logger().warn({ code: 'SWEEP_UNKNOWN_PROFILE', caseId: source.case.id }, 'case skipped: its profile does not load');
    return null;
  }
  try {
    return planCaseNudges({ ...source, profile }, now, options);
  } catch (err) {
    logger().error({ code: 'SWEEP_PLAN_FAILED', caseId: source.case.id, err: (err as Error).name }, 'case skipped: planning failed');
    return null;
  }
}

export function planSources(sources: PlanSource[], now: Date, options: PlanOptions): PlannedNudge[] {
  const out: PlannedNudge[] = [];
  for (const s of sources) {
    const planned = planSource(s, now, options);
    if (planned) for (const p of planned) out.push(p);
  }
  return out;
}

export async function replanCases(repo: CaseRepository, caseIds: number[], now: Date, options: PlanOptions): Promise<void> {
  if (caseIds.length === 0) return;
  const sources = await repo.loadPlanSources(caseIds, NUDGE_KINDS);
  await repo.applyPlan(sources, planSources(sources, now, options));
}
