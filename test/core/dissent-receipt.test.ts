// The receipt after a dissent says who was really told, by name and role, and when: a case with no
// chair tells the conference admin (and says so), and outside nudge hours it says when they will be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, submitForm } from '../../src/bot/core/index.js';
import type { CoreDeps } from '../../src/bot/core/types.js';
import { importCases } from '../../src/store/import.js';
import { ctxFor, roleCase } from '../support/core-case.js';
import { openTestStore, type TestStore } from '../support/databases.js';

const VIEW = 'The family support charity sees steady progress.';

async function lodge(deps: CoreDeps, ref: string, now: Date): Promise<string> {
  const open = await runCommand(deps, ctxFor('core_group', now), `dissent ${ref}`);
  const reply = await submitForm(deps, ctxFor('core_group', now), 'dissent', open.form!.state, { decision: 'plan', view: VIEW, formal: 'formal' });
  expect(reply.error).toBeUndefined();
  return JSON.stringify(reply.view);
}

describe('the dissent receipt', () => {
  let store: TestStore;
  let deps: CoreDeps;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    deps = { store, nudgeHours: { start: 8, end: 18 } };
    const noChair = roleCase('CP-NOCHAIR', 'devon');
    noChair.members = noChair.members.filter((m) => m.role !== 'chair');
    await importCases(store, { cases: [roleCase('CP-SWIN'), noChair] }, { actor: 'test', correlationId: 'c' });
  });
  afterAll(() => store.close());

  it('says the conference admin is told when the case has no chair', async () => {
    const receipt = await lodge(deps, 'CP-NOCHAIR', new Date('2026-04-08T10:00:00Z'));
    expect(receipt).toContain('There is no chair on this case, so the conference admin is told instead. Told: Abe Admin (conference admin).');
    expect(receipt).not.toContain('has been told');
    // Devon's own route, with its standard.
    expect(receipt).toContain('Devon records professional dissent in the conference minutes, and formal concerns go through its resolution policy (Devon Child Protection Service Practice Standards, Decision Making at a Conference).');
  });

  it('says when the chair and QA manager will be told when it is lodged outside nudge hours', async () => {
    // Thursday 2 April 2026 at 20:00 London; then Good Friday, the weekend and Easter Monday.
    const receipt = await lodge(deps, 'CP-SWIN', new Date('2026-04-02T19:00:00Z'));
    expect(receipt).toContain('Will be told at 08:00 on Tue 7 Apr 2026: Cara Chair (chair) and Quin Manager (QA manager).');
    expect(receipt).toContain('Swindon sends formal dissent to the QA manager as well as the chair (Swindon Multi-Agency Standards for Safeguarding Children, Child Protection Conferences standard 9).');
  });
});

describe('the dissent form', () => {
  let store: TestStore;
  let deps: CoreDeps;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    deps = { store };
    await importCases(store, { cases: [roleCase('CP-FORM')] }, { actor: 'test', correlationId: 'c' });
  });
  afterAll(() => store.close());

  it('names the decision, says how formal differs from recorded only (with the standard), and shows a dissent already recorded', async () => {
    const now = new Date('2026-01-26T10:00:00Z');
    const first = JSON.stringify((await runCommand(deps, ctxFor('core_group', now), 'dissent CP-FORM')).form);
    expect(first).toContain('The decision: K.L.: a child protection plan (category: neglect).');
    expect(first).toContain('Formal dissent goes to the chair and the QA manager (Swindon Multi-Agency Standards for Safeguarding Children, Child Protection Conferences standard 9), by the date below.');
    expect(first).toContain('Recorded only: your view is kept with the conference record');
    expect(first).not.toContain('You already recorded');
    await lodge(deps, 'CP-FORM', now);
    const again = (await runCommand(deps, ctxFor('core_group', now), 'dissent CP-FORM')).form!;
    expect(JSON.stringify(again.intro)).toContain(`You already recorded formal dissent on the plan decision: \\"${VIEW}\\". Sending this form again replaces it`);
    expect(again.fields.find((f) => f.id === 'formal')).toMatchObject({ initial: 'formal', requiredMessage: 'Choose formal dissent or recorded only.' });
  });
});
