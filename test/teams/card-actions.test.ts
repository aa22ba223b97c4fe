// `invoke` adaptiveCard/action activities (universal actions) as Teams sends them: the invoke
// response carries the updated card, and a retried invoke records nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, dissents, invitations, people } from '../../src/store/schema.js';
import { PLAYGROUND_USER } from '../../demo/cases.js';
import { DB_KINDS } from '../support/databases.js';
import { cardCheck } from './card-check.js';
import { actionsOf, cardOf, cardText, invokeActivity, messageActivity, startTeamsHarness, type TeamsHarness } from './harness.js';

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

describe.each(DB_KINDS)('teams card actions (%s)', (kind) => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness(kind);
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function myResponse(): Promise<string | undefined> {
    const [me] = await h.store.db.select().from(people).where(eq(people.email, PLAYGROUND_USER.email));
    const rows = await h.store.db.select().from(invitations).where(eq(invitations.personId, me!.id));
    return rows.find((r) => r.role === 'professional' && r.respondedAt !== null)?.response ?? rows.find((r) => r.role === 'professional')?.response;
  }

  async function attendanceCard() {
    const before = h.connector.calls.length;
    await h.post(messageActivity('attend DEMO-2', { serviceUrl: h.connector.url }));
    const [call] = await h.connector.waitFor((c) => c.kind === 'reply' && h.connector.calls.indexOf(c) >= before);
    return cardOf(call!.body);
  }

  it('updates the card in place when "Attending" is clicked, and records the answer once on retry', async () => {
    const card = await attendanceCard();
    const attending = actionsOf(card).find((a) => a.title === 'Attending');
    expect(attending).toMatchObject({ type: 'Action.Execute', verb: 'attend', data: { a: 'attend', c: 'DEMO-2' } });

    const click = invokeActivity(attending.verb, attending.data, { serviceUrl: h.connector.url, id: 'f:invoke-attend-1' });
    const first = await h.post(click);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    cardCheck(first.body.value);
    expect(cardText(first.body.value)).toMatch(/Your answer: Attending/);
    expect(cardText(first.body.value)).toMatch(/your answer is recorded/);
    expect(await myResponse()).toBe('attending');
    expect(h.kicks).toBeGreaterThan(0);

    // Teams retries the same invoke (same id): same answer, no second audit entry.
    const audits = () => h.store.db.select().from(auditLog).where(and(eq(auditLog.action, 'INVITATION_RESPONDED'), eq(auditLog.caseRef, 'DEMO-2')));
    const n = (await audits()).length;
    const retry = await h.post(click);
    expect(retry.body).toEqual(first.body);
    expect((await audits()).length).toBe(n);
  });

  it('answers a forged or unknown button with a message and keeps the card', async () => {
    const res = await h.post(invokeActivity('attend', { a: 'attend', c: 'DEMO-2; drop table' }, { serviceUrl: h.connector.url }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(res.body.value).toMatch(/not one I recognise/);
    const res2 = await h.post(invokeActivity('launch_rockets', { a: 'launch_rockets', c: 'DEMO-2' }, { serviceUrl: h.connector.url }));
    expect(res2.body.type).toBe('application/vnd.microsoft.activity.message');
  });

  it('opens the dissent form as a card with inputs, and records a valid submission once', async () => {
    const before = h.connector.calls.length;
    await h.post(messageActivity('dissent DEMO-3', { serviceUrl: h.connector.url }));
    const [call] = await h.connector.waitFor((c) => c.kind === 'reply' && h.connector.calls.indexOf(c) >= before);
    const form = cardOf(call!.body);
    cardCheck(form);
    const inputs = JSON.stringify(form);
    expect(inputs).toContain('"Input.ChoiceSet"');
    expect(inputs).toContain('"Input.Text"');
    const submit = actionsOf(form).find((a) => a.verb === 'form_submit');
    expect(submit.data).toMatchObject({ form: 'dissent', state: { c: 'DEMO-3' } });
    expect(cardText(form)).toMatch(/Any formal dissent due by/);

    // Too short a view: refused with a message, nothing written.
    const short = await h.post(invokeActivity('form_submit', { ...submit.data, decision: 'category', view: 'no', formal: 'formal' }, { serviceUrl: h.connector.url }));
    expect(short.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(await h.store.db.select().from(dissents).where(eq(dissents.personId, -1))).toHaveLength(0);
    const count = async () => (await h.store.db.select().from(dissents)).length;
    const n = await count();

    const values = { ...submit.data, decision: 'category', view: 'The category should be emotional abuse, not neglect.', formal: 'formal' };
    const ok = await h.post(invokeActivity('form_submit', values, { serviceUrl: h.connector.url, id: 'f:invoke-dissent-1' }));
    expect(ok.body.type).toBe(CARD_TYPE);
    cardCheck(ok.body.value);
    expect(await count()).toBe(n + 1);
    await h.post(invokeActivity('form_submit', values, { serviceUrl: h.connector.url, id: 'f:invoke-dissent-1' }));
    expect(await count()).toBe(n + 1);
  });
});
