// Random and adversarial payloads at both chat endpoints, signed where a signature is needed so
// they reach the parsing code: never a 5xx, never a crash, nothing written, nothing leaked.
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/store/db.js';
import { DB_KINDS } from '../support/databases.js';
import { FIXTURE_CHILD_NAMES } from '../support/fixtures.js';
import { startHarness, type Harness } from '../slack/support/harness.js';
import { startTeamsHarness, type TeamsHarness } from '../teams/harness.js';
import { roleCase } from '../support/core-case.js';

const hostileText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('next CP-ROLE', 'attend CP-ROLE', "case CP-ROLE' or 1=1 --", '<@U0|x> dissent', 'x'.repeat(4000), '\u0000\u202e', 'next ../../etc/passwd'),
);

const writes = (db: Harness['store']['db']) =>
  queryRows(db, sql`select (select count(*)::int from invitations where response <> 'no_reply') as a, (select count(*)::int from dissents) as d, (select count(*)::int from events) as e, (select count(*)::int from conferences) as c`);

describe.each(DB_KINDS)('POST /slack/events under hostile input (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { cases: [roleCase()] }, new Date('2026-04-08T10:00:00Z'));
  });
  afterAll(() => h.close());

  it('answers signed random slash commands and interaction payloads without a 5xx or a write', async () => {
    const before = await writes(h.store.db);
    await fc.assert(
      fc.asyncProperty(hostileText, fc.anything(), fc.string({ maxLength: 50 }), async (text, payload, user) => {
        const a = await h.command(/^U[A-Z0-9]{2,}$/.test(user) ? user : 'UOUTSIDER1', text);
        expect(a.status).toBeLessThan(500);
        const b = await h.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
        expect(b.status).toBeLessThan(500);
        const c = await h.post(typeof payload === 'string' ? payload : JSON.stringify(payload ?? null), { contentType: 'application/json' });
        expect(c.status).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
    expect(await writes(h.store.db)).toEqual(before);
    const traffic = JSON.stringify({ calls: h.fake.calls, responses: h.fake.responses });
    for (const name of FIXTURE_CHILD_NAMES) expect(traffic).not.toContain(name);
    expect((await fetch(`${h.server.url}/slack/events`, { method: 'POST', body: 'x' })).status).toBe(401);
  });
});

describe.each(DB_KINDS)('POST /api/messages under hostile input (%s)', (kind) => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness(kind);
  });
  afterAll(() => h.stop());

  it('answers random activities without a 5xx or a write', async () => {
    const before = await writes(h.store.db);
    const activity = fc.record(
      {
        type: fc.oneof(fc.constantFrom('message', 'invoke', 'conversationUpdate', 'event'), fc.string({ maxLength: 20 })),
        text: hostileText,
        name: fc.oneof(fc.constant('adaptiveCard/action'), fc.string({ maxLength: 30 })),
        value: fc.anything(),
        from: fc.oneof(fc.record({ id: fc.string({ maxLength: 40 }) }), fc.anything()),
        conversation: fc.oneof(fc.record({ id: fc.string({ maxLength: 40 }) }), fc.anything()),
        serviceUrl: fc.constant(h.connector.url),
        channelId: fc.constantFrom('msteams', 'emulator', 'x'),
        id: fc.string({ maxLength: 40 }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(activity, async (a) => {
        const res = await h.post(a as Record<string, unknown>);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
    const raw = await fetch(`${h.server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{ not json' });
    expect(raw.status).toBeLessThan(500);
    expect(await writes(h.store.db)).toEqual(before);
  });
});
