// 10,000 random and mutated Teams activities (messages, card clicks, form submissions) at POST
// /api/messages in local mode: never a 5xx, never an unhandled rejection, nothing written (but the
// replay record of a usage answer), no case detail in any reply. Cheap inputs, 8 keep-alive
// connections, bounded in time.
import http from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/store/db.js';
import { dbFingerprint } from '../teams/db-fingerprint.js';
import { messageActivity, startTeamsHarness, type TeamsHarness } from '../teams/harness.js';
import { fuzzInputs } from './teams-fuzz-inputs.js';

const COUNT = 10_000;
const CONCURRENCY = 8;

describe('POST /api/messages under 10,000 hostile activities (local mode)', () => {
  let h: TeamsHarness;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => void rejections.push(reason);

  beforeAll(async () => {
    h = await startTeamsHarness('pglite');
    // First contact links the local user: a write, made before the fingerprint is taken.
    expect((await h.post(messageActivity('help', { serviceUrl: h.connector.url }))).status).toBe(200);
    process.on('unhandledRejection', onRejection);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    agent.destroy();
    await h?.stop();
  });

  function post(body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${h.server.url}/api/messages`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('answers every one below 500, writes nothing, and leaks nothing', async () => {
    const inputs = fuzzInputs(COUNT, h.connector.url);
    const before = await dbFingerprint(h.store.db);
    const replies = h.connector.calls.length;
    const statuses = new Map<number, number>();
    const failures: { status: number; body: string }[] = [];
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < inputs.length) {
          const input = inputs[next++]!;
          const status = await post(input.body);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 500) failures.push({ status, body: input.body.slice(0, 300) });
        }
      }),
    );
    const sentMs = Date.now() - started;
    await h.settled();
    const elapsedMs = Date.now() - started;
    console.log(`[fuzz-teams] ${COUNT} activities in ${elapsedMs} ms (answered in ${sentMs} ms; ${inputs.filter((i) => i.valid).length} well formed); statuses ${JSON.stringify(Object.fromEntries(statuses))}`);

    expect(failures).toEqual([]);
    // A guard against a hang, not the target: idle, the whole run takes a few seconds.
    expect(elapsedMs).toBeLessThan(60_000);
    expect(rejections).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(COUNT);
    // A well-formed command Quorum does not know is answered with its usage, and the core keeps that
    // answer for the platform's retry (processed_requests): the only rows allowed to appear.
    const { processed_requests: replaysBefore, ...restBefore } = before;
    const { processed_requests: replaysAfter, ...restAfter } = await dbFingerprint(h.store.db);
    expect(restAfter).toEqual(restBefore);
    const replays = await queryRows<{ n: number; other: number }>(
      h.store.db,
      sql`select count(*)::int as n, count(*) filter (where result->'view'->>'fallback' not like 'Quorum commands:%')::int as other from processed_requests`,
    );
    expect(replays[0]!.other).toBe(0);
    console.log(`[fuzz-teams] replay records kept for usage answers: ${replays[0]!.n} (${replaysBefore} → ${replaysAfter})`);
    // Only made-up case references reach a turn: no reply may carry a real case's details.
    const traffic = JSON.stringify(h.connector.calls.slice(replies).map((c) => c.body));
    expect(traffic).not.toMatch(/A\.B\.|C\.D\.|DEMO-\d/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});
