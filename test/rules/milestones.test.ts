import { describe, expect, it } from 'vitest';
import { evaluate, loadProfile, type Milestone } from '../../src/rules/index.js';
import { example, facts, invitee } from './helpers.js';

const NOW = new Date('2026-03-05T09:00:00Z');
const byKey = (ms: Milestone[], key: string) => ms.find((m) => m.key === key);

describe('evaluate on the documented example (Swindon)', () => {
  const ms = evaluate(example(), loadProfile('swindon'), NOW);

  it('explains the initial conference deadline in one plain sentence', () => {
    expect(byKey(ms, 'icpc')).toMatchObject({
      due: '2026-01-14',
      dueAt: '2026-01-14T17:00:00.000Z',
      status: 'met',
      rule: 'swindon.icpc',
      source: 'Swindon Multi-Agency Standards for Safeguarding Children, Child Protection Conferences standard 2',
      sourceFile: '004_e5b64df1e4511e66.txt',
      conference: 'icpc-1',
      owner: 'conference_admin',
      explanation:
        'Initial conference due by Wed 14 Jan 2026: within 15 working days of the strategy discussion on Fri 19 Dec 2025 (Swindon Multi-Agency Standards for Safeguarding Children, Child Protection Conferences standard 2).',
    });
  });

  it('gives every expected key once, sorted by dueAt', () => {
    expect(ms.map((m) => m.key).sort()).toEqual(
      ['core_group', 'core_group_before_review', 'core_group_record', 'decision_sent', 'dissent_review', 'dissent_window', 'first_core_group', 'icpc', 'icpc_invite_list', 'minutes', 'minutes_corrections_request', 'reports', 'reports_to_attendees', 'reports_to_family', 's47_outcome', 'social_worker_report', 'statutory_visit', 'strategy_actions', 'strategy_minutes', 'review'].sort(),
    );
    const dueAts = ms.map((m) => m.dueAt);
    expect(dueAts).toEqual([...dueAts].sort());
  });

  it('counts the review deadlines back across Easter 2026 and in BST', () => {
    expect(byKey(ms, 'reports')).toMatchObject({ due: '2026-03-31', dueAt: '2026-03-31T16:00:00.000Z', status: 'due', conference: 'rcpc-1' });
    expect(byKey(ms, 'review')).toMatchObject({ due: '2026-04-14', rule: 'swindon.first_review', conference: 'rcpc-1', status: 'due' });
  });

  it('marks the statutory visit overdue 10 working days after the last one', () => {
    expect(byKey(ms, 'statutory_visit')).toMatchObject({ due: '2026-02-27', status: 'overdue', metAt: null });
  });

  it('marks post-conference milestones met from their events', () => {
    expect(byKey(ms, 'decision_sent')).toMatchObject({ due: '2026-01-15', status: 'met', metAt: '2026-01-15T12:00:00.000Z' });
    expect(byKey(ms, 'minutes')).toMatchObject({ due: '2026-02-11', status: 'met' });
    expect(byKey(ms, 'first_core_group')).toMatchObject({ due: '2026-01-28', status: 'met', metAt: '2026-01-23T10:00:00.000Z' });
    expect(byKey(ms, 'dissent_review')).toMatchObject({ due: '2026-02-04', status: 'met', owner: 'qa_manager' });
  });
});

describe('evaluate: the initial conference', () => {
  const sd = { kind: 'strategy_discussion', at: '2025-12-19T10:00:00Z' };

  it('is due before the deadline and overdue after it, naming the scheduled conference', () => {
    const f = facts({ events: [sd], conferences: [{ id: 'c1', type: 'initial', at: '2026-01-20T10:00:00Z' }] });
    expect(byKey(evaluate(f, loadProfile('swindon'), new Date('2026-01-14T16:59:00Z')), 'icpc')).toMatchObject({ status: 'due', conference: 'c1' });
    expect(byKey(evaluate(f, loadProfile('swindon'), new Date('2026-01-14T17:01:00Z')), 'icpc')).toMatchObject({ status: 'overdue', conference: 'c1' });
  });

  it('is met with late: true when held after the deadline', () => {
    const f = facts({ events: [sd], conferences: [{ id: 'c1', type: 'initial', at: '2026-01-16T10:00:00Z', status: 'held', outcome: 'no_plan' }] });
    expect(byKey(evaluate(f, loadProfile('swindon'), NOW), 'icpc')).toMatchObject({ status: 'met', late: true, metAt: '2026-01-16T10:00:00.000Z' });
  });

  it('gives a cancelled conference no milestones', () => {
    const f = facts({ events: [sd], conferences: [{ id: 'c1', type: 'initial', at: '2026-01-13T10:00:00Z', status: 'cancelled' }] });
    const ms = evaluate(f, loadProfile('swindon'), NOW);
    expect(ms.filter((m) => m.conference === 'c1')).toEqual([]);
    expect(byKey(ms, 'icpc')).toMatchObject({ conference: null, status: 'overdue' });
  });

  it('counts a transfer-in from accepting the case (Swindon standard 16)', () => {
    const f = facts({ events: [{ kind: 'transfer_in_accepted', at: '2026-02-02T12:00:00Z' }], conferences: [{ id: 't1', type: 'initial', at: '2026-02-20T10:00:00Z', transferIn: true }] });
    expect(byKey(evaluate(f, loadProfile('swindon'), NOW), 'icpc')).toMatchObject({ rule: 'swindon.icpc_transfer_in', due: '2026-02-23' });
  });

  it('falls back to the national transfer-in rule where the partnership has none (Gloucestershire)', () => {
    const f = facts({ profile: 'gloucestershire', events: [{ kind: 'transfer_in_accepted', at: '2026-02-02T12:00:00Z' }] });
    const m = byKey(evaluate(f, loadProfile('gloucestershire'), NOW), 'icpc');
    expect(m).toMatchObject({ rule: 'national.icpc_transfer_in', due: '2026-02-23' });
    expect(m?.explanation).toContain('(Working Together to Safeguard Children');
  });

  it('uses Dudley receiving-in report deadline for a transfer-in conference', () => {
    const f = facts({ profile: 'dudley', conferences: [{ id: 't1', type: 'initial', at: '2026-02-20T10:00:00Z', transferIn: true }] });
    expect(byKey(evaluate(f, loadProfile('dudley'), NOW), 'social_worker_report')).toMatchObject({ rule: 'dudley.receiving_in_reports', due: '2026-02-13' });
  });

  it('counts a pre-birth conference in calendar days for an unborn child (Swindon standard 15)', () => {
    const f = facts({ children: [{ ref: 'C1', initials: 'U.B.', unborn: true, expectedDate: '2026-05-01' }], events: [sd] });
    expect(byKey(evaluate(f, loadProfile('swindon'), NOW), 'icpc')).toMatchObject({ rule: 'swindon.icpc_prebirth', due: '2026-01-03' });
  });
});

