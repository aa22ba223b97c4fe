import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerCaseCommands } from '../../src/cli/case-commands.js';
import { renderText } from '../../src/cli/render-text.js';
import { runAction, runCommand, submitForm } from '../../src/bot/core/index.js';
import { findPersonByEmail } from '../../src/store/people.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { count, ctx, NOW, P, seed, snapshot } from './support.js';

const AFTER = new Date('2026-01-20T15:00:00Z');

describe('renderText', () => {
  it('prints every kind of block as plain text, without the bold markers', () => {
    const out = renderText({
      fallback: 'x',
      blocks: [
        { type: 'header', text: 'CP-1: booked' },
        { type: 'text', text: '*Warning*: late' },
        { type: 'fields', fields: [{ label: 'Agency', value: 'Police' }] },
        { type: 'list', items: ['*One*', 'Two'] },
        { type: 'divider' },
        { type: 'context', text: 'ctx' },
        { type: 'actions', actions: [{ label: 'Attending', payload: { a: 'attend', c: 'CP-1' } }] },
      ],
    });
    expect(out).toBe('CP-1: booked\n============\nWarning: late\nAgency: Police\n- One\n- Two\n\nctx\n(in chat: [Attending])\n');
  });
});

describe.each(DB_KINDS)('CLI twins, a whole conference (%s)', (kind) => {
  let store: TestStore;
  let now = NOW;
  let out = '';
  let err = '';
  const cli = async (...argv: string[]): Promise<number> => {
    out = '';
    err = '';
    const program = new Command('quorum').exitOverride();
    registerCaseCommands(program, { withStore: (fn) => fn(store), now: () => now, stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
    process.exitCode = 0;
    await program.parseAsync(argv, { from: 'user' });
    const code = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return code;
  };
  beforeAll(async () => {
    store = await openTestStore(kind);
    await seed(store);
  });
  afterEach(() => {
    process.exitCode = 0;
  });
  afterAll(() => store.close());

  it('refuses bad input and the wrong people with exit code 2, the message on stderr, and writes nothing', async () => {
    const before = await snapshot(store);
    const cases: [string[], RegExp][] = [
      [['schedule', 'CP-CONF', 'initial', '2026-01-05', '10:00', '--as', P.admin.email], /in the past/],
      [['schedule', 'CP-CONF', 'initial', '2026-01-20', '10:00', '--as', P.police.email], /not a member of case CP-CONF/],
      [['schedule', 'CP-CONF', 'initial', '2026-01-20', '10:00', '--as', P.tm.email], /does not allow you to book conferences/],
      [['schedule', 'CP-CONF', 'initial', '2026-01-20', '10:00', '--as', 'nobody@nowhere.example'], /No person with the email/],
      [['record', 'CP-CONF', 'visit', '2030-01-01', '--as', P.sw.email], /in the future/],
      [['cancel', 'CP-CONF', 'short', '--as', P.admin.email], /is not a reason code/],
      [['invite', 'CP-CONF', 'new.person@school.example', '--as', P.admin.email], /no conference booked yet/],
    ];
    for (const [argv, message] of cases) {
      expect(await cli(...argv), argv.join(' ')).toBe(2);
      expect(err).toMatch(message);
      expect(out).toBe('');
    }
    expect(await snapshot(store)).toBe(before);
  });

  it('books, invites two agencies who both accept, records the outcome, and the next deadlines appear', async () => {
    expect(await cli('schedule', 'CP-CONF', 'initial', '2026-01-20', '10:00', '--as', P.admin.email)).toBe(0);
    expect(out).toContain('Initial conference Tue 20 Jan 2026 at 10:00 booked');
    expect(out).toContain('Initial conference due by Mon 26 Jan 2026');
    expect(out).not.toContain('*');

    expect(await cli('invite', 'CP-CONF', P.sw.email, '--as', P.admin.email)).toBe(0);
    expect(await cli('invite', 'CP-CONF', P.police.email, '--as', P.admin.email)).toBe(0);
    expect(out).toContain('Pip Constable invited');
    expect(await cli('invite', 'CP-CONF', P.health.email, 'Great', 'Western', 'Hospitals', '--sector', 'health', '--as', P.sw.email)).toBe(0);
    expect(out).toContain('Agency: Great Western Hospitals');
    expect(await count(store, 'nudges', "kind = 'invitation'")).toBe(3);

    for (const who of ['sw', 'police', 'health'] as const) {
      const reply = await runAction({ store }, ctx(who), { a: 'attend', c: 'CP-CONF', f: 'icpc-1' });
      expect(reply.error, who).toBeUndefined();
    }
    const summary = JSON.stringify(await runCommand({ store }, ctx('chair'), 'case CP-CONF'));
    expect(summary).toContain('Quorum now for the initial conference on Tue 20 Jan 2026 at 10:00: quorate');

    now = AFTER;
    const form = (await runCommand({ store }, ctx('chair', AFTER), 'outcome CP-CONF')).form!;
    expect(form.fields.find((f) => f.id === 'quorum')).toMatchObject({ initial: 'quorate' });
    const lead = String((await findPersonByEmail(store.db, P.sw.email))!.id);
    const recorded = await submitForm({ store }, ctx('chair', AFTER), 'outcome', form.state, { child_1: 'plan:neglect', child_2: 'no_plan', quorum: 'quorate', lead_social_worker: lead });
    expect(recorded.error).toBeUndefined();

    expect(await cli('record', 'CP-CONF', 'decision-sent', '--as', P.chair.email)).toBe(0);
    expect(out).toMatch(/Met: Chair's letter and outline plan sent due by Wed 21 Jan 2026/);

    const next = JSON.stringify(await runCommand({ store }, ctx('sw', AFTER), 'next CP-CONF'));
    expect(next).toMatch(/First core group due by Tue 3 Feb 2026: within 10 working days of the initial conference on Tue 20 Jan 2026 at 10:00 \(Swindon Multi-Agency Standards for Safeguarding Children, Child Protection Conferences standard 12\)/);
    expect(next).toMatch(/First review conference due by Mon 20 Apr 2026: within 3 months of the initial conference on Tue 20 Jan 2026 at 10:00 \(Swindon Multi-Agency Standards for Safeguarding Children, Child Protection Conferences standard 2\)/);
    expect(next).not.toContain('Decision and outline plan sent due');
  });

  it('moves, records with a correction, uninvites and cancels through the CLI the same as in chat', async () => {
    now = AFTER;
    expect(await cli('schedule', 'CP-CONF', 'review', '2026-04-14', '10:00', '--as', P.admin.email)).toBe(0);
    expect(await cli('invite', 'CP-CONF', P.police.email, '--as', P.admin.email)).toBe(0);
    expect(await cli('move', 'CP-CONF', '2026-04-15', '10:00', 'other', 'the', 'venue', 'is', 'closed', '--as', P.chair.email)).toBe(2);
    expect(err).toContain('only from the family');
    expect(await cli('move', 'CP-CONF', '2026-04-15', '10:00', 'other', 'the', 'venue', 'is', 'closed', '--confirmed', '--as', P.admin.email)).toBe(0);
    expect(out).toContain('The 1 invitee is being told');
    expect(await cli('record', 'CP-CONF', 'visit', '2026-01-20', '--as', P.sw.email)).toBe(0);
    expect(await cli('record', 'CP-CONF', 'visit', '2026-01-19', '--corrects', '--as', P.sw.email)).toBe(0);
    expect(out).toContain('corrects the entry for Tue 20 Jan 2026');
    expect(await count(store, 'events', "kind = 'statutory_visit' and source = 'cli'")).toBe(2);
    expect(await count(store, 'events', "kind = 'statutory_visit' and superseded_by is null")).toBe(1);
    expect(await cli('uninvite', 'CP-CONF', P.police.email, 'no', 'longer', 'involved', 'with', 'the', 'family', '--as', P.admin.email)).toBe(0);
    expect(await cli('cancel', 'CP-CONF', 'new-information', 'the', 'plan', 'ended', 'at', 'an', 'early', 'review', '--as', P.chair.email)).toBe(0);
    expect(out).toContain('cancelled');
  });
});
