// Bot Framework authentication when Microsoft's login service is silent, unresolvable or working:
// the signing keys are fetched once and shared, a request that cannot be verified is a 401 (bad
// token) or a 503 (cannot verify now) within 10 s, with one log line of codes and no stack trace.
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { logger, setLogDestination } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { mountTeams } from '../../src/bot/teams/index.js';
import { channelClaims, forgersKey, startFakeOpenId, type FakeOpenId } from '../support/fake-openid.js';
import { messageActivity, TENANT_ID } from './harness.js';

const APP_ID = '00000000-0000-0000-0000-0000000000c1';
// Never contacted: every request here is refused before its turn.
const SERVICE_URL = 'https://smba.trafficmanager.net/uk/';

interface Endpoint {
  server: RunningServer;
  post(token: string | undefined, activity?: Record<string, unknown>): Promise<number>;
  stop(): Promise<void>;
}

/** The Teams route alone, with authentication against `metadataUrl`: nothing here reaches a database. */
async function startEndpoint(metadataUrl: string): Promise<Endpoint> {
  const config = loadConfig({ NODE_ENV: 'test', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-a-real-secret', MICROSOFT_APP_TENANT_ID: TENANT_ID });
  const mounted = await mountTeams({ config, store: {} as never, log: logger(), core: { store: {} as never } }, { openIdMetadataUrl: metadataUrl });
  const server = await startServer({ port: 0, host: '127.0.0.1', routes: mounted.routes ?? [] });
  return {
    server,
    async post(token, activity = messageActivity('next DEMO-1', { serviceUrl: SERVICE_URL })) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
      const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(activity) });
      await res.text();
      return res.status;
    },
    async stop() {
      await mounted.stop?.();
      await server.close();
    },
  };
}

describe('teams authentication against the login service', () => {
  const lines: Record<string, unknown>[] = [];
  const level = process.env.QUORUM_LOG_LEVEL;
  const consoleError = vi.spyOn(console, 'error');
  let idp: FakeOpenId | undefined;
  let endpoint: Endpoint | undefined;

  beforeAll(() => {
    process.env.QUORUM_LOG_LEVEL = 'info';
    setLogDestination(new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) }));
  });
  afterEach(async () => {
    await endpoint?.stop();
    await idp?.close();
    endpoint = idp = undefined;
    lines.length = 0;
    consoleError.mockClear();
  });
  afterAll(() => {
    setLogDestination(undefined);
    process.env.QUORUM_LOG_LEVEL = level;
    consoleError.mockRestore();
  });

  const refusals = () => lines.filter((l) => l.event === 'teams_request_refused');

  it('answers 503 within 10 s when the login service never answers, sharing ONE outbound connection', async () => {
    idp = await startFakeOpenId('silent');
    endpoint = await startEndpoint(idp.metadataUrl);
    const token = idp.token(channelClaims(APP_ID, SERVICE_URL), { kid: 'some-published-looking-kid' });
    const started = Date.now();
    const statuses = await Promise.all(Array.from({ length: 25 }, () => endpoint!.post(token)));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(statuses).toEqual(Array(25).fill(503));
    expect(idp.connections).toBe(1);
    // While the service is known to be down, requests are answered at once, without a new connection.
    const again = Date.now();
    expect(await endpoint.post(token)).toBe(503);
    expect(Date.now() - again).toBeLessThan(1_000);
    expect(idp.connections).toBe(1);
    expect(refusals()).toHaveLength(26);
    for (const line of refusals()) expect(line).toMatchObject({ code: 'TEAMS_KEYS_TIMEOUT', status: 503 });
    expect(JSON.stringify(lines)).not.toMatch(/"stack"|"err"|\n\s+at /);
    expect(consoleError).not.toHaveBeenCalled();
  }, 20_000);

  it('answers 503, not 500, when the login service does not resolve', async () => {
    endpoint = await startEndpoint('http://login.quorum-test.invalid/v1/.well-known/openidconfiguration');
    const token = channelToken();
    const started = Date.now();
    const statuses = await Promise.all(Array.from({ length: 5 }, () => endpoint!.post(token)));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(statuses).toEqual(Array(5).fill(503));
    expect(refusals().map((l) => l.code)).toEqual(Array(5).fill('TEAMS_KEYS_UNREACHABLE'));
    expect(consoleError).not.toHaveBeenCalled();
  }, 20_000);

  it('answers 401 to forged, expired and misdirected tokens, fetching the keys once', async () => {
    idp = await startFakeOpenId('ok');
    endpoint = await startEndpoint(idp.metadataUrl);
    const good = channelClaims(APP_ID, SERVICE_URL);
    const cases: [string, string | undefined][] = [
      ['TEAMS_AUTH_MISSING', undefined],
      ['TEAMS_AUTH_SIGNATURE', idp.token(good, { key: forgersKey() })],
      ['TEAMS_AUTH_UNKNOWN_KEY', idp.token(good, { kid: 'not-published', key: forgersKey() })],
      ['TEAMS_AUTH_EXPIRED', idp.token({ ...good, exp: good.nbf - 3600 })],
      ['TEAMS_AUTH_AUDIENCE', idp.token({ ...good, aud: '00000000-0000-0000-0000-0000000000ff' })],
      ['TEAMS_AUTH_SERVICE_URL', idp.token({ ...good, serviceurl: 'https://evil.example/' })],
      ['TEAMS_AUTH_ISSUER', idp.token({ ...good, iss: 'https://evil.example' })],
      ['TEAMS_AUTH_MALFORMED', `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(good)).toString('base64url')}.`],
    ];
    // Concurrently: the first requests to need keys share one fetch.
    const statuses = await Promise.all(cases.flatMap(([, token]) => [endpoint!.post(token), endpoint!.post(token)]));
    expect(statuses).toEqual(Array(cases.length * 2).fill(401));
    expect(new Set(refusals().map((l) => l.code))).toEqual(new Set(cases.map(([code]) => code)));
    expect(idp.requests).toEqual(['/v1/.well-known/openidconfiguration', '/v1/.well-known/keys']);
    expect(JSON.stringify(lines)).not.toMatch(/"stack"|"err"/);
    expect(consoleError).not.toHaveBeenCalled();
  }, 20_000);
});

/** Signed by nobody in particular: these requests never get as far as checking the signature. */
function channelToken(): string {
  const segment = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${segment({ alg: 'RS256', kid: 'k1' })}.${segment(channelClaims(APP_ID, SERVICE_URL))}.${Buffer.from('sig').toString('base64url')}`;
}