describe('evaluate: plans', () => {
  const held = { id: 'c1', type: 'initial', at: '2026-01-14T10:00:00Z', status: 'held', outcome: 'plan' } as const;

  it('stops visits, core groups and reviews when the case is closed', () => {
    const f = facts({ status: 'closed', conferences: [held], events: [{ kind: 'core_group', at: '2026-01-20T10:00:00Z' }] });
    const keys = evaluate(f, loadProfile('swindon'), NOW).map((m) => m.key);
    expect(keys).not.toContain('statutory_visit');
    expect(keys).not.toContain('core_group');
    expect(keys).not.toContain('review');
  });

  it('stops plan milestones after a plan_ended event', () => {
    const f = facts({ conferences: [held], events: [{ kind: 'plan_ended', at: '2026-02-01T10:00:00Z' }] });
    const keys = evaluate(f, loadProfile('dudley'), NOW).map((m) => m.key);
    expect(keys).not.toContain('statutory_visit');
    expect(keys).not.toContain('review');
    expect(keys).toContain('minutes');
  });

  it('reviews six months after a review (later reviews)', () => {
    const f = facts({ conferences: [held, { id: 'r1', type: 'review', at: '2026-04-09T09:30:00Z', status: 'held', outcome: 'plan' }] });
    expect(byKey(evaluate(f, loadProfile('swindon'), NOW), 'review')).toMatchObject({ rule: 'swindon.later_review', due: '2026-10-09' });
  });

  it('reviews an unborn child within 3 months of the pre-birth conference until the birth, then the sooner of 4 weeks after it', () => {
    const prebirth = { ...held, prebirth: true };
    const child = { ref: 'C1', initials: 'U.B.', unborn: true };
    const before = facts({ children: [child], conferences: [prebirth] });
    expect(byKey(evaluate(before, loadProfile('swindon'), NOW), 'review')).toMatchObject({ rule: 'swindon.prebirth_review', due: '2026-04-14' });
    const after = facts({ children: [child], conferences: [prebirth], events: [{ kind: 'birth', at: '2026-02-10T03:00:00Z' }] });
    const m = byKey(evaluate(after, loadProfile('swindon'), NOW), 'review');
    expect(m).toMatchObject({ due: '2026-03-10', source: 'Swindon Multi-Agency Standards for Safeguarding Children, Child Protection Conferences standard 2' });
    expect(m?.explanation).toContain('the sooner of its deadlines');
  });

  it('uses the first core group date agreed at a Devon conference, else the national 10 working days', () => {
    const agreed = facts({ profile: 'devon', conferences: [{ ...held, firstCoreGroupDate: '2026-01-22' }] });
    expect(byKey(evaluate(agreed, loadProfile('devon'), NOW), 'first_core_group')).toMatchObject({ rule: 'devon.first_core_group', due: '2026-01-22' });
    const none = facts({ profile: 'devon', conferences: [held] });
    expect(byKey(evaluate(none, loadProfile('devon'), NOW), 'first_core_group')).toMatchObject({ rule: 'national.first_core_group', due: '2026-01-28' });
  });

  it('adds a Devon early review after a conference that proceeded inquorate', () => {
    const f = facts({ profile: 'devon', conferences: [{ ...held, quorum: { decision: 'proceeded_inquorate', reason: 'Delay would harm the child.' } }] });
    expect(byKey(evaluate(f, loadProfile('devon'), NOW), 'early_review')).toMatchObject({ due: '2026-02-14', status: 'overdue', owner: 'chair' });
    expect(byKey(evaluate(f, loadProfile('swindon'), NOW), 'early_review')).toBeUndefined();
  });

  it('adds a Devon early review after any inquorate conference held, decision recorded or not, labelled as Quorum\'s default', () => {
    const attended = [invitee('S. W.', 'CSC', 'childrens_social_care', 'attending', { role: 'social_worker' }), invitee('P. C.', 'Police', 'police', 'attending')];
    const f = facts({ profile: 'devon', conferences: [{ ...held, invitees: attended }] });
    const m = byKey(evaluate(f, loadProfile('devon'), NOW), 'early_review');
    expect(m).toMatchObject({ due: '2026-02-14', owner: 'chair' });
    expect(m!.explanation).toContain("(Quorum's default: 1 month, as the standard sets no interval)");
    expect(m!.explanation).toContain('(Devon Child Protection Service Practice Standards, Conference Participation)');
    // Quorate by its attendance, or attendance not recorded: no early review.
    const quorate = facts({ profile: 'devon', conferences: [{ ...held, invitees: [...attended, invitee('H. V.', 'Health', 'health', 'attending')] }] });
    expect(byKey(evaluate(quorate, loadProfile('devon'), NOW), 'early_review')).toBeUndefined();
    const unknown = facts({ profile: 'devon', conferences: [{ ...held, invitees: attended.map((i) => ({ ...i, response: 'no_reply' })) }] });
    expect(byKey(evaluate(unknown, loadProfile('devon'), NOW), 'early_review')).toBeUndefined();
  });

  it('keeps the Swindon dissent window due while open and closes it as met afterwards', () => {
    const f = facts({ conferences: [held] });
    expect(byKey(evaluate(f, loadProfile('swindon'), new Date('2026-01-20T09:00:00Z')), 'dissent_window')).toMatchObject({ status: 'due' });
    expect(byKey(evaluate(f, loadProfile('swindon'), NOW), 'dissent_window')).toMatchObject({ status: 'met', metAt: null });
  });
});

