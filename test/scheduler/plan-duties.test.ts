// The planner covers each issue-17 milestone: its owner is reminded before the deadline and told when
// it is missed, and the team manager hears after that. Pure planning, no database.
import { describe, expect, it } from 'vitest';
import { planCaseNudges } from '../../src/bot/core/nudges/index.js';
import { evaluate, loadProfile } from '../../src/rules/index.js';
import { ROWS } from '../rules/duty-rows.js';
import { planInput } from './support/plan-input.js';

const MEMBERS = [
  { email: 'chair@example.org', role: 'chair' },
  { email: 'sw@example.org', role: 'social_worker' },
  { email: 'tm@example.org', role: 'team_manager' },
  { email: 'admin@example.org', role: 'conference_admin' },
  { email: 'qa@example.org', role: 'qa_manager' },
] as const;
const OWNER_EMAIL: Record<string, string> = { chair: 'chair@example.org', social_worker: 'sw@example.org', team_manager: 'tm@example.org', conference_admin: 'admin@example.org', qa_manager: 'qa@example.org', core_group: 'sw@example.org', invitees: 'sw@example.org' };

describe('planCaseNudges for the issue-17 milestones', () => {
  it.each(ROWS.map((r) => [r.key, r.profile, r] as const))('nudges the owner of %s in %s before and after, then escalates', (key, profile, row) => {
    const input = planInput({ ref: 'CP-D1', profile, children: [{ ref: 'C1', initials: 'A.B.' }], ...row.input, members: [...MEMBERS] });
    const now = new Date('2026-04-02T10:30:00Z');
    const m = evaluate(input.case.facts, loadProfile(profile), now).find((x) => x.key === key)!;
    const mine = planCaseNudges(input, now).filter((n) => n.kind === 'timescale' && new RegExp(`/${key}[:/]`).test(n.chain));
    const owner = input.ids.get(OWNER_EMAIL[m.owner]!)!;
    const steps = (id: number) => mine.filter((n) => n.recipientId === id).map((n) => n.step);
    expect(steps(owner)).toContain('overdue');
    expect(mine.find((n) => n.recipientId === owner && n.step === 'overdue')!.dueAt.toISOString()).toBe(m.dueAt);
    expect(steps(input.ids.get('tm@example.org')!)).toContain('escalate');
    // A reminder before the deadline whenever there is a working morning left for it.
    if (Date.parse(m.dueAt) - now.getTime() > 5 * 86_400_000) expect(steps(owner)).toContain('before');
  });

  it('nudges the chair of a Dudley temporary plan before each monthly review and escalates a missed one; never nudges about a remote attendance request', () => {
    const input = planInput({ ref: 'CP-D2', profile: 'dudley', children: [{ ref: 'C1', initials: 'A.B.' }], events: [{ kind: 'plan_started', at: '2026-03-02T10:00:00Z' }, { kind: 'temporary_plan', at: '2026-03-02T10:00:00Z' }], members: [...MEMBERS] });
    const now = new Date('2026-03-03T10:00:00Z');
    const mine = planCaseNudges(input, now).filter((n) => n.kind === 'timescale' && /\/temporary_plan_review[:/]/.test(n.chain));
    const chair = input.ids.get('chair@example.org')!;
    expect(mine.filter((n) => n.recipientId === chair).map((n) => n.step).sort()).toEqual(['before', 'overdue']);
    expect(mine.find((n) => n.step === 'overdue')!.dueAt.toISOString()).toBe('2026-04-02T16:00:00.000Z');
    expect(mine.filter((n) => n.recipientId === input.ids.get('tm@example.org')!).map((n) => n.step)).toEqual(['escalate']);

    const other = planInput({
      ref: 'CP-D3', profile: 'swindon', children: [{ ref: 'C1', initials: 'A.B.' }],
      conferences: [{ id: 'icpc-2', type: 'initial', at: '2026-04-07T09:00:00Z', status: 'scheduled' }],
      events: [{ kind: 'remote_attendance_requested', at: '2026-04-06T09:00:00Z' }], members: [...MEMBERS],
    });
    expect(planCaseNudges(other, now).filter((n) => /remote_attendance/.test(n.chain))).toEqual([]);
  });
});
