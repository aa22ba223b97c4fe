// Shutdown, in one process: once the server drains, /healthz says 503 at once and new requests are
// refused, while the request already in flight runs to its answer. The app's order and its log line
// (test/teams/start-up.test.ts), and the real process with SIGTERM and its exit code
// (test/deploy/production-tree.test.ts), are tested where a whole app already starts.
import { afterEach, describe, expect, it } from 'vitest';
import { healthRoute } from '../../src/health.js';
import { sendJson, startServer, type RunningServer } from '../../src/server.js';
import type { Store } from '../../src/store/db.js';

const store = { kind: 'pglite', ping: async () => true } as unknown as Store;

describe('server drain', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers the request in flight and 503 to /healthz and new requests while draining', async () => {
    let draining = false;
    let release!: () => void;
    let reached!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const arrived = new Promise<void>((r) => (reached = r));
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      routes: [
        healthRoute(store, new Date(), () => draining),
        { method: 'POST', path: '/slow', handler: async (_req, res) => (reached(), await held, sendJson(res, 200, { done: true })) },
      ],
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const inFlight = fetch(`${server.url}/slow`, { method: 'POST', body: 'x' });
    await arrived;
    let idle = false;
    draining = true;
    server.drain();
    void server.idle().then(() => (idle = true));

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'draining' });
    const refused = await fetch(`${server.url}/slow`, { method: 'POST', body: 'y' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    expect(await refused.json()).toEqual({ error: 'SHUTTING_DOWN' });
    expect(idle).toBe(false);

    release();
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ done: true });
    await server.idle();
  });
});
