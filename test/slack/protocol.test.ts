// The endpoint as Slack sees it: signatures, timestamps, URL verification, retries, bad bodies.
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

  it('refuses a correctly signed request older than 5 minutes with 401', async () => {
    const res = await h.post('command=%2Fcp&text=help&user_id=UPOLICE01', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
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
