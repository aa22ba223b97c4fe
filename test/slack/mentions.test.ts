// Mentions as real Slack sends them: the manifest sets should_escape, so a person picked from the
// @ list arrives as `<@U…|name>` (or `<@U…>`), an email as `<mailto:…|…>`, and a typed & < > as
// HTML entities. Each payload here is shaped exactly like that.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/store/db.js';
import { decodeCommandText } from '../../src/bot/slack/listeners/commands/cp-command.js';
import { caseFixture, importFile, INVITEES } from '../support/fixtures.js';
import { startHarness, textOf, type Harness } from './support/harness.js';

const NOW = new Date('2026-01-16T10:00:00Z');
// CP-0009 has the same people but no police invitee: Pat Officer is known (by Slack id) from CP-0001.
const other = caseFixture({ ref: 'CP-0009' });
other.conferences[0]!.invitees = other.conferences[0]!.invitees.filter((i) => i.email !== INVITEES.police.email);
const SEED = importFile(caseFixture(), other);

describe('slack mentions', () => {
  it('are escaped by the manifest', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../manifests/slack/manifest.json', import.meta.url), 'utf8'));
    expect(manifest.features.slash_commands[0].should_escape).toBe(true);
  });

  it('decodes the entities Slack escapes, once', () => {
    expect(decodeCommandText('uninvite CP-1 <@U1|pat> A &amp; E &lt;3 &amp;lt;')).toBe('uninvite CP-1 <@U1|pat> A & E <3 &lt;');
  });
});

describe('slack /cp invite with escaped mentions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('pglite', SEED, NOW);
  });
  afterAll(() => h?.close());

  async function ask(user: string, text: string) {
    const id = `m-${Math.random().toString(36).slice(2)}`;
    expect((await h.command(user, text, { responseId: id })).status).toBe(200);
    const [reply] = await h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === id));
    return textOf(reply!.body.blocks);
  }

  it('invites the person a <@U…|name> mention names, whose attendance card goes in the outbox', async () => {
    const text = await ask('UADMIN001', `invite CP-0009 <@${INVITEES.police.slackUserId}|pat.officer>`);
    expect(text).toContain('Pat Officer invited');
    const cards = await queryRows<{ email: string }>(h.store.db, sql`select p.email from nudges n join people p on p.id = n.recipient_id where n.kind = 'invitation'`);
    expect(cards.map((c) => c.email)).toEqual([INVITEES.police.email]);
  });

  it('uninvites with a bare <@U…> mention, keeping a typed & in the reason', async () => {
    const text = await ask('UADMIN001', `uninvite CP-0009 <@${INVITEES.police.slackUserId}> sent to A &amp; E by mistake`);
    expect(text).toMatch(/Pat Officer/);
    expect(text).not.toContain('&amp;amp;');
  });

  it('invites someone new by an email Slack sent as <mailto:…|…>, with a typed & in the agency', async () => {
    const text = await ask('UADMIN001', 'invite CP-0009 <mailto:kim.nurse@nhs.example|kim.nurse@nhs.example> Mother &amp; Baby Unit health');
    expect(text).toContain('invited');
    const [person] = await queryRows<{ organisation: string }>(h.store.db, sql`select organisation from people where email = 'kim.nurse@nhs.example'`);
    expect(person?.organisation).toBe('Mother & Baby Unit');
  });
});

// Sian Teacher is known by email only (imported, never on Slack): a mention finds her through the
// address Slack confirms for that user of the bot's own workspace, and links her.
const school = caseFixture({ ref: 'CP-0010' });
school.conferences[0]!.invitees = school.conferences[0]!.invitees.filter((i) => i.email !== INVITEES.school.email);

describe('slack /cp invite of someone Quorum knows only by email', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('pglite', importFile(caseFixture(), school), NOW);
    h.fake.emails.set('USCHOOL09', INVITEES.school.email);
    h.fake.emails.set('UUNCONF09', INVITEES.school.email);
    h.fake.unconfirmed.add('UUNCONF09');
    h.fake.emails.set('UOTHER009', INVITEES.school.email);
    h.fake.lookupTeams.set('UOTHER009', 'TOTHERTEAM');
  });
  afterAll(() => h?.close());

  async function ask(text: string) {
    const id = `k-${Math.random().toString(36).slice(2)}`;
    expect((await h.command('UADMIN001', text, { responseId: id })).status).toBe(200);
    const [reply] = await h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === id));
    return textOf(reply!.body.blocks);
  }

  it('refuses a mention whose email Slack has not confirmed, or of a user of another workspace', async () => {
    expect(await ask('invite CP-0010 <@UUNCONF09|sian>')).toContain("I don't know");
    expect(await ask('invite CP-0010 <@UOTHER009|sian>')).toContain("I don't know");
  });

  it('invites her by the confirmed email, and links her Slack account', async () => {
    expect(await ask('invite CP-0010 <@USCHOOL09|sian>')).toContain('Sian Teacher invited');
    const links = await queryRows<{ id: string }>(h.store.db, sql`select c.platform_user_id as id from chat_identities c join people p on p.id = c.person_id where p.email = ${INVITEES.school.email}`);
    expect(links.map((l) => l.id)).toEqual(['USCHOOL09']);
  });
});
