// Random and adversarial payloads at both chat endpoints, signed where a signature is needed so
// they reach the parsing code: never a 5xx, never a crash, nothing written, nothing leaked. The
// Slack endpoint also gets 10,000 signed mutations of real payloads (support/slack-inputs.ts).
import { createHmac } from 'node:crypto';
import http from 'node:http';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/store/db.js';
import { DB_KINDS } from '../support/databases.js';
import { FIXTURE_CHILD_NAMES } from '../support/fixtures.js';
import { SIGNING_SECRET, startHarness, TEAM, type Harness } from '../slack/support/harness.js';
import { snapshot } from '../conference/support.js';
import { buildSlackInputs, type RealPayloads, type SlackInput } from './support/slack-inputs.js';
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

const INPUTS = 10_000;
const CONCURRENCY = 16;
// node:http over keep-alive: far cheaper per request than fetch, so the server's cost is what counts.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(port: number, input: SlackInput): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${input.body}`).digest('hex')}`;
  const headers = { 'content-type': input.contentType, 'content-length': Buffer.byteLength(input.body), 'x-slack-request-timestamp': ts, 'x-slack-signature': signature };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/slack/events', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(input.body);
  });
}

/** Row counts and checksums of everything a request could write. */
async function everything(h: Harness): Promise<string> {
  const [extra] = await queryRows(h.store.db, sql`select (select count(*)::int from dissents) as d, (select count(*)::int from processed_requests) as p, (select count(*)::int from children) as ch, (select count(*)::int from cases) as cs`);
  return `${await snapshot(h.store)}${JSON.stringify(extra)}`;
}

describe.each(DB_KINDS)('POST /slack/events under 10,000 signed mutated inputs (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { cases: [roleCase()] }, new Date('2026-04-08T10:00:00Z'));
    // A linked user who is on no case: whatever they send can read nothing and change nothing.
    const [otto] = await queryRows<{ id: number }>(h.store.db, sql`insert into people (name, organisation, sector, email) values ('Otto Side', 'Elsewhere', 'other', 'otto.side@elsewhere.example') returning id`);
    await h.store.db.execute(sql`insert into chat_identities (platform, workspace_id, platform_user_id, person_id) values ('slack', ${TEAM}, 'UOTTO0001', ${otto!.id})`);
  });
  afterAll(() => h.close());

  it('answers every one without a 5xx, an unhandled rejection, a database error or a write', async () => {
    const responseUrl = h.fake.responseUrl('fuzz');
    const team = { id: TEAM, domain: 'test' };
    const user = (id: string) => ({ id, username: 'fuzz', team_id: TEAM });
    const real: RealPayloads = {
      command: { token: 'legacy', team_id: TEAM, team_domain: 'test', channel_id: 'DOTTO0001', channel_name: 'directmessage', user_id: 'UOTTO0001', user_name: 'otto', command: '/cp', text: 'next CP-ROLE', api_app_id: 'A0QUORUM', response_url: responseUrl, trigger_id: 'trig.fuzz1' },
      click: {
        type: 'block_actions', team, user: user('UOTTO0001'), api_app_id: 'A0QUORUM', token: 'legacy', trigger_id: 'trig.fuzz2', response_url: responseUrl,
        container: { type: 'message', message_ts: '1700000000.000001', channel_id: 'DOTTO0001', is_ephemeral: true }, channel: { id: 'DOTTO0001' },
        actions: [{ type: 'button', action_id: 'quorum:attend:0_0_0', block_id: 'quorum_actions_x', value: JSON.stringify({ a: 'attend', c: 'CP-ROLE', f: 'rcpc-1' }), text: { type: 'plain_text', text: 'Attend' }, action_ts: '1700000000.000002' }],
      },
      submit: {
        type: 'view_submission', team, user: user('UOTTO0001'), api_app_id: 'A0QUORUM', token: 'legacy', trigger_id: 'trig.fuzz3',
        view: {
          id: 'VFUZZ0001', team_id: TEAM, type: 'modal', hash: '1700000000.abc', callback_id: 'quorum_form:dissent', private_metadata: JSON.stringify({ a: 'dissent_open', c: 'CP-ROLE', f: 'icpc-1' }),
          title: { type: 'plain_text', text: 'Professional dissent' }, blocks: [{ type: 'input', block_id: 'decision' }, { type: 'input', block_id: 'view' }, { type: 'input', block_id: 'formal' }],
          state: { values: { decision: { value: { type: 'radio_buttons', selected_option: { value: 'plan' } } }, view: { value: { type: 'plain_text_input', value: 'A view of at least ten characters.' } }, formal: { value: { type: 'radio_buttons', selected_option: { value: 'formal' } } } } },
        },
      },
      event: { token: 'legacy', team_id: TEAM, api_app_id: 'A0QUORUM', type: 'event_callback', event_id: 'EvFUZZ', event_time: 1_700_000_000, event: { type: 'app_home_opened', user: 'UOTTO0001', channel: 'DOTTO0001', tab: 'home', event_ts: '1.1' }, authorizations: [{ team_id: TEAM, user_id: 'UQUORUMBOT', is_bot: true }] },
    };
    const built = Date.now();
    const inputs = buildSlackInputs(INPUTS, 15, real);
    const buildMs = Date.now() - built;

    const before = await everything(h);
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const started = Date.now();
    const cpuBefore = process.cpuUsage();
    try {
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < inputs.length) {
            const input = inputs[next++]!;
            const status = await send(h.server.port, input);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (status >= 500 && failures.length < 5) failures.push(`${status} ${input.kind}: ${input.body.slice(0, 300)}`);
          }
        }),
      );
      await h.mounted.settled?.();
    } finally {
      process.off('unhandledRejection', onRejection);
    }
    const sendMs = Date.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    console.info(`[fuzz ${kind}] ${INPUTS} inputs built in ${buildMs} ms, answered in ${sendMs} ms (${cpuMs} ms of CPU): ${JSON.stringify(Object.fromEntries(statuses))}, ${h.fake.responses.length} replies`);

    expect(failures).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(INPUTS);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    expect(rejections).toEqual([]);
    // A database error reaches the user as "Something went wrong on our side": none may.
    const replies = JSON.stringify([h.fake.responses, h.fake.callsTo('views.publish')]);
    expect(replies).not.toContain('Something went wrong');
    expect(replies).not.toContain('cannot reach its database');
    expect(await everything(h)).toBe(before);
    // Bounded in time: well under 2 s of CPU per thousand (client, server and PGlite together). A
    // busy shared machine stretches the wall-clock time, not this.
    expect(cpuMs).toBeLessThan(INPUTS * 2);
  }, 120_000);
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
