import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, runCommand, submitForm } from '../../src/bot/core/index.js';
import type { Form, FormValues } from '../../src/bot/core/types.js';
import { evaluate } from '../../src/rules/milestones.js';
import { loadProfile } from '../../src/rules/profiles.js';
import { listAudit } from '../../src/store/audit.js';
import { findCaseByRef, loadCase } from '../../src/store/cases.js';
import { findPersonByEmail } from '../../src/store/people.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { bookingCase, count, ctx, deps, P, seed, snapshot } from './support.js';

const AFTER = new Date('2026-01-20T12:00:00Z');
const STATE = { a: 'outcome_open', c: 'CP-CONF', f: 'icpc-1' } as const;

describe.each(DB_KINDS)('conference outcome (%s)', (kind) => {
  let store: TestStore;
  let d: ReturnType<typeof deps>;
  let sw2Id: string;
  let form: Form;
  beforeAll(async () => {
    store = await openTestStore(kind);
    d = deps(store);
    await seed(store, bookingCase('CP-NAT', 'national'));
    expect((await runCommand(d, ctx('admin'), 'schedule CP-CONF initial 2026-01-20 10:00')).error).toBeUndefined();
    expect((await runCommand(d, ctx('admin'), 'schedule CP-NAT initial 2026-01-20 10:00')).error).toBeUndefined();
    sw2Id = String((await findPersonByEmail(store.db, P.sw2.email))!.id);
  });
  afterAll(() => store.close());

  const good = (): FormValues => ({ child_1: 'plan:neglect', child_2: 'plan:emotional', severe_persistent: true, quorum: 'quorate', first_core_group: '2026-01-30', lead_social_worker: sw2Id });

  it('refuses to take the outcome before the conference has started', async () => {
    const reply = await runCommand(d, ctx('chair'), 'outcome CP-CONF');
    expect(reply.error?.code).toBe('NOT_YET_HELD');
  });

  it.each([['admin'], ['sw'], ['tm']] as const)('refuses the outcome to the %s: it is the chair\'s', async (who) => {
    expect((await runCommand(d, ctx(who, AFTER), 'outcome CP-CONF')).error?.code).toBe('NOT_ALLOWED');
    expect((await submitForm(d, ctx(who, AFTER), 'outcome', STATE, good())).error?.code).toBe('NOT_ALLOWED');
  });

  it('refuses a non-member without a word about the case', async () => {
    const reply = await runCommand(d, ctx('outsider', AFTER), 'outcome CP-CONF');
    expect(reply.error?.code).toBe('NOT_A_MEMBER');
    expect(JSON.stringify(reply)).not.toMatch(/K\.L\.|Initial conference/);
  });

  it('gives the chair the form: a decision per child by initials, the Swindon toggle, quorum, core group date, lead social worker', async () => {
    const reply = await runCommand(d, ctx('chair', AFTER), 'outcome CP-CONF');
    expect(reply.error).toBeUndefined();
    form = reply.form!;
    expect(form.id).toBe('outcome');
    expect(form.state).toEqual(STATE);
    expect(form.fields.map((f) => f.id)).toEqual(['child_1', 'child_2', 'severe_persistent', 'quorum', 'inquorate_reason', 'first_core_group', 'lead_social_worker']);
    const child = form.fields[0]!;
    expect(child.label).toContain('K.L.');
    expect(child.type === 'choice' && child.options.map((o) => o.value)).toEqual(['no_plan', 'plan:neglect', 'plan:physical', 'plan:emotional', 'plan:sexual']);
    const lead = form.fields.at(-1)!;
    expect(lead.type === 'choice' && lead.options.map((o) => o.label)).toEqual([expect.stringContaining('Sid Worker'), expect.stringContaining('Sue Worker')]);
    expect(form.fields.find((f) => f.id === 'first_core_group')?.type).toBe('date');
  });

  it('opens the same form from the outcome_open button', async () => {
    const reply = await runAction(d, ctx('chair', AFTER), STATE);
    expect(reply.form).toEqual(form);
  });

  it('leaves out the severe-and-persistent toggle where the partnership does not ask for it', async () => {
    const reply = await runCommand(d, ctx('chair', AFTER), 'outcome CP-NAT');
    expect(reply.form!.fields.map((f) => f.id)).not.toContain('severe_persistent');
  });

  it.each([
    ['a child with no decision', { child_2: undefined }, 'child_2', /M\.N\./],
    ['a category the partnership does not use', { child_1: 'plan:domestic_abuse' }, 'child_1', /K\.L\./],
    ['emotional abuse not confirmed severe and persistent', { severe_persistent: false }, 'severe_persistent', /M\.N\.: emotional abuse.*severe and persistent/],
    ['inquorate with no reason', { quorum: 'proceeded_inquorate' }, 'inquorate_reason', /Inquorate reason/],
    ['no quorum answer', { quorum: '' }, 'quorum', /Quorum/],
    ['a lead who is not a social worker on the case', { lead_social_worker: '999999' }, 'lead_social_worker', /Lead social worker/],
    ['a core group date that is not a date', { first_core_group: '30/01/2026' }, 'first_core_group', /First core group date/],
    ['a core group date before the conference', { first_core_group: '2026-01-19' }, 'first_core_group', /before the conference/],
    ['a core group date with no plan', { child_1: 'no_plan', child_2: 'no_plan' }, 'first_core_group', /no plan/],
  ] as const)('refuses %s, naming the field, and writes nothing', async (_what, patch, field, message) => {
    const before = await snapshot(store);
    const reply = await submitForm(d, ctx('chair', AFTER), 'outcome', STATE, { ...good(), ...patch } as FormValues);
    expect(reply.error).toMatchObject({ code: 'INVALID_FIELD', field });
    expect(reply.error!.message).toMatch(message);
    expect(await snapshot(store)).toBe(before);
  });

  it('records the outcome, starts the plan, and the post-conference deadlines appear, each naming its standard', async () => {
    const reply = await submitForm(d, ctx('chair', AFTER), 'outcome', STATE, good());
    expect(reply.error).toBeUndefined();
    const body = JSON.stringify(reply);
    expect(body).toContain('Plan: neglect');
    expect(body).toContain('Plan: emotional abuse');
    expect(body).toContain('Sue Worker');

    const row = (await findCaseByRef(store.db, 'CP-CONF'))!;
    expect(row.leadSocialWorkerId).toBe(Number(sw2Id));
    const loaded = (await loadCase(store.db, row.id))!;
    expect(loaded.facts.conferences[0]).toMatchObject({
      status: 'held',
      outcome: 'plan',
      outcomes: [
        { child: 'A', plan: true, category: 'neglect', severeAndPersistent: null },
        { child: 'B', plan: true, category: 'emotional', severeAndPersistent: true },
      ],
      quorum: { decision: 'quorate', reason: null },
      firstCoreGroupDate: '2026-01-30',
    });
    expect(loaded.facts.events.filter((e) => e.kind === 'plan_started')).toEqual([expect.objectContaining({ at: '2026-01-20T10:00:00.000Z', conference: 'icpc-1' })]);
    expect(await count(store, 'events', "kind = 'plan_started' and source = 'chat' and author_person_id is not null")).toBe(1);
    expect((await listAudit(store.db, 'CP-CONF')).map((a) => a.action)).toContain('OUTCOME_RECORDED');
    expect(d.replanned).toContain(row.id);

    const byKey = new Map(evaluate(loaded.facts, loadProfile('swindon'), AFTER).map((m) => [m.key, m]));
    for (const key of ['decision_sent', 'minutes', 'first_core_group', 'review', 'dissent_window', 'statutory_visit'] as const) {
      expect(byKey.get(key), key).toBeDefined();
      expect(byKey.get(key)!.explanation).toMatch(/Swindon Multi-Agency Standards for Safeguarding Children, /);
    }
    expect(byKey.get('first_core_group')!.due).toBe('2026-02-03');
    expect(byKey.get('review')!.due).toBe('2026-04-20');
    expect(body).toContain('First core group due by Tue 3 Feb 2026');
  });

  it('refuses a second outcome for the same conference', async () => {
    const reply = await submitForm(d, ctx('chair', AFTER), 'outcome', STATE, good());
    expect(reply.error?.code).toBe('ALREADY_RECORDED');
  });

  it('records an inquorate conference with its reason and no plan, with no plan_started event', async () => {
    const reply = await submitForm(d, ctx('chair', AFTER), 'outcome', { ...STATE, c: 'CP-NAT' }, { child_1: 'no_plan', child_2: 'no_plan', quorum: 'proceeded_inquorate', inquorate_reason: 'Only two agencies involved; delay would harm the children.' });
    expect(reply.error).toBeUndefined();
    const loaded = (await loadCase(store.db, (await findCaseByRef(store.db, 'CP-NAT'))!.id))!;
    expect(loaded.facts.conferences[0]).toMatchObject({ status: 'held', outcome: 'no_plan', quorum: { decision: 'proceeded_inquorate', reason: expect.stringContaining('Only two agencies') } });
    expect(loaded.facts.events.some((e) => e.kind === 'plan_started')).toBe(false);
  });
});
