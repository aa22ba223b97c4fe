// Every /cp subcommand through a signed slash-command request, answered on the response_url.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases.js';
import { caseFixture, importFile, INVITEES } from '../support/fixtures.js';
import { startHarness, textOf, type Harness } from './support/harness.js';
import { expectValidTraffic } from './support/traffic.js';

const NOW = new Date('2026-01-16T10:00:00Z');
const SEED = importFile(caseFixture(), caseFixture({ ref: 'CP-0002', conferenceAt: '2026-01-14T10:00:00Z', conferenceStatus: 'held' }));

describe.each(DB_KINDS)('slack /cp command (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, SEED, NOW);
    h.fake.emails.set('USCHOOL01', INVITEES.school.email);
    h.fake.emails.set('UNOBODY01', 'nobody@elsewhere.example');
    h.fake.emails.set('UQAMGR001', 'qa@council.example');
  });
  afterAll(() => h.close());
  afterEach(() => {
    expectValidTraffic(h.fake);
    h.fake.reset();
  });

  async function ask(user: string, text: string) {
    const id = `r-${Math.random().toString(36).slice(2)}`;
    const started = Date.now();
    const res = await h.command(user, text, { responseId: id });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    // Slack drops a request not acknowledged within 3 s: a protocol limit, not a speed target.
    expect(Date.now() - started).toBeLessThan(3000);
    const [reply] = await h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === id));
    expect(reply!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    return { body: reply!.body, text: textOf(reply!.body.blocks) };
  }

  it('answers help with every command', async () => {
    const { text } = await ask('UPOLICE01', 'help');
    for (const c of ['next CASE', 'case CASE', 'mine', 'attend CASE', 'dissent CASE']) expect(text).toContain(c);
  });

  it('answers qa with the partnership\'s timeliness figures for a QA manager only, with no link', async () => {
    const qa = await ask('UQAMGR001', 'qa');
    expect(qa.text).toContain('Timeliness:');
    expect(qa.text).toContain('Initial conferences within 15 working days of the strategy discussion');
    expect(JSON.stringify(qa.body)).not.toMatch(/https?:\/\//);
    expect((await ask('UCHAIR001', 'qa')).text).toContain('is for QA managers');
  });

  it('treats an empty command as help, and unknown text as a usage message', async () => {
    expect((await ask('UPOLICE01', '')).text).toContain('next CASE');
    const unknown = await ask('UPOLICE01', 'frobnicate CP-0001 <script>');
    expect(unknown.text).toContain("I don't know");
    expect(unknown.text).not.toContain('<script>');
  });

  it('lists the coming deadlines of a case, each naming its standard', async () => {
    const { text, body } = await ask('UCHAIR001', 'next CP-0001');
    expect(text).toContain('CP-0001: coming deadlines');
    expect(text).toMatch(/Working Together|Swindon|procedures/i);
    expect(body.text).toBeTruthy();
  });

  it('shows the case summary and quorum to the chair', async () => {
    const { text } = await ask('UCHAIR001', 'case CP-0001');
    expect(text).toContain('NOT quorate');
  });

  it('lists what is due for me, including replies I owe', async () => {
    const { text } = await ask('UPOLICE01', 'mine');
    expect(text).toContain('Reply needed');
  });

  it('shows my attendance card with its buttons', async () => {
    const { body } = await ask('UPOLICE01', 'attend CP-0001');
    const actions = (body.blocks as { type: string; elements?: { action_id: string }[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements!.map((e) => e.action_id));
    expect(actions.some((a) => a.startsWith('quorum:attend:'))).toBe(true);
    expect(actions.some((a) => a.startsWith('quorum:decline:'))).toBe(true);
  });

  it('opens the dissent form as a modal with the trigger id', async () => {
    const res = await h.command('UPOLICE01', 'dissent CP-0002', { triggerId: 'trig.dissent.1' });
    expect(res.status).toBe(200);
    const [open] = await h.fake.waitFor(() => h.fake.callsTo('views.open'));
    expect(open!.args.trigger_id).toBe('trig.dissent.1');
    expect(open!.args.view).toMatchObject({ type: 'modal', callback_id: 'quorum_form:dissent' });
    expect(JSON.parse(open!.args.view.private_metadata)).toMatchObject({ c: 'CP-0002', f: 'icpc-1' });
    expect(h.fake.responses).toHaveLength(0);
  });

  it('says so on the response_url when the modal cannot be opened in time', async () => {
    h.fake.failNext('views.open', { error: 'expired_trigger_id' });
    const { text } = await ask('UPOLICE01', 'dissent CP-0002');
    expect(text).toContain('took too long');
  });

  it('links a user without an imported Slack id by the email on their Slack profile', async () => {
    const { text } = await ask('USCHOOL01', 'attend CP-0001');
    expect(text).toContain('CP-0001');
    expect(h.fake.callsTo('users.info')[0]!.args.user).toBe('USCHOOL01');
    h.fake.reset();
    await ask('USCHOOL01', 'mine');
    expect(h.fake.callsTo('users.info')).toHaveLength(0); // linked now: no second lookup
  });

  it('tells a person who is not on the case nothing about it', async () => {
    const { text } = await ask('USCHOOL01', 'case CP-9999');
    expect(text).toContain('not a member of case CP-9999');
    const unknownUser = await ask('UNOBODY01', 'case CP-0001');
    expect(unknownUser.text).toContain("I don't know you yet");
    expect(unknownUser.text).not.toContain('quorate');
  });

  it('rejects a bad case reference with its usage', async () => {
    const { text } = await ask('UCHAIR001', 'next ../../etc');
    expect(text).toContain('Usage');
  });
});
