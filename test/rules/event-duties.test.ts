// The issue-17 milestones, one row per milestone × partnership: each is due until its deadline,
// overdue after it, met on time by its event on the due day and late the working day after. Anchors
// sit on Thu 2 Apr 2026, days after the clock change (29 Mar) and before Easter (3 and 6 Apr), so each
// count crosses both; the 35 WD one crosses the May bank holidays too.
import { describe, expect, it } from 'vitest';
import { addWorkingDays, evaluate, loadProfile, parseCaseFacts, type EventKind, type Milestone } from '../../src/rules/index.js';
import { A, BOOKED, ev, heldAt, ICPC, ROWS } from './duty-rows.js';
import { facts } from './helpers.js';

const find = (ms: Milestone[], key: string) => ms.find((m) => m.key === key);
const shift = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);

describe('evaluate: the issue-17 milestones', () => {
  describe.each(ROWS)('$key in $profile', ({ profile, key, due, dueAt, done, input }) => {
    const p = loadProfile(profile);
    const base = () => facts({ profile, ...input, events: [...((input.events as unknown[]) ?? [])] });
    const deadline = () => find(evaluate(base(), p, new Date(A)), key)!;

    it('is due by its deadline, cited by document title', () => {
      const m = deadline();
      expect(m, `${key} missing`).toBeDefined();
      expect(m.due).toBe(due);
      if (dueAt) expect(m.dueAt).toBe(dueAt);
      expect(m.source).not.toMatch(/\.txt/);
      expect(m.rule.startsWith(`${profile}.`)).toBe(true);
    });

    it('is due a minute before the deadline and overdue a minute after', () => {
      const at = deadline().dueAt;
      expect(find(evaluate(base(), p, shift(at, -1)), key)!.status).toBe('due');
      expect(find(evaluate(base(), p, shift(at, 1)), key)!.status).toBe('overdue');
    });

    it('is met on time by its event on the deadline, and late the working day after', () => {
      const m = deadline();
      const onTime = dueAt ? shift(m.dueAt, -1).toISOString() : `${due}T11:00:00Z`;
      const late = dueAt ? shift(m.dueAt, 1).toISOString() : `${addWorkingDays(due, 1)}T11:00:00Z`;
      const withEvent = (at: string) => {
        const f = base();
        f.events.push({ kind: done, at, conference: null, note: null });
        return find(evaluate(f, p, new Date('2027-12-01T10:00:00Z')), key)!;
      };
      expect(withEvent(onTime)).toMatchObject({ status: 'met', metAt: new Date(onTime).toISOString() });
      expect(withEvent(onTime).late).toBeUndefined();
      expect(withEvent(late)).toMatchObject({ status: 'met', late: true });
    });

    it('is not reported where the partnership has no such rule', () => {
      const other = ['devon', 'gloucestershire', 'dudley', 'swindon'].find((n) => !loadProfile(n).rules.some((r) => r.key === key));
      if (!other) return;
      expect(find(evaluate(facts({ profile: other, ...input }), loadProfile(other), new Date(A)), key)).toBeUndefined();
    });
  });
});

