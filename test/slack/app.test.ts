// Slack inside the running app (startApp, as `quorum serve` runs it): the endpoint shares the
// server with health; without Slack variables it is not there; and the logs of a whole exchange
// carry ids and codes only, never names, emails or message text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { setLogDestination } from '../../src/log.js';
import { importCases } from '../../src/store/import.js';
import { createTestDatabase, DB_KINDS } from '../support/databases.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { caseFixture, FIXTURE_CHILD_NAMES, importFile, INVITEES, PEOPLE } from '../support/fixtures.js';
import { buttonFor, SIGNING_SECRET, signedPost } from './support/harness.js';

const LATER = { strategyAt: '2030-01-07T10:00:00Z', conferenceAt: '2030-01-24T10:00:00Z' };

describe.each(DB_KINDS)('slack in the running app (%s)', (kind) => {
  let app: RunningApp;
  let fake: FakeSlack;
  let drop: (() => Promise<void>) | undefined;
  const lines: string[] = [];
  const level = process.env.QUORUM_LOG_LEVEL;

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.emails.set('USCHOOL01', INVITEES.school.email);
    let databaseUrl: string | undefined;
    if (kind === 'postgres') ({ url: databaseUrl, drop } = await createTestDatabase());
    process.env.QUORUM_LOG_LEVEL = 'info';
    setLogDestination({ write: (line: string) => void lines.push(line) });
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', QUORUM_DATA_DIR: 'memory://', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), QUORUM_SCHEDULER: 'off', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: fake.apiUrl });
    app = await startApp(config);
    await importCases(app.store, importFile(caseFixture(LATER)), { actor: 'test', correlationId: 'seed' });
  });
  afterAll(async () => {
    await app.stop();
    await fake.close();
    await drop?.();
    setLogDestination(undefined);
    process.env.QUORUM_LOG_LEVEL = level;
  });

  it('serves POST /slack/events on the same server as /healthz, signature checked', async () => {
    expect((await fetch(`${app.server.url}/healthz`)).status).toBe(200);
    expect((await signedPost(app.server.url, 'command=%2Fcp&text=help', { secret: 'nope' })).status).toBe(401);
    expect((await signedPost(app.server.url, JSON.stringify({ type: 'url_verification', challenge: 'c' }), { contentType: 'application/json' })).status).toBe(200);
  });

  it('logs ids and codes only through a whole exchange', async () => {
    const form = (text: string, id: string) =>
      new URLSearchParams({ team_id: 'T0TEST', user_id: 'USCHOOL01', command: '/cp', text, response_url: fake.responseUrl(id), trigger_id: `trig.${id}` }).toString();
    await signedPost(app.server.url, form('attend CP-0001', 'a'));
    const [card] = await fake.waitFor(() => fake.responses.filter((r) => r.id === 'a'));
    const button = buttonFor(card!.body.blocks, 'attend');
    const payload = { type: 'block_actions', team: { id: 'T0TEST' }, user: { id: 'USCHOOL01', team_id: 'T0TEST' }, trigger_id: 't.2', response_url: fake.responseUrl('b'), container: { type: 'message', is_ephemeral: true }, actions: [{ type: 'button', action_id: button.action_id, value: button.value, action_ts: '1.2' }] };
    await signedPost(app.server.url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    await fake.waitFor(() => fake.responses.filter((r) => r.id === 'b'));
    await signedPost(app.server.url, form('frobnicate Sian Teacher <sian.teacher@school.example>', 'c'));
    await fake.waitFor(() => fake.responses.filter((r) => r.id === 'c'));

    const log = lines.join('');
    expect(log).toContain('slack command handled');
    const secrets = [...Object.values(PEOPLE), ...Object.values(INVITEES)].flatMap((p) => [p.name, p.email]);
    for (const s of [...secrets, ...FIXTURE_CHILD_NAMES, 'J.S.', 'Thank you', 'frobnicate', 'xoxb-test']) expect(log).not.toContain(s);
  });
});

describe('slack switched off', () => {
  it('has no /slack/events route without Slack variables', async () => {
    const app = await startApp(loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', QUORUM_DATA_DIR: 'memory://', QUORUM_SCHEDULER: 'off' }));
    try {
      expect((await fetch(`${app.server.url}/slack/events`, { method: 'POST', body: 'x' })).status).toBe(404);
    } finally {
      await app.stop();
    }
  });
});
