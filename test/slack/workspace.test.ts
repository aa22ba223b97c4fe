// Identity bound to its workspace, at the Slack endpoint: only the bot token's team (auth.test at
// start) and SLACK_ALLOWED_TEAMS get in; anyone else gets one sentence and nothing is written. A
// user of a listed team is linked only by an email Slack says they confirmed; an id given by
// import counts only in the connected workspace.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NOT_LINKED_MESSAGE } from '../../src/bot/core/identity.js';
import { loadConfig } from '../../src/config.js';
import { NOT_CONNECTED_MESSAGE } from '../../src/bot/slack/workspaces.js';
import { queryRows } from '../../src/store/db.js';
import { snapshot } from '../conference/support.js';
import { DB_KINDS } from '../support/databases.js';
import { caseFixture, importFile, INVITEES } from '../support/fixtures.js';
import { buttonFor, startHarness, textOf, type Harness } from './support/harness.js';

const NOW = new Date('2026-01-16T10:00:00Z');
const OTHER = 'T0OTHER';
const EVIL = 'TEVIL';

async function linkAudits(h: Harness) {
  return queryRows<{ detail: Record<string, unknown> }>(h.store.db, sql`select detail from audit_log where action = 'CHAT_USER_LINKED' order by id`);
}

async function links(h: Harness, user: string) {
  return queryRows<{ workspace_id: string }>(h.store.db, sql`select workspace_id from chat_identities where platform = 'slack' and platform_user_id = ${user} order by workspace_id`);
}

/** Sends a command and waits for what reached its response_url. */
async function ask(h: Harness, user: string, text: string, team?: string): Promise<string> {
  const responseId = `ask-${Math.random().toString(36).slice(2)}`;
  const res = await h.command(user, text, { responseId, team });
  expect(res.status).toBe(200);
  const [reply] = await h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === responseId));
  return textOf(reply!.body.blocks);
}

