import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthRoute } from '../../src/health.js';
import { sendJson, startServer, type RunningServer } from '../../src/server.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';

describe.each(DB_KINDS)('GET /healthz (%s)', (kind) => {
  let store: TestStore;
  let server: RunningServer;
  let down = false;
  beforeAll(async () => {
    store = await openTestStore(kind);
    const probe = { ...store, ping: async (ms?: number) => (down ? false : store.ping(ms)) };
    server = await startServer({ port: 0, host: '127.0.0.1', routes: [healthRoute(probe, new Date()), { method: 'POST', path: '/echo', handler: (req, res) => sendJson(res, 200, { bytes: req.rawBody.length }) }] });
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  it('answers 200 when the database answers', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'up', driver: kind });
  });

  it('answers 503 when the database does not', async () => {
    down = true;
    const res = await fetch(`${server.url}/healthz`);
    down = false;
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', database: 'down' });
  });

  it('answers 404 for an unknown path and 405 for a wrong method', async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('refuses a body over the limit with 413 and keeps serving', async () => {
    const res = await fetch(`${server.url}/echo`, { method: 'POST', body: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    const ok = await fetch(`${server.url}/echo`, { method: 'POST', body: 'hello' });
    expect(await ok.json()).toEqual({ bytes: 5 });
  });
});