describe('evaluate: reports', () => {
  const conf = (invitees: unknown[]) => ({ id: 'c1', type: 'initial', at: '2026-01-19T10:00:00Z', invitees });

  it('is met only when every professional who has not declined has submitted', () => {
    const some = facts({ profile: 'devon', conferences: [conf([invitee('P. C.', 'Police', 'police', 'attending', { reportSubmittedAt: '2026-01-15T10:00:00Z' }), invitee('H. V.', 'Health', 'health', 'no_reply')])] });
    expect(byKey(evaluate(some, loadProfile('devon'), NOW), 'reports')).toMatchObject({ status: 'overdue', metAt: null });
    const all = facts({ profile: 'devon', conferences: [conf([invitee('P. C.', 'Police', 'police', 'attending', { reportSubmittedAt: '2026-01-15T10:00:00Z' }), invitee('H. V.', 'Health', 'health', 'declined')])] });
    expect(byKey(evaluate(all, loadProfile('devon'), NOW), 'reports')).toMatchObject({ status: 'met', metAt: '2026-01-15T10:00:00.000Z' });
  });

  it('gives an hours rule its exact instant: Devon ICPC reports 48 h before a Monday 10:00 are due Friday 17:00', () => {
    const f = facts({ profile: 'devon', conferences: [conf([])] });
    expect(byKey(evaluate(f, loadProfile('devon'), NOW), 'reports')).toMatchObject({ due: '2026-01-16', dueAt: '2026-01-16T17:00:00.000Z' });
  });

  it('marks a report submitted one minute after an hours deadline as late', () => {
    const f = facts({ profile: 'devon', conferences: [conf([invitee('P. C.', 'Police', 'police', 'attending', { reportSubmittedAt: '2026-01-16T17:01:00Z' })])] });
    expect(byKey(evaluate(f, loadProfile('devon'), NOW), 'reports')).toMatchObject({ status: 'met', late: true });
  });

  it('does not expect Devon police to share their report with the family', () => {
    const f = facts({ profile: 'devon', conferences: [conf([invitee('P. C.', 'Police', 'police', 'attending'), invitee('H. V.', 'Health', 'health', 'attending', { reportSharedAt: '2026-01-14T10:00:00Z' })])] });
    expect(byKey(evaluate(f, loadProfile('devon'), NOW), 'reports_to_family')).toMatchObject({ status: 'met', due: '2026-01-16' });
    expect(byKey(evaluate(f, loadProfile('swindon'), NOW), 'reports_to_family')).toMatchObject({ status: 'overdue' });
  });
});

describe('evaluate performance', () => {
  // Speed is measured by `npm run bench`, not here; this checks repeated evaluation is pure.
  it('gives the same milestones when evaluated again and again', () => {
    const f = example();
    const profile = loadProfile('swindon');
    const first = evaluate(f, profile, NOW);
    for (let i = 0; i < 50; i++) expect(evaluate(f, profile, NOW)).toEqual(first);
  });
});