describe('evaluate: issue-17 special cases', () => {
  it('brings a core group 10 WD before each Dudley review (across Easter) and 2 weeks before each Swindon one', () => {
    const input = { conferences: [ICPC, { id: 'rcpc-1', type: 'review', at: '2026-04-15T10:00:00Z' }], events: [ev('core_group', '2026-02-02T10:00:00Z')] };
    const now = new Date('2026-01-25T10:00:00Z');
    expect(find(evaluate(facts({ profile: 'dudley', ...input, events: [] }), loadProfile('dudley'), now), 'core_group_before_review')).toMatchObject({ due: '2026-03-30', status: 'due', conference: 'rcpc-1' });
    expect(find(evaluate(facts({ profile: 'swindon', ...input, events: [] }), loadProfile('swindon'), now), 'core_group_before_review')).toMatchObject({ due: '2026-04-01' });
    // Met by any core group since the last conference.
    expect(find(evaluate(facts({ profile: 'dudley', ...input }), loadProfile('dudley'), now), 'core_group_before_review')).toMatchObject({ status: 'met', metAt: '2026-02-02T10:00:00.000Z' });
  });

  it('reviews a Devon child in need plan at most every 12 weeks, from the last review', () => {
    const f = facts({ profile: 'devon', conferences: [ICPC], events: [ev('plan_ended'), ev('cin_review', '2026-06-01T10:00:00Z')] });
    expect(find(evaluate(f, loadProfile('devon'), new Date(A)), 'cin_review')).toMatchObject({ due: '2026-08-24', status: 'due', metAt: null });
    const none = facts({ profile: 'devon', conferences: [ICPC], events: [ev('plan_ended')] });
    expect(find(evaluate(none, loadProfile('devon'), new Date(A)), 'cin_review')).toMatchObject({ due: '2026-06-25' });
  });

  it('ends the plan on a care order in Devon and on an interim care order in Dudley, not elsewhere', () => {
    const withOrder = (profile: string, kind: EventKind) => evaluate(facts({ profile, conferences: [ICPC], events: [ev(kind)] }), loadProfile(profile), new Date(A));
    expect(find(withOrder('devon', 'care_order'), 'review')).toBeUndefined();
    expect(find(withOrder('dudley', 'interim_care_order'), 'review')).toBeUndefined();
    expect(find(withOrder('dudley', 'care_order'), 'review')).toBeDefined();
    expect(find(withOrder('swindon', 'interim_care_order'), 'review')).toBeDefined();
  });

  it('shows the enquiry-stage duties and the S47 outcome as "not recorded" once the initial conference is held, not as overdue to chase', () => {
    const f = facts({ profile: 'swindon', events: [ev('strategy_discussion', '2026-01-05T10:00:00Z'), ev('strategy_actions_sent', '2026-01-05T15:00:00Z')], conferences: [ICPC] });
    const ms = evaluate(f, loadProfile('swindon'), new Date(A));
    expect(find(ms, 'strategy_actions')).toMatchObject({ status: 'met' });
    expect(find(ms, 'strategy_actions')!.notRecorded).toBeUndefined();
    for (const key of ['icpc_invite_list', 'strategy_minutes', 's47_outcome']) expect(find(ms, key)).toMatchObject({ status: 'overdue', notRecorded: true });
    // Before the ICPC is held the same duties are plainly overdue.
    const open = evaluate(facts({ profile: 'swindon', events: [ev('strategy_discussion', '2026-01-05T10:00:00Z')] }), loadProfile('swindon'), new Date('2026-01-19T10:00:00Z'));
    expect(find(open, 'icpc_invite_list')).toMatchObject({ status: 'overdue' });
    expect(find(open, 'icpc_invite_list')!.notRecorded).toBeUndefined();
  });

  it('keeps the Swindon minutes-corrections window open 10 WD from the minutes, then closes it', () => {
    const f = facts({ profile: 'swindon', conferences: [ICPC], events: [ev('minutes_sent')] });
    expect(find(evaluate(f, loadProfile('swindon'), new Date(A)), 'minutes_corrections_request')).toMatchObject({ due: '2026-04-20', status: 'due' });
    expect(find(evaluate(f, loadProfile('swindon'), new Date('2026-04-21T10:00:00Z')), 'minutes_corrections_request')).toMatchObject({ status: 'met', metAt: null });
  });
});

