// Pure planning: each kind of nudge at the right moments and not at others. No database.
import { describe, expect, it } from 'vitest';
import { planCaseNudges, type ExistingNudge, type PlannedNudge } from '../../src/bot/core/nudges/index.js';
import { loadProfile } from '../../src/rules/profiles.js';
import { CONF_AT, EMAILS, silentInviteesCase } from './support/fixtures.js';
import { planInput } from './support/plan-input.js';

const due = (list: PlannedNudge[], now: Date) => list.filter((n) => n.dueAt <= now).map((n) => n.key);
const kinds = (list: PlannedNudge[]) => [...new Set(list.map((n) => n.kind))].sort();

function existing(n: PlannedNudge, status: string, over: Partial<ExistingNudge> = {}): ExistingNudge {
  return { id: 1, key: n.key, kind: n.kind, step: n.step, status, dueAt: n.dueAt, conferenceId: n.conferenceId ?? null, recipientId: n.recipientId, chain: n.chain, ...over };
}

describe('planCaseNudges', () => {
  const input = planInput(silentInviteesCase());
  const id = (email: string) => input.ids.get(email)!;

  it('plans nothing due before the first reminder day', () => {
    const list = planCaseNudges(input, new Date('2026-01-06T09:00:00Z'));
    expect(due(list, new Date('2026-01-06T09:00:00Z'))).toEqual([]);
    expect(list.length).toBeGreaterThan(0);
  });

  it('chases silent invitees 5 and 2 working days before the conference', () => {
    const keys = (now: string) => due(planCaseNudges(input, new Date(now)), new Date(now)).filter((k) => k.startsWith('reply_chase'));
    expect(keys('2026-01-07T09:00:00Z')).toEqual([`reply_chase:c1/icpc-1:2026-01-14:p${id(EMAILS.health)}:wd5`, `reply_chase:c1/icpc-1:2026-01-14:p${id(EMAILS.school)}:wd5`]);
    expect(keys('2026-01-12T09:00:00Z')).toEqual([`reply_chase:c1/icpc-1:2026-01-14:p${id(EMAILS.health)}:wd2`, `reply_chase:c1/icpc-1:2026-01-14:p${id(EMAILS.school)}:wd2`]);
  });

  it('reminds report authors 2 working days before and on the morning of the deadline, then once overdue', () => {
    const steps = (now: string) => due(planCaseNudges(input, new Date(now)), new Date(now)).filter((k) => k.startsWith(`report_due:c1/icpc-1:2026-01-09:p${id(EMAILS.health)}`)).map((k) => k.split(':').pop());
    expect(steps('2026-01-07T09:00:00Z')).toEqual(['wd2']);
    expect(steps('2026-01-09T09:00:00Z')).toEqual(['wd0']);
    expect(steps('2026-01-09T17:00:00Z')).toEqual(['overdue']);
    // Police have sent theirs: no reminder for them.
    expect(due(planCaseNudges(input, new Date('2026-01-09T09:00:00Z')), new Date('2026-01-09T09:00:00Z')).some((k) => k.includes(`p${id(EMAILS.police)}:`))).toBe(false);
  });

  it('escalates missing reports to the chair and social worker, listed by agency', () => {
    const now = new Date('2026-01-09T17:00:00Z');
    const esc = planCaseNudges(input, now).filter((n) => n.kind === 'report_overdue');
    expect(esc.map((n) => n.recipientId).sort()).toEqual([id(EMAILS.chair), id(EMAILS.socialWorker)].sort());
    const list = esc[0]!.view.blocks.find((b) => b.type === 'list');
    expect(list).toEqual({ type: 'list', items: ['Health Visiting: Hana Health', 'Oak Primary: Eli School'] });
  });

  it('catches up once after downtime: only the latest due step of a chain', () => {
    const now = new Date('2026-01-12T09:00:00Z');
    const report = due(planCaseNudges(input, now), now).filter((k) => k.startsWith(`report_due:c1/icpc-1:2026-01-09:p${id(EMAILS.health)}`));
    expect(report).toEqual([`report_due:c1/icpc-1:2026-01-09:p${id(EMAILS.health)}:overdue`]);
    const quorum = due(planCaseNudges(input, now), now).filter((k) => k.startsWith(`quorum:c1/icpc-1:2026-01-14:p${id(EMAILS.chair)}:`));
    expect(quorum).toEqual([`quorum:c1/icpc-1:2026-01-14:p${id(EMAILS.chair)}:d2026-01-12`]);
  });

  it('alerts the chair, social worker and admin daily from 5 working days before while inquorate', () => {
    const on = (now: string) => due(planCaseNudges(input, new Date(now)), new Date(now)).filter((k) => k.startsWith('quorum:')).map((k) => k.split(':').slice(-2).join(':'));
    expect(on('2026-01-06T09:00:00Z')).toEqual([]);
    expect(on('2026-01-07T09:00:00Z').sort()).toEqual([`p${id(EMAILS.chair)}:d2026-01-07`, `p${id(EMAILS.socialWorker)}:d2026-01-07`, `p${id(EMAILS.admin)}:d2026-01-07`].sort());
    const view = planCaseNudges(input, new Date('2026-01-07T09:00:00Z')).find((n) => n.kind === 'quorum')!.view;
    const text = JSON.stringify(view);
    expect(text).toContain('No reply yet from: Hana Health, Eli School');
    expect(text).toContain('needs 1 more agency');
  });

  it('stops a chain when its person acts', () => {
    const acted = silentInviteesCase();
    const conf = (acted.conferences as { invitees: Record<string, unknown>[] }[])[0]!;
    Object.assign(conf.invitees[2]!, { response: 'report_only', reportSubmittedAt: '2026-01-07T10:00:00Z' });
    const now = new Date('2026-01-09T09:00:00Z');
    const list = planCaseNudges(planInput(acted), now);
    expect(list.some((n) => n.recipientId === id(EMAILS.health) && (n.kind === 'report_due' || n.kind === 'reply_chase'))).toBe(false);
    expect(list.some((n) => n.recipientId === id(EMAILS.school) && n.kind === 'report_due')).toBe(true);
  });

  it('says "now quorate" once when attendance makes quorum, and ends the daily alerts', () => {
    const q = silentInviteesCase();
    (q.conferences as { invitees: Record<string, unknown>[] }[])[0]!.invitees[2]!.response = 'attending';
    const qInput = planInput(q);
    const now = new Date('2026-01-08T11:00:00Z');
    const list = planCaseNudges(qInput, now);
    expect(list.filter((n) => n.kind === 'quorum')).toEqual([]);
    const changes = list.filter((n) => n.kind === 'quorum_change');
    expect(changes.map((n) => n.step)).toEqual(['quorate-1', 'quorate-1', 'quorate-1']);
    expect(changes.every((n) => n.dueAt.getTime() === now.getTime())).toBe(true);
    // Once it is in the outbox, the same row is planned again, not a new one.
    const again = planCaseNudges({ ...qInput, existing: changes.map((n) => existing(n, 'sent')) }, new Date('2026-01-09T11:00:00Z'));
    expect(again.filter((n) => n.kind === 'quorum_change').map((n) => n.key)).toEqual(changes.map((n) => n.key));
  });

  it('alerts when quorum drops back, and drops an unsent "now quorate" the state turned back from', () => {
    const q = silentInviteesCase();
    (q.conferences as { invitees: Record<string, unknown>[] }[])[0]!.invitees[2]!.response = 'attending';
    const turned = planCaseNudges(planInput(q), new Date('2026-01-08T11:00:00Z')).filter((n) => n.kind === 'quorum_change');
    const now = new Date('2026-01-08T12:00:00Z');
    const sent = planCaseNudges({ ...input, existing: turned.map((n) => existing(n, 'sent')) }, now).filter((n) => n.kind === 'quorum_change');
    expect(sent.map((n) => n.step)).toEqual(['inquorate-2', 'inquorate-2', 'inquorate-2']);
    expect(JSON.stringify(sent[0]!.view)).toContain('no longer quorate');
    const unsent = planCaseNudges({ ...input, existing: turned.map((n) => existing(n, 'pending')) }, now).filter((n) => n.kind === 'quorum_change');
    expect(unsent).toEqual([]);
  });

  it('moves every key with the conference when it is rescheduled', () => {
    const moved = silentInviteesCase();
    (moved.conferences as { at: string }[])[0]!.at = '2026-01-21T10:00:00Z';
    const now = new Date('2026-01-07T09:00:00Z');
    const before = new Set(planCaseNudges(input, now).map((n) => n.key));
    const after = planCaseNudges(planInput(moved), now);
    expect(after.some((n) => before.has(n.key) && n.kind !== 'quorum_change')).toBe(false);
    expect(due(after, now).filter((k) => k.startsWith('reply_chase'))).toEqual([]);
  });

  it('skips weekends and bank holidays when counting back', () => {
    const early = silentInviteesCase('CP-0002', { events: [{ kind: 'strategy_discussion', at: '2025-12-12T11:00:00Z' }] } as never);
    (early.conferences as { at: string }[])[0]!.at = '2026-01-07T10:00:00Z';
    const list = planCaseNudges(planInput(early), new Date('2025-12-20T09:00:00Z'));
    const wd5 = list.find((n) => n.kind === 'reply_chase' && n.step === 'wd5')!;
    // 7 Jan back 5 working days skips 1 Jan, the weekend, Boxing Day and Christmas: Tue 30 Dec.
    expect(wd5.dueAt.toISOString()).toBe('2025-12-30T09:00:00.000Z');
  });

  it('asks authors to share reports with the family, except sectors the profile exempts (Devon: police)', () => {
    const devon = silentInviteesCase('CP-D', { profile: 'devon' } as never);
    const invitees = (devon.conferences as { invitees: Record<string, unknown>[] }[])[0]!.invitees;
    Object.assign(invitees[1]!, { reportSharedAt: null });
    Object.assign(invitees[2]!, { reportSubmittedAt: '2026-01-05T10:00:00Z', response: 'attending' });
    const list = planCaseNudges(planInput(devon), new Date('2026-01-08T09:00:00Z'));
    const share = list.filter((n) => n.kind === 'report_share');
    const ids = planInput(devon).ids;
    expect([...new Set(share.map((n) => n.recipientId))]).toEqual([ids.get(EMAILS.health)]);
  });

  it('honours a profile override of the timings', () => {
    const profile = { ...loadProfile('swindon'), nudges: { replyChaseDays: [3] } };
    const list = planCaseNudges({ ...input, profile }, new Date('2026-01-05T09:00:00Z'));
    expect([...new Set(list.filter((n) => n.kind === 'reply_chase').map((n) => n.step))]).toEqual(['wd3']);
  });

  it('lets a snooze cover the steps due before it', () => {
    const now = new Date('2026-01-12T09:00:00Z');
    const chase = planCaseNudges(input, now).find((n) => n.kind === 'reply_chase' && n.recipientId === id(EMAILS.health))!;
    const snooze = existing(chase, 'pending', { key: `${chase.chain}:snooze-2026-01-13`, step: 'snooze-2026-01-13', dueAt: new Date('2026-01-13T09:00:00Z') });
    const list = planCaseNudges({ ...input, existing: [snooze] }, now).filter((n) => n.chain === chase.chain);
    expect(list.map((n) => n.step)).toEqual(['snooze-2026-01-13']);
  });

  it('warns when an initial conference is not booked after 10 of its 15 working days, then escalates', () => {
    const unbooked = silentInviteesCase('CP-U', { conferences: [] } as never);
    const uInput = planInput(unbooked);
    const list = planCaseNudges(uInput, new Date('2026-01-05T09:00:00Z')).filter((n) => n.kind === 'timescale');
    const byStep = Object.fromEntries(list.map((n) => [`${n.step}:${n.recipientId}`, n.dueAt.toISOString()]));
    const admin = uInput.ids.get(EMAILS.admin)!;
    const manager = uInput.ids.get(EMAILS.manager)!;
    // Strategy discussion Fri 19 Dec 2025: working day 10 ends Wed 7 Jan, the deadline (day 15) is Wed 14 Jan.
    expect(byStep[`unbooked:${admin}`]).toBe('2026-01-08T09:00:00.000Z');
    expect(byStep[`overdue:${admin}`]).toBe('2026-01-14T17:00:00.000Z');
    expect(byStep[`escalate:${manager}`]).toBe('2026-01-16T09:00:00.000Z');
  });

  it('warns at once when a conference is booked past its deadline', () => {
    const late = silentInviteesCase('CP-L');
    (late.conferences as { at: string }[])[0]!.at = '2026-01-20T10:00:00Z';
    const now = new Date('2026-01-06T10:17:00Z');
    const list = planCaseNudges(planInput(late), now).filter((n) => n.kind === 'timescale');
    expect(list.map((n) => n.step)).toEqual(['booked_late', 'booked_late']);
    expect(list[0]!.dueAt).toEqual(now);
    expect(list[0]!.deadline).toBe('2026-01-14>2026-01-20');
  });

  it('reminds owners of deadlines after the conference and escalates to the team manager', () => {
    const held = silentInviteesCase('CP-H');
    Object.assign((held.conferences as Record<string, unknown>[])[0]!, { status: 'held', at: '2026-01-05T10:00:00Z', outcome: 'plan' });
    const hInput = planInput(held);
    const list = planCaseNudges(hInput, new Date('2026-01-06T09:00:00Z')).filter((n) => n.kind === 'timescale');
    const minutes = list.filter((n) => n.key.includes('/minutes/'));
    // Swindon gives the minutes to the conference admin.
    const owner = hInput.ids.get(EMAILS.admin)!;
    expect(minutes.map((n) => `${n.step}:${n.recipientId}`).sort()).toEqual([`before:${owner}`, `escalate:${hInput.ids.get(EMAILS.manager)}`, `overdue:${owner}`].sort());
    expect(kinds(list)).toEqual(['timescale']);
    expect(list.some((n) => n.key.includes('/first_core_group/'))).toBe(true);
    expect(list.some((n) => n.key.includes('/review'))).toBe(true);
  });

  it('names the case and the standard in every nudge, and never a child', () => {
    const all = [
      ...planCaseNudges(input, new Date('2026-01-12T09:00:00Z')),
      ...planCaseNudges(planInput(silentInviteesCase('CP-U', { conferences: [] } as never)), new Date('2026-01-20T09:00:00Z')),
    ];
    expect(all.length).toBeGreaterThan(10);
    for (const n of all) {
      const text = JSON.stringify(n.view);
      expect(text).toContain(n.caseRef);
      expect(n.view.blocks.some((b) => b.type === 'context' && b.text.startsWith('Standard: '))).toBe(true);
      expect(text).not.toContain('A.B.');
    }
  });

  it('plans nothing for a closed case or a conference in the past', () => {
    expect(planCaseNudges(planInput(silentInviteesCase('CP-C', { status: 'closed' } as never)), new Date('2026-01-07T09:00:00Z'))).toEqual([]);
    const after = planCaseNudges(input, new Date(Date.parse(CONF_AT) + 60_000));
    expect(after.some((n) => n.kind !== 'timescale')).toBe(false);
  });
});
