// The endpoint as Slack sees it: signatures, timestamps (5 minutes either way), URL verification,
// retries, bad bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases.js';
import { caseFixture, importFile } from '../support/fixtures.js';
import { startHarness, type Harness } from './support/harness.js';

const NOW = new Date('2026-01-16T10:00:00Z');

describe.each(DB_KINDS)('slack endpoint protocol (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, importFile(caseFixture()), NOW);
  });
  afterAll(() => h.close());

  it('refuses a request with a bad signature with 401 and calls nothing', async () => {
    const res = await h.post('command=%2Fcp&text=help&user_id=UPOLICE01', { secret: 'wrong-secret' });
    expect(res.status).toBe(401);
    expect(h.fake.calls).toHaveLength(0);
  });

  const YEAR = 365 * 24 * 3600;
  const helpFrom = (id: string) => new URLSearchParams({ command: '/cp', text: 'help', team_id: 'T0TEST', user_id: 'UPOLICE01', response_url: h.fake.responseUrl(id), trigger_id: `trig.${id}` }).toString();

  it.each([
    ['6 minutes ahead', 6 * 60],
    ['100 years ahead', 100 * YEAR],
    ['6 minutes behind', -6 * 60],
  ])('refuses a correctly signed request dated %s with 401, and does nothing', async (_when, offset) => {
    h.fake.reset();
    const res = await h.post(helpFrom('stale'), { timestamp: Math.floor(Date.now() / 1000) + offset });
    expect(res.status).toBe(401);
    await h.mounted.settled?.();
    expect(h.fake.calls).toHaveLength(0);
    expect(h.fake.responses).toHaveLength(0);
  });

  it('answers signed requests dated up to 5 minutes either side of now', async () => {
    h.fake.reset();
    for (const [id, offset] of [['ahead', 4 * 60], ['behind', -4 * 60 - 50]] as const) {
      const res = await h.post(helpFrom(id), { timestamp: Math.floor(Date.now() / 1000) + offset });
      expect(res.status).toBe(200);
      await h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === id));
    }
  });

  it('refuses a timestamp that is not a number of seconds with 401', async () => {
    for (const ts of ['', 'abc', '1e9', '-1', `${Math.floor(Date.now() / 1000)}.5`]) {
      const body = helpFrom('odd');
      const res = await fetch(`${h.server.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': 'v0=00' }, body });
      expect(res.status).toBe(401);
    }
  });

  it('refuses a request without signature headers with 401', async () => {
    const res = await fetch(`${h.server.url}/slack/events`, { method: 'POST', body: 'command=%2Fcp' });
    expect(res.status).toBe(401);
  });

  it('answers the URL verification challenge', async () => {
    const res = await h.post(JSON.stringify({ type: 'url_verification', challenge: 'abc123' }), { contentType: 'application/json' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });

  it('answers a signed body it cannot parse with 400, not a crash', async () => {
    const res = await h.post('payload=%7Bnot-json', {});
    expect(res.status).toBe(400);
    const ok = await h.post('ssl_check=1&token=x');
    expect(ok.status).toBe(200);
  });

  it('acks an event retry without processing it again', async () => {
    h.fake.reset();
    const event = { type: 'app_home_opened', user: 'UPOLICE01', channel: 'DPOLICE01', tab: 'home', event_ts: '1.2' };
    const retry = await h.event(event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.callsTo('views.publish')).toHaveLength(0);
    const first = await h.event(event);
    expect(first.status).toBe(200);
    await h.fake.waitFor(() => h.fake.callsTo('views.publish'));
  });

  it('acks an interaction nobody listens for with 200', async () => {
    const res = await h.post(new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', team: { id: 'T0TEST' }, user: { id: 'UPOLICE01' }, actions: [{ type: 'button', action_id: 'other', action_ts: '1' }] }) }).toString());
    expect(res.status).toBe(200);
  });
});