describe('evaluate: dissent, recorded one way', () => {
  const held = { ...ICPC, at: '2026-01-20T10:00:00Z' };
  const dissent = (lodgedAt: string) => ({ conference: 'icpc-1', by: 'P. C.', decision: 'plan', view: 'Not enough evidence.', formal: true, lodgedAt });

  it('gives a Swindon formal dissent inside the 10 WD window its review deadline', () => {
    const ms = evaluate(facts({ conferences: [held], dissents: [dissent('2026-02-03T10:00:00Z')] }), loadProfile('swindon'), new Date(A));
    expect(find(ms, 'dissent_review')).toMatchObject({ due: '2026-02-17' });
    expect(find(ms, 'dissent_window')).toMatchObject({ status: 'met', metAt: '2026-02-03T10:00:00.000Z' });
    expect(find(ms, 'dissent_window')!.late).toBeUndefined();
  });

  it('gives a dissent lodged after the window no review deadline, and shows it as late', () => {
    const ms = evaluate(facts({ conferences: [held], dissents: [dissent('2026-02-04T10:00:00Z')] }), loadProfile('swindon'), new Date(A));
    expect(find(ms, 'dissent_review')).toBeUndefined();
    expect(find(ms, 'dissent_window')).toMatchObject({ status: 'met', late: true });
  });

  it('refuses a dissent recorded as an event, saying where it goes', () => {
    const problems = (kind: string) => {
      const r = parseCaseFacts({ ref: 'CP-T1', profile: 'swindon', children: [{ ref: 'C1', initials: 'A.B.' }], events: [{ kind, at: A }] });
      return r.ok ? [] : r.problems;
    };
    expect(problems('dissent')).toEqual(['events[0].kind: a dissent is recorded in "dissents" (conference, by, decision, view, formal, lodgedAt), not as an event, so that it gets its review deadline']);
    expect(problems('dissent_reviewed')[0]).toMatch(/"reviewedAt"/);
  });
});

describe('evaluate: a strategy discussion for a child already on a plan', () => {
  const onPlan = (profile: string) => facts({ profile, conferences: [ICPC], events: [ev('strategy_discussion', '2025-12-19T10:00:00Z'), ev('strategy_discussion', '2026-02-10T10:00:00Z')] });
  const now = new Date('2026-02-11T10:00:00Z');

  it('starts no new initial-conference clock and no new S47 deadline', () => {
    for (const profile of ['dudley', 'swindon', 'devon']) {
      const ms = evaluate(onPlan(profile), loadProfile(profile), now);
      expect(find(ms, 'icpc')).toMatchObject({ status: 'met', conference: 'icpc-1' });
      expect(ms.filter((m) => m.key === 'icpc')).toHaveLength(1);
      expect(find(ms, 's47_outcome')?.status ?? 'none').not.toBe('due');
    }
  });

  it('brings the Dudley review forward to 15 WD, labelled as Quorum\'s default', () => {
    const m = find(evaluate(onPlan('dudley'), loadProfile('dudley'), now), 'review')!;
    expect(m.due).toBe('2026-03-03');
    expect(m.explanation).toContain("Quorum's default: 15 working days");
    // Without it, the first review stays 3 months after the ICPC.
    const plain = facts({ profile: 'dudley', conferences: [ICPC], events: [ev('strategy_discussion', '2025-12-19T10:00:00Z')] });
    expect(find(evaluate(plain, loadProfile('dudley'), now), 'review')).toMatchObject({ due: '2026-04-20' });
    expect(find(evaluate(plain, loadProfile('dudley'), now), 'review')!.explanation).not.toContain("Quorum's default");
  });
});

describe('evaluate: statutory visits for an unborn child\'s plan (Swindon)', () => {
  const prebirth = { ...ICPC, prebirth: true, at: '2026-03-10T10:00:00Z' };
  const unborn = [{ ref: 'C1', initials: 'A.B.', unborn: true }];

  it('sets no visit deadline before the birth, then counts 10 WD from it, across Easter', () => {
    const before = facts({ profile: 'swindon', children: unborn, conferences: [prebirth] });
    expect(evaluate(before, loadProfile('swindon'), new Date(A)).find((m) => m.key === 'statutory_visit')).toBeUndefined();
    const born = facts({ profile: 'swindon', children: unborn, conferences: [prebirth], events: [ev('birth', '2026-03-30T10:00:00Z')] });
    const m = evaluate(born, loadProfile('swindon'), new Date(A)).find((x) => x.key === 'statutory_visit')!;
    expect(m).toMatchObject({ due: '2026-04-15', rule: 'swindon.statutory_visit_unborn' });
    expect(m.source).toContain("applied by extension to an unborn child's plan, counted from the birth");
  });

  it('counts from the plan start elsewhere and for a plan made after the birth', () => {
    const dudley = facts({ profile: 'dudley', children: unborn, conferences: [{ ...ICPC, prebirth: true, at: '2026-03-10T10:00:00Z' }] });
    expect(evaluate(dudley, loadProfile('dudley'), new Date(A)).find((m) => m.key === 'statutory_visit')).toMatchObject({ due: '2026-04-07' });
  });
});

