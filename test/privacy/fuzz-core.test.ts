// Hostile and broken input at the core: random and adversarial text, payloads and form values.
// Nothing throws, every answer is a view or a clear error, and nothing is written.
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, runCommand, submitForm } from '../../src/bot/core/index.js';
import { CoreError } from '../../src/bot/core/errors.js';
import { COMMAND_VOCABULARY } from '../../src/bot/core/commands/registry.js';
import { parseCommand } from '../../src/bot/core/parse.js';
import type { CoreDeps, CoreReply } from '../../src/bot/core/types.js';
import { queryRows } from '../../src/store/db.js';
import { importCases } from '../../src/store/import.js';
import { ctxFor, roleCase } from '../support/core-case.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';

const adversarial = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('next', 'case', 'attend', 'dissent', 'mine', 'help').chain((c) =>
    fc.tuple(fc.constant(c), fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom("CP-ROLE'; drop table cases;--", '../../etc/passwd', '<@U123|x>', '${jndi:ldap://x}', 'CP-ROLE\u0000', 'x'.repeat(5000)))).map(([a, b]) => `${a} ${b}`),
  ),
);

function wellFormed(r: CoreReply): boolean {
  return Boolean(r.view || r.form) && (!r.error || (typeof r.error.code === 'string' && r.error.message.length > 0 && !/\n\s+at /.test(r.error.message)));
}

describe('parseCommand', () => {
  it('either parses or refuses with a CoreError, for any text', () => {
    fc.assert(
      fc.property(adversarial, (text) => {
        try {
          const cmd = parseCommand(text, COMMAND_VOCABULARY);
          expect(cmd.args.join(' ').length).toBeLessThanOrEqual(1000);
        } catch (err) {
          expect(err).toBeInstanceOf(CoreError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe.each(DB_KINDS)('core entry points under hostile input (%s)', (kind) => {
  let store: TestStore;
  let deps: CoreDeps;
  const counts = async () => queryRows(store.db, sql`select (select count(*)::int from invitations where response <> 'no_reply') as a, (select count(*)::int from dissents) as d, (select count(*)::int from nudges) as n, (select count(*)::int from events) as e`);
  beforeAll(async () => {
    store = await openTestStore(kind);
    deps = { store };
    await importCases(store, { cases: [roleCase()] }, { actor: 'test', correlationId: 'c' });
  });
  afterAll(() => store.close());

  it('answers random command text clearly and writes nothing', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(adversarial, async (text) => {
        const reply = await runCommand(deps, ctxFor('invitee'), text);
        expect(wellFormed(reply)).toBe(true);
      }),
      { numRuns: 60 },
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses random button payloads and form values, writing nothing', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.string({ maxLength: 20 }), fc.dictionary(fc.string({ maxLength: 10 }), fc.anything()), async (payload, formId, values) => {
        expect(wellFormed(await runAction(deps, ctxFor('outsider'), payload))).toBe(true);
        expect(wellFormed(await submitForm(deps, ctxFor('invitee'), formId, payload, values as never))).toBe(true);
      }),
      { numRuns: 60 },
    );
    expect(await counts()).toEqual(before);
  });
});
