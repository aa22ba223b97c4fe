// planCaseNudges: every nudge a case wants as of `now`, pure (the store's state in, rows out).
// The sweep enqueues those already due and cancels pending rows no longer planned: that is how
// acting on a nudge stops its chain and how moving a conference drops the old date's nudges.
import { evaluate } from '../../../rules/milestones.js';
import { settleChains } from './chains.js';
import { createContext } from './context.js';
import { planConference } from './plan-conference.js';
import { planTimescales } from './plan-timescales.js';
import { DEFAULT_PLAN_OPTIONS, type PlanInput, type PlanOptions, type PlannedNudge } from './types.js';

export function planCaseNudges(input: PlanInput, now: Date, options: PlanOptions = DEFAULT_PLAN_OPTIONS): PlannedNudge[] {
  const facts = input.case.facts;
  if (facts.status !== 'open') return [];
  const ctx = createContext(input, now, options);
  const milestones = evaluate(facts, input.profile, now);
  for (const conf of facts.conferences) {
    if (conf.status === 'scheduled' && Date.parse(conf.at) > now.getTime()) planConference(ctx, conf, milestones);
  }
  planTimescales(ctx, milestones);
  return settleChains(ctx.out, input.existing, now);
}
