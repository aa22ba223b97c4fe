// The payloads the security review sent, one by one: each is refused at the edge (a 400, or a
// polite answer to a person who typed something odd) and none reaches the database as an error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSlackRequest, type ReadOptions } from '../../src/bot/slack/payloads.js';
import { UNREADABLE_COMMAND_MESSAGE } from '../../src/bot/slack/receiver.js';
import { snapshot } from '../conference/support.js';
import { DB_KINDS } from '../support/databases.js';
import { caseFixture, importFile } from '../support/fixtures.js';
import { startHarness, textOf, type Harness } from './support/harness.js';

const OPTS: ReadOptions = { command: '/cp', responseOrigins: ['https://hooks.slack.com'] };
const command = (fields: Record<string, string>) => new URLSearchParams({ command: '/cp', team_id: 'T0TEST', user_id: 'UPOLICE01', text: 'help', ...fields }).toString();
const click = (patch: Record<string, unknown>) =>
  new URLSearchParams({
    payload: JSON.stringify({ type: 'block_actions', team: { id: 'T0TEST' }, user: { id: 'UPOLICE01', team_id: 'T0TEST' }, actions: [{ type: 'button', action_id: 'quorum:attend:x', value: '{"a":"attend","c":"CP-0001"}', action_ts: '1.2' }], ...patch }),
  }).toString();
const kind = (body: string, contentType = 'application/x-www-form-urlencoded') => readSlackRequest(body, contentType, OPTS).kind;

describe('readSlackRequest', () => {
  it('reads a slash command, a click, a form and App Home opening', () => {
    expect(kind(command({}))).toBe('command');
    expect(kind(click({}))).toBe('action');
    const view = { id: 'V1', type: 'modal', callback_id: 'quorum_form:dissent', hash: 'h', title: { type: 'plain_text', text: 'x' }, blocks: [], state: { values: {} } };
    expect(kind(new URLSearchParams({ payload: JSON.stringify({ type: 'view_submission', team: { id: 'T0TEST' }, user: { id: 'U1' }, view }) }).toString())).toBe('view');
    expect(kind(JSON.stringify({ type: 'event_callback', team_id: 'T0TEST', event: { type: 'app_home_opened', user: 'U1', tab: 'home' } }), 'application/json')).toBe('home');
  });

  it.each([
    ['a user id that is a number', command({}).replace('user_id=UPOLICE01', 'user_id=123%20OR%201')],
    ['a NUL byte in a user id', command({ user_id: 'UPOL\u0000' })],
    ['an absurdly long user id', command({ user_id: `U${'A'.repeat(5_000)}` })],
    ['no team', command({ team_id: '' })],
    ['a response_url that is not Slack', command({ response_url: 'http://169.254.169.254/latest/meta-data' })],
    ['a non-string user id in a click', click({ user: { id: 42, team_id: 'T0TEST' } })],
    ['an object for a user id', click({ user: { id: { $gt: '' }, team_id: 'T0TEST' } })],
    ['a NUL byte in a button value', click({ actions: [{ type: 'button', action_id: 'quorum:attend:x', value: '{"a":"attend","c":"CP-\u0000"}', action_ts: '1.2' }] })],
    ['two buttons at once', click({ actions: [{ type: 'button', action_id: 'quorum:a', action_ts: '1' }, { type: 'button', action_id: 'quorum:b', action_ts: '1' }] })],
    ['nested junk for the actions', click({ actions: { a: [{ b: { c: [1, { d: '\u0000' }] } }] } })],
    ['a form value with a NUL byte', new URLSearchParams({ payload: JSON.stringify({ type: 'view_submission', user: { id: 'U1' }, view: { id: 'V1', type: 'modal', callback_id: 'quorum_form:dissent', hash: 'h', title: { type: 'plain_text', text: 'x' }, blocks: [], state: { values: { view: { value: { type: 'plain_text_input', value: 'a\u0000b' } } } } } }) }).toString()],
    ['a JSON array', '[1,2,3]'],
    ['broken JSON', 'payload=%7Bnot-json'],
    ['an unknown payload type', click({ type: 'drop_tables' })],
  ])('refuses %s as malformed', (_what, body) => {
    expect(kind(body)).toBe('malformed');
  });

  it('lets through odd command text, for a polite answer, and ignores what nothing listens for', () => {
    expect(kind(command({ text: 'next \u0000' }))).toBe('command');
    expect(kind(command({ command: '/other' }))).toBe('ignored');
    expect(kind(click({ actions: [{ type: 'button', action_id: 'someone-else', action_ts: '1' }] }))).toBe('ignored');
    expect(kind(JSON.stringify({ type: 'event_callback', team_id: 'T0TEST', event: { type: 'message', user: { id: 1 } } }), 'application/json')).toBe('ignored');
  });
});

describe.each(DB_KINDS)('slack endpoint with hostile payloads (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, importFile(caseFixture()), new Date('2026-01-16T10:00:00Z'));
  });
  afterAll(() => h.close());

  it('answers a command with a NUL byte or over 4,000 characters politely, without asking the core', async () => {
    const before = await snapshot(h.store);
    for (const text of ['next CP-0001\u0000', `next ${'x'.repeat(4_100)}`]) {
      const res = await h.command('UPOLICE01', text);
      expect(await res.json()).toEqual({ response_type: 'ephemeral', text: UNREADABLE_COMMAND_MESSAGE });
    }
    await h.mounted.settled?.();
    expect(h.fake.responses).toHaveLength(0);
    expect(await snapshot(h.store)).toBe(before);
  });

  it('answers a button whose reminder id is out of any range as not recognised, not as a database error', async () => {
    const before = await snapshot(h.store);
    for (const n of [1e20, 2 ** 63, Number.MAX_SAFE_INTEGER + 2]) {
      const id = `n-${n}`;
      await h.click('UPOLICE01', { type: 'button', action_id: 'quorum:snooze:x', text: { type: 'plain_text', text: 'Snooze' }, value: JSON.stringify({ a: 'snooze', c: 'CP-0001', n }) }, { responseId: id });
      const [reply] = await h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === id));
      expect(textOf(reply!.body.blocks)).toContain('not one I recognise');
    }
    expect(await snapshot(h.store)).toBe(before);
  });

  it('answers every malformed payload with 400 and nothing else', async () => {
    h.fake.reset();
    for (const body of [command({ user_id: 'UPOL\u0000' }), click({ user: { id: 42 } }), 'payload=%7Bnot-json']) expect((await h.post(body)).status).toBe(400);
    await h.mounted.settled?.();
    expect(h.fake.calls).toHaveLength(0);
  });
});