describe('evaluate: the eight that needed a new fact', () => {
  const at = (profile: string, input: Record<string, unknown>, now = A) => evaluate(facts({ profile, ...input }), loadProfile(profile), new Date(now));

  it('asks for a Dudley medical examination only where one is recorded as needed', () => {
    expect(find(at('dudley', { events: [ev('strategy_discussion')] }), 'medical')).toBeUndefined();
    expect(find(at('dudley', { events: [ev('strategy_discussion'), ev('medical_needed')] }), 'medical')).toMatchObject({ owner: 'social_worker', source: expect.stringContaining('Medical Examinations') });
  });

  it('tells absent parents in Swindon only where the parents were recorded absent from that conference', () => {
    expect(find(at('swindon', { conferences: [heldAt(A)] }), 'absent_parents_told')).toBeUndefined();
    // Recorded absent from an earlier conference: not this one.
    expect(find(at('swindon', { conferences: [ICPC, { ...heldAt(A), id: 'rcpc-1', type: 'review' }], events: [{ ...ev('parents_absent'), conference: 'icpc-1' }] }), 'absent_parents_told')).toBeUndefined();
  });

  describe('Swindon remote attendance, asked for at least 3 days before', () => {
    // Tue 7 Apr 10:00 BST: 3 days before is Sat 4 Apr, back past Good Friday to Thu 2 Apr.
    const booked = { conferences: [BOOKED] };
    it('shows nothing until an invitee asks', () => {
      expect(find(at('swindon', booked), 'remote_attendance')).toBeUndefined();
    });
    it('is on time asked on Thu 2 Apr, and late the working day after', () => {
      const onTime = find(at('swindon', { ...booked, events: [ev('remote_attendance_requested', '2026-04-02T15:00:00Z')] }), 'remote_attendance')!;
      expect(onTime).toMatchObject({ due: '2026-04-02', status: 'met', conference: 'icpc-2', source: expect.stringContaining('Child Protection Conferences standard 4') });
      expect(onTime.late).toBeUndefined();
      expect(find(at('swindon', { ...booked, events: [ev('remote_attendance_requested', '2026-04-06T09:00:00Z')] }), 'remote_attendance')).toMatchObject({ status: 'met', late: true });
    });
    it('stays on the record once the conference is held, counting a request made before it', () => {
      const held = { conferences: [{ ...BOOKED, status: 'held', outcome: 'plan' }], events: [ev('remote_attendance_requested', '2026-04-01T09:00:00Z')] };
      expect(find(at('swindon', held, '2026-04-08T10:00:00Z'), 'remote_attendance')).toMatchObject({ status: 'met', metAt: '2026-04-01T09:00:00.000Z', conference: 'icpc-2' });
    });
    it('is not a Dudley rule', () => {
      expect(find(at('dudley', { ...booked, events: [ev('remote_attendance_requested')] }), 'remote_attendance')).toBeUndefined();
    });
  });

  describe('Dudley temporary plan, reviewed monthly', () => {
    const temp = (extra: unknown[] = []) => ({ events: [ev('plan_started', '2026-01-31T10:00:00Z'), ev('temporary_plan', '2026-01-31T10:00:00Z'), ...extra] });
    it('is due a month after it starts (31 Jan + 1 month = 28 Feb, a Saturday), overdue after', () => {
      expect(find(at('dudley', temp(), '2026-02-28T16:59:00Z'), 'temporary_plan_review')).toMatchObject({ due: '2026-02-28', status: 'due', owner: 'chair' });
      expect(find(at('dudley', temp(), '2026-02-28T17:01:00Z'), 'temporary_plan_review')).toMatchObject({ status: 'overdue' });
    });
    it('counts the next from the last review, across the clock change', () => {
      expect(find(at('dudley', temp([ev('temporary_plan_review', '2026-03-02T10:00:00Z')])), 'temporary_plan_review')).toMatchObject({ due: '2026-04-02', dueAt: '2026-04-02T16:00:00.000Z', status: 'due' });
    });
    it('stops when the plan ends or an initial conference is held here, and is only for a temporary plan', () => {
      expect(find(at('dudley', temp([ev('plan_ended', '2026-02-10T10:00:00Z')])), 'temporary_plan_review')).toBeUndefined();
      expect(find(at('dudley', { ...temp(), conferences: [{ ...ICPC, at: '2026-02-20T10:00:00Z', transferIn: true }] }), 'temporary_plan_review')).toBeUndefined();
      expect(find(at('dudley', { events: [ev('plan_started', '2026-01-31T10:00:00Z')] }), 'temporary_plan_review')).toBeUndefined();
      expect(find(at('swindon', temp()), 'temporary_plan_review')).toBeUndefined();
    });
  });

  describe('Dudley pre-birth conference, not before 24 weeks of pregnancy', () => {
    // Expected Thu 23 Jul 2026: the pregnancy began 40 weeks before (Thu 16 Oct 2025); 24 weeks on is Thu 2 Apr 2026.
    const unborn = [{ ref: 'C1', initials: 'A.B.', unborn: true, expectedDate: '2026-07-23' }];
    const conf = (day: string, status = 'scheduled') => ({ id: 'icpc-pb', type: 'initial', at: `${day}T09:00:00Z`, status, prebirth: true, ...(status === 'held' ? { outcome: 'plan' } : {}) });
    const pb = (day: string, status?: string) => find(evaluate(facts({ profile: 'dudley', children: unborn, conferences: [conf(day, status)] }), loadProfile('dudley'), new Date('2026-03-01T10:00:00Z')), 'prebirth_conference')!;

    it('says the earliest date, cited, and is never overdue', () => {
      const m = pb('2026-04-02');
      expect(m).toMatchObject({ due: '2026-04-02', status: 'due', notBefore: true, conference: 'icpc-pb' });
      expect(m.explanation).toMatch(/^Pre-birth conference \(after 24 weeks of pregnancy\) not before Thu 2 Apr 2026: 24 weeks after the start of the pregnancy \(40 weeks before the expected date, Thu 23 Jul 2026\)/);
      expect(m.source).toContain('Pre-birth Conferences (Unborn children)');
      const later = find(evaluate(facts({ profile: 'dudley', children: unborn, conferences: [conf('2026-04-20')] }), loadProfile('dudley'), new Date('2026-04-10T10:00:00Z')), 'prebirth_conference')!;
      expect(later.status).toBe('due');
    });

    it('is met when held on the date, early when held the day before', () => {
      expect(pb('2026-04-02', 'held')).toMatchObject({ status: 'met' });
      expect(pb('2026-04-02', 'held').early).toBeUndefined();
      expect(pb('2026-04-01', 'held')).toMatchObject({ status: 'met', early: true });
    });

    it('needs an expected date and a pre-birth conference, and is Dudley\'s rule only', () => {
      expect(find(evaluate(facts({ profile: 'dudley', children: [{ ref: 'C1', initials: 'A.B.', unborn: true }], conferences: [conf('2026-04-02')] }), loadProfile('dudley'), new Date(A)), 'prebirth_conference')).toBeUndefined();
      expect(find(evaluate(facts({ profile: 'dudley', children: unborn }), loadProfile('dudley'), new Date(A)), 'prebirth_conference')).toBeUndefined();
      expect(find(evaluate(facts({ profile: 'swindon', children: unborn, conferences: [conf('2026-04-02')] }), loadProfile('swindon'), new Date(A)), 'prebirth_conference')).toBeUndefined();
    });
  });

  it('keeps Devon\'s mid-point review at 3 months from the ICPC when a date is recorded as agreed', () => {
    const ms = at('devon', { conferences: [heldAt(A)], events: [ev('mid_point_review_agreed', '2026-05-01T10:00:00Z')] });
    expect(ms.filter((m) => m.key === 'mid_point_review')).toHaveLength(1);
    expect(find(ms, 'mid_point_review')).toMatchObject({ due: '2026-07-02' });
  });
});
