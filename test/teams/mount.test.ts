// Off, local mode and Bot Framework authentication: whether the endpoint exists, and which
// requests it accepts. (Refusals of bad configurations: config.test.ts and start-up.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { logger } from '../../src/log.js';
import { mountTeams } from '../../src/bot/teams/index.js';
import { messageActivity, startTeamsHarness, type TeamsHarness } from './harness.js';

describe('teams mount', () => {
  it('mounts nothing without credentials and without QUORUM_TEAMS_LOCAL, in production too', async () => {
    for (const NODE_ENV of ['test', 'production'] as const) {
      const config = { ...loadConfig({ NODE_ENV: 'test' }), NODE_ENV };
      expect(await mountTeams({ config, store: {} as never, log: logger(), core: { store: {} as never } })).toEqual({});
    }
  });

  it('mounts POST /api/messages and the teams sender in local mode', async () => {
    const mounted = await mountTeams({ config: loadConfig({ NODE_ENV: 'test', QUORUM_TEAMS_LOCAL: 'true' }), store: {} as never, log: logger(), core: { store: {} as never } });
    expect(mounted.routes?.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/messages']);
    expect(mounted.senders?.map((s) => s.channel)).toEqual(['teams']);
  });
});

describe('teams with Bot Framework authentication', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness('pglite', { MICROSOFT_APP_ID: '00000000-0000-0000-0000-0000000000c1', MICROSOFT_APP_PASSWORD: 'not-a-real-secret', MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-0000000000a1' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('answers 401 to an activity without a token, and runs nothing', async () => {
    const res = await h.post(messageActivity('next DEMO-1', { serviceUrl: h.connector.url }));
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body ?? {})).not.toMatch(/Unauthorized|token/i);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('answers 401 to a forged bearer token without calling out to fetch signing keys', async () => {
    const forged = ['eyJhbGciOiJub25lIn0', Buffer.from(JSON.stringify({ iss: 'https://evil.example', aud: 'x' })).toString('base64url'), ''].join('.');
    const res = await h.post(messageActivity('next DEMO-1', { serviceUrl: h.connector.url }), { authorization: `Bearer ${forged}` });
    expect(res.status).toBe(401);
    expect(h.connector.calls).toHaveLength(0);
  });
});
