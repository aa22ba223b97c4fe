// The attendance card end to end: /cp attend, a click, the card replaced in place, until the
// conference is quorate; clicks from a DM nudge and from App Home; retries and strangers.
import type { Button } from '@slack/types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/bot/scheduler/index.js';
import { DB_KINDS } from '../support/databases.js';
import { caseFixture, importFile, INVITEES } from '../support/fixtures.js';
import { buttonFor, startHarness, textOf, type Harness } from './support/harness.js';
import { auditActions, responseOf } from './support/queries.js';
import { expectValidTraffic } from './support/traffic.js';

const NOW = new Date('2026-01-16T10:00:00Z');

describe.each(DB_KINDS)('slack attendance card (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    // A change re-plans the case's nudges in the same transaction, always.
    h = await startHarness(kind, importFile(caseFixture(), caseFixture({ ref: 'CP-0003' })), NOW);
    h.fake.emails.set('UNOBODY01', 'nobody@elsewhere.example');
  });
  afterAll(() => h.close());
  afterEach(() => {
    expectValidTraffic(h.fake);
    h.fake.reset();
  });

  async function cardFor(user: string, ref = 'CP-0001') {
    const id = `card-${user}-${Math.random()}`;
    await h.command(user, `attend ${ref}`, { responseId: id });
    const [reply] = await h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === id));
    return reply!.body.blocks;
  }

  async function clickAndWait(user: string, button: Button, opts: Parameters<Harness['click']>[2] = {}) {
    const responseId = opts.responseId ?? `click-${Math.random()}`;
    const before = h.fake.calls.length;
    const started = Date.now();
    const res = await h.click(user, button, { ...opts, responseId });
    expect(res.status).toBe(200);
    // Slack drops a request not acknowledged within 3 s: a protocol limit, not a speed target.
    expect(Date.now() - started).toBeLessThan(3000);
    await h.fake.waitFor(() => [...h.fake.responses.filter((r) => r.id === responseId), ...h.fake.calls.slice(before).filter((c) => c.method !== 'users.info')]);
    return { response: h.fake.responses.find((r) => r.id === responseId), calls: h.fake.calls.slice(before) };
  }

  async function quorumLine(): Promise<string> {
    const id = `case-${Math.random()}`;
    await h.command('UCHAIR001', 'case CP-0001', { responseId: id });
    const [reply] = await h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === id));
    return textOf(reply!.body.blocks);
  }

  it('records answers from the card, replacing it in place, until the conference is quorate', async () => {
    expect(await quorumLine()).toContain('NOT quorate');

    // Police answer from the ephemeral card /cp attend showed: replaced through the response_url.
    const police = await clickAndWait('UPOLICE01', buttonFor(await cardFor('UPOLICE01'), 'attend'));
    expect(police.response!.body).toMatchObject({ replace_original: true });
    expect(textOf(police.response!.body.blocks)).toContain('Thank you: your answer is recorded.');
    expect(textOf(police.response!.body.blocks)).toContain('Attending');
    expect(await responseOf(h.store, INVITEES.police.email, 'CP-0001')).toEqual(['attending']);
    expect(await quorumLine()).toContain('NOT quorate');

    // Health answer from a DM nudge (a real bot message): replaced with chat.update.
    const dm = { type: 'message', is_ephemeral: false, channel_id: 'DHEALTH01', message_ts: '1700000000.000200' };
    const health = await clickAndWait('UHEALTH01', buttonFor(await cardFor('UHEALTH01'), 'attend'), { container: dm });
    const update = health.calls.find((c) => c.method === 'chat.update');
    expect(update!.args).toMatchObject({ channel: 'DHEALTH01', ts: '1700000000.000200' });
    expect(textOf(update!.args.blocks)).toContain('Thank you: your answer is recorded.');

    const now = await quorumLine();
    expect(now).toContain('quorate');
    expect(now).not.toContain('NOT quorate');
    expect(await auditActions(h.store, 'CP-0001', 'INVITATION_RESPONDED')).toBe(2);
    expect(h.kicks).toBeGreaterThanOrEqual(2); // the dispatcher is told at once

    // The dispatcher sends the outbox through the Slack sender: the chair hears it is now quorate.
    await dispatch(h.store.db, NOW, { senders: h.mounted.senders! });
    const toChair = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'UCHAIR001');
    expect(toChair.map((c) => String(c.args.text)).join('\n')).toContain('now quorate');
  });

  it('records nothing twice when the same click is retried', async () => {
    const card = await cardFor('UPOLICE01', 'CP-0003');
    await clickAndWait('UPOLICE01', buttonFor(card, 'decline'), { actionTs: '1768557600.000001' });
    await clickAndWait('UPOLICE01', buttonFor(card, 'report_only'), { actionTs: '1768557601.000001' });
    const retry = await clickAndWait('UPOLICE01', buttonFor(card, 'decline'), { actionTs: '1768557600.000001', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(textOf(retry.response!.body.blocks)).toContain('Declined'); // the first reply, replayed
    expect(await auditActions(h.store, 'CP-0003', 'INVITATION_RESPONDED')).toBe(2);
    expect(await responseOf(h.store, INVITEES.police.email, 'CP-0003')).toEqual(['report_only']); // the later answer stands
  });

  it('opens the deputy form as a modal when the card asks who is coming', async () => {
    const { calls } = await clickAndWait('UHEALTH01', buttonFor(await cardFor('UHEALTH01', 'CP-0003'), 'deputy'));
    const open = calls.find((c) => c.method === 'views.open');
    expect(open!.args.view).toMatchObject({ callback_id: 'quorum_form:deputy' });
  });

  it('tells a stranger and an uninvited member nothing, and writes nothing', async () => {
    const button = buttonFor(await cardFor('UHEALTH01', 'CP-0003'), 'attend');
    const before = await auditActions(h.store, 'CP-0003', 'INVITATION_RESPONDED');
    const stranger = await clickAndWait('UNOBODY01', button);
    expect(textOf(stranger.response!.body.blocks)).toContain("I don't know you yet");
    expect(stranger.response!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const chair = await clickAndWait('UCHAIR001', button);
    expect(textOf(chair.response!.body.blocks)).toMatch(/not (invited|allowed)|does not allow/);
    expect(await auditActions(h.store, 'CP-0003', 'INVITATION_RESPONDED')).toBe(before);
  });

  it('answers a forged or broken button value with a clear message', async () => {
    const forged = await clickAndWait('UPOLICE01', { type: 'button', action_id: 'quorum:attend:0_0_0', text: { type: 'plain_text', text: 'x' }, value: '{"a":"drop_tables","c":"CP-0001"}' });
    expect(textOf(forged.response!.body.blocks)).toContain('not one I recognise');
    const broken = await clickAndWait('UPOLICE01', { type: 'button', action_id: 'quorum:attend:0_0_0', text: { type: 'plain_text', text: 'x' }, value: 'not json' });
    expect(textOf(broken.response!.body.blocks)).toContain('not one I recognise');
  });

  it('publishes App Home with the cards waiting, and re-publishes it after a click there', async () => {
    const res = await h.event({ type: 'app_home_opened', user: 'UHEALTH01', channel: 'DHEALTH01', tab: 'home', event_ts: '1.1' });
    expect(res.status).toBe(200);
    const [publish] = await h.fake.waitFor(() => h.fake.callsTo('views.publish'));
    expect(publish!.args.user_id).toBe('UHEALTH01');
    expect(publish!.args.view.type).toBe('home');
    expect(textOf(publish!.args.view.blocks)).toContain('Waiting for your answer');
    const button = buttonFor(publish!.args.view.blocks, 'decline'); // CP-0001 is answered: CP-0003 waits
    expect(JSON.parse(button.value!)).toMatchObject({ c: 'CP-0003' });
    const home = { type: 'home', id: 'VHOME0001', hash: 'hh' };
    const { calls } = await clickAndWait('UHEALTH01', button, { view: home, container: { type: 'view', view_id: 'VHOME0001' } });
    expect(calls.some((c) => c.method === 'views.publish')).toBe(true);
    expect(await responseOf(h.store, INVITEES.health.email, 'CP-0003')).toEqual(['declined']);
  });

  it('ignores the messages tab opening', async () => {
    await h.event({ type: 'app_home_opened', user: 'UHEALTH01', channel: 'DHEALTH01', tab: 'messages', event_ts: '1.2' });
    await new Promise((r) => setTimeout(r, 150));
    expect(h.fake.callsTo('views.publish')).toHaveLength(0);
  });
});
