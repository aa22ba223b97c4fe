// Timescale nudges: a conference not booked in time or booked too late, and the deadlines after a
// conference (review, core group, decision, minutes, visits, dissent review) to their owners, then
// to the team manager when missed.
import { addWorkingDays, londonDate } from '../../../rules/calendar.js';
import { deriveState } from '../../../rules/case-state.js';
import type { TrackedKey } from '../../../rules/milestone-keys.js';
import type { Milestone } from '../../../rules/milestones.js';
import { milestoneLabel } from '../views/deadlines.js';
import { addNudge, ownersOf, type PlanContext } from './context.js';
import { conferenceInfo, timescaleView } from './views.js';

const TIMESCALE_KEYS = new Set<TrackedKey>([
  'icpc', 'review', 'early_review', 'first_core_group', 'decision_sent', 'minutes', 'statutory_visit', 'dissent_review',
  // Issue 17. Not the minutes-corrections window: that is the family's to use, not a duty to chase.
  'strategy_discussion', 'strategy_discussion_urgent', 'strategy_actions', 'strategy_minutes', 'case_to_conference_service', 'chair_check',
  'icpc_invite_list', 'outcome_to_child', 'qa_form', 'chair_outcomes_form', 'minutes_corrections_answer', 'assessment_completed',
  'core_group_record', 'core_group_before_review', 'mid_point_review', 'section20_plan', 'professionals_meeting', 'third_review_alert',
  'cin_review', 'monitoring_check',
  // Not remote attendance (the invitee's own choice, shown once asked for) nor the pre-birth
  // conference's "not before" limit (a booking earlier warns instead).
  'complex_strategy', 'medical', 'chair_reads_report', 'absent_parents_told', 'temporary_plan_review',
]);
const BOOKABLE = new Set(['icpc', 'review', 'early_review']);

export function planTimescales(ctx: PlanContext, milestones: Milestone[]): void {
  for (const m of milestones) {
    if (m.status === 'met' || m.notRecorded || !TIMESCALE_KEYS.has(m.key)) continue;
    const label = milestoneLabel(m.key);
    const subject = `c${ctx.caseId}/${m.key}${m.conference ? `/${m.conference}` : ''}`;
    const deadlineAt = new Date(m.dueAt);
    const owners = ownersOf(ctx, m.owner);

    if (BOOKABLE.has(m.key)) {
      const booked = m.conference ? ctx.input.case.facts.conferences.find((c) => c.id === m.conference && c.status === 'scheduled') : undefined;
      if (booked) {
        const info = conferenceInfo(booked);
        if (info.at.getTime() <= deadlineAt.getTime()) continue;
        // Booked past its deadline: say so at once, once per booked date.
        const view = timescaleView(ctx.ref, label, m, 'booked_late', info);
        for (const r of new Set([...owners, ...ctx.holders('chair')])) {
          addNudge(ctx, { kind: 'timescale', subject, deadline: `${m.due}>${londonDate(info.at)}`, recipientId: r, step: 'booked_late', dueAt: ctx.now, view, conferenceId: booked.dbId });
        }
        continue;
      }
    }

    const early = m.key === 'icpc' ? unbookedAt(ctx) : { step: 'before' as const, at: ctx.morning(addWorkingDays(m.due, -ctx.settings.timescaleReminderDays, ctx.closures)) };
    for (const r of owners) {
      if (early && early.at < deadlineAt) addNudge(ctx, { kind: 'timescale', subject, deadline: m.due, recipientId: r, step: early.step, dueAt: early.at, view: timescaleView(ctx.ref, label, m, early.step) });
      addNudge(ctx, { kind: 'timescale', subject, deadline: m.due, recipientId: r, step: 'overdue', dueAt: deadlineAt, view: timescaleView(ctx.ref, label, m, 'overdue') });
    }
    const escalateAt = ctx.morning(addWorkingDays(m.due, ctx.settings.escalateAfterDays, ctx.closures));
    for (const r of ctx.holders('team_manager')) {
      addNudge(ctx, { kind: 'timescale', subject, deadline: m.due, recipientId: r, step: 'escalate', dueAt: escalateAt, view: timescaleView(ctx.ref, label, m, 'escalate') });
    }
  }
}

/** The morning after the N-th working day of the initial conference's clock has gone. */
function unbookedAt(ctx: PlanContext): { step: 'unbooked'; at: Date } | null {
  const ep = deriveState(ctx.input.case.facts).episode;
  const start = ep?.strategy ?? ep?.transfer;
  if (!start) return null;
  return { step: 'unbooked', at: ctx.morning(addWorkingDays(londonDate(new Date(start.time)), ctx.settings.icpcUnbookedAfterDays + 1, ctx.closures)) };
}