describe.each(DB_KINDS)('slack workspaces (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, importFile(caseFixture()), NOW, { env: { SLACK_ALLOWED_TEAMS: OTHER } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.fake.reset());

  it('answers a command, a click, a form and an event from a workspace that is not connected with one sentence, and writes nothing', async () => {
    const card = await ask(h, 'UPOLICE01', 'attend CP-0001'); // a real card from the connected workspace
    expect(card).toContain('CP-0001');
    const button = buttonFor(h.fake.responses.at(-1)!.body.blocks, 'attend');
    const before = await snapshot(h.store);
    h.fake.reset();

    const command = await h.command('UCHAIR001', 'case CP-0001', { team: EVIL });
    expect(await command.json()).toEqual({ response_type: 'ephemeral', text: NOT_CONNECTED_MESSAGE });
    expect((await h.click('UPOLICE01', button, { team: EVIL, responseId: 'evil-click' })).status).toBe(200);
    const [clicked] = await h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === 'evil-click'));
    expect(clicked!.body.text).toBe(NOT_CONNECTED_MESSAGE);
    // Slack Connect: the workspace is ours, the user's own team is not.
    expect((await h.click('UPOLICE01', button, { userTeam: EVIL, responseId: 'connect-click' })).status).toBe(200);
    await h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === 'connect-click'));
    const form = await h.submit('UPOLICE01', { callback_id: 'quorum_form:dissent', private_metadata: '{"a":"dissent_open","c":"CP-0001"}', title: { type: 'plain_text', text: 'Dissent' }, blocks: [] }, {}, { team: EVIL });
    const modal = (await form.json()) as { response_action: string; view: unknown };
    expect(modal.response_action).toBe('update');
    expect(textOf(modal.view)).toContain(NOT_CONNECTED_MESSAGE);
    expect((await h.event({ type: 'app_home_opened', user: 'UPOLICE01', channel: 'DPOLICE01', tab: 'home', event_ts: '1.1' }, { team: EVIL })).status).toBe(200);

    await h.mounted.settled?.();
    expect(h.fake.calls).toEqual([]); // no users.info, no message, no modal, no App Home
    expect(h.fake.responses.map((r) => r.body.text)).toEqual([NOT_CONNECTED_MESSAGE, NOT_CONNECTED_MESSAGE]);
    expect(await snapshot(h.store)).toBe(before);
  });

  it('links a user of a listed workspace only by a confirmed email, and names the workspace in the audit entry', async () => {
    // UPOLICE01 is an id given by import, in the connected workspace: in another it is nobody yet.
    h.fake.emails.set('UPOLICE01', INVITEES.police.email);
    h.fake.unconfirmed.add('UPOLICE01');
    const before = await snapshot(h.store);
    expect(await ask(h, 'UPOLICE01', 'next CP-0001', OTHER)).toContain(NOT_LINKED_MESSAGE);
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
    expect(await snapshot(h.store)).toBe(before);

    h.fake.unconfirmed.delete('UPOLICE01');
    const reply = await ask(h, 'UPOLICE01', 'next CP-0001', OTHER);
    expect(reply).not.toContain(NOT_LINKED_MESSAGE);
    expect(reply).toContain('CP-0001');
    expect(await links(h, 'UPOLICE01')).toContainEqual({ workspace_id: OTHER });
    expect((await linkAudits(h)).at(-1)?.detail).toMatchObject({ platform: 'slack', workspaceId: OTHER, platformUserId: 'UPOLICE01', by: 'email' });
  });

  it('takes an id given by import in the connected workspace, and audits the link with that workspace', async () => {
    const reply = await ask(h, 'UHEALTH01', 'next CP-0001');
    expect(reply).toContain('CP-0001');
    expect(h.fake.callsTo('users.info')).toHaveLength(0);
    expect(await links(h, 'UHEALTH01')).toEqual([{ workspace_id: 'T0TEST' }]);
    expect((await linkAudits(h)).at(-1)?.detail).toMatchObject({ workspaceId: 'T0TEST', platformUserId: 'UHEALTH01', by: 'platform_id' });
  });

  it('treats a linked user id arriving from another workspace as someone unknown', async () => {
    // UHEALTH01 is linked in T0TEST (above); the same id in T0OTHER has no email Slack vouches for.
    const before = await snapshot(h.store);
    expect(await ask(h, 'UHEALTH01', 'next CP-0001', OTHER)).toContain(NOT_LINKED_MESSAGE);
    expect(await snapshot(h.store)).toBe(before);
  });
});

describe('slack when auth.test fails at start (pglite)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('pglite', importFile(caseFixture()), NOW, { env: { SLACK_ALLOWED_TEAMS: OTHER }, beforeMount: (fake) => fake.failNext('auth.test', { error: 'invalid_auth' }) });
  });
  afterAll(() => h.close());

  it('lets in only the listed workspaces, and no id given by import counts', async () => {
    const res = await h.command('UHEALTH01', 'next CP-0001');
    expect(await res.json()).toEqual({ response_type: 'ephemeral', text: NOT_CONNECTED_MESSAGE });
    expect(await ask(h, 'UHEALTH01', 'next CP-0001', OTHER)).toContain(NOT_LINKED_MESSAGE);
  });
});

describe('SLACK_ALLOWED_TEAMS', () => {
  it('reads comma-separated team ids, and refuses anything else naming the variable', () => {
    expect(loadConfig({ SLACK_ALLOWED_TEAMS: ' T0AAA1, T0BBB2 ,' }).SLACK_ALLOWED_TEAMS).toEqual(['T0AAA1', 'T0BBB2']);
    expect(loadConfig({}).SLACK_ALLOWED_TEAMS).toEqual([]);
    expect(() => loadConfig({ SLACK_ALLOWED_TEAMS: 'T0AAA1,everyone' })).toThrow(/SLACK_ALLOWED_TEAMS.*team ids/);
  });
});
