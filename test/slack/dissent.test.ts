// The dissent form end to end: /cp dissent opens a modal, a bad value stays on its field, a good
// one closes the modal, is stored once (even when Slack retries), tells the chair, and DMs the user.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases.js';
import { caseFixture, importFile } from '../support/fixtures.js';
import { startHarness, textOf, type Harness } from './support/harness.js';
import { countDissents, outboxKinds } from './support/queries.js';
import { expectValidTraffic } from './support/traffic.js';

const NOW = new Date('2026-01-16T10:00:00Z');
const SEED = importFile(caseFixture({ ref: 'CP-0002', conferenceAt: '2026-01-14T10:00:00Z', conferenceStatus: 'held' }));

function values(decision: string | null, view: string, formal: string | null) {
  return {
    decision: { value: { type: 'radio_buttons', selected_option: decision ? { value: decision } : null } },
    view: { value: { type: 'plain_text_input', value: view } },
    formal: { value: { type: 'radio_buttons', selected_option: formal ? { value: formal } : null } },
  };
}

describe.each(DB_KINDS)('slack dissent form (%s)', (kind) => {
  let h: Harness;
  let modal: Record<string, any>;
  beforeAll(async () => {
    h = await startHarness(kind, SEED, NOW);
    await h.command('UPOLICE01', 'dissent CP-0002');
    const [open] = await h.fake.waitFor(() => h.fake.callsTo('views.open'));
    modal = { ...open!.args.view, id: 'VDISSENT01', hash: '1768557600.abc' };
  });
  afterAll(() => h.close());
  afterEach(() => {
    expectValidTraffic(h.fake);
    h.fake.reset();
  });

  it('renders the dissent form with its fields and the window deadline', () => {
    const inputs = (modal.blocks as { type: string; block_id?: string; element?: { type: string } }[]).filter((b) => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.element!.type])).toEqual([
      ['decision', 'radio_buttons'],
      ['view', 'plain_text_input'],
      ['formal', 'radio_buttons'],
    ]);
    expect(modal.title.text).toBe('Professional dissent');
    expect(textOf(modal.blocks)).toContain('CP-0002');
  });

  it('keeps a validation error on its field and writes nothing', async () => {
    const res = await h.submit('UPOLICE01', modal, values('plan', 'too short', 'formal'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(body).toEqual({ response_action: 'errors', errors: { view: expect.stringContaining('at least 10 characters') } });
    expect(await countDissents(h.store)).toBe(0);
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
  });

  it('records a valid dissent once, closes the modal, tells the chair and DMs the user', async () => {
    const submitted = values('category', 'The school considers emotional abuse the primary concern.', 'formal');
    const res = await h.submit('UPOLICE01', modal, submitted);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(''); // an empty ack closes the modal
    const [dm] = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage'));
    expect(dm!.args.channel).toBe('UPOLICE01');
    expect(textOf(dm!.args.blocks)).toContain('Formal dissent recorded');
    expect(await countDissents(h.store)).toBe(1);
    expect(await outboxKinds(h.store)).toContain('dissent_notice');

    // Slack retries the same submission: acked, nothing stored again.
    const retry = await h.submit('UPOLICE01', modal, submitted, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage'), 2);
    expect(await countDissents(h.store)).toBe(1);
  });

  it('replaces the modal with the reason when the core refuses without naming a field', async () => {
    const res = await h.submit('UCHAIR001', modal, values('plan', 'The chair should not be able to lodge this.', 'recorded'));
    const body = (await res.json()) as Record<string, any>;
    expect(body.response_action).toBe('update');
    expect(body.view.type).toBe('modal');
    expect(textOf(body.view.blocks)).toMatch(/does not allow|not allowed/);
    expect(await countDissents(h.store)).toBe(1);
  });

  it('refuses a tampered form state with a clear message', async () => {
    const res = await h.submit('UPOLICE01', { ...modal, id: 'VDISSENT02', private_metadata: '{"a":"dissent_open","c":"../x"}' }, values('plan', 'A perfectly reasonable view here.', 'formal'));
    const body = (await res.json()) as Record<string, any>;
    expect(body.response_action).toBe('update');
    expect(textOf(body.view.blocks)).toContain('not one I recognise');
  });
});
