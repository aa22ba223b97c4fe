// Case references as people type them: `next cp-conf` is CP-CONF, shown as the council wrote it;
// one case per reference whatever its case, in the store and in an import file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/bot/core/index.js';
import { importCases, ImportError } from '../../src/store/import.js';
import { bookingCase, count, ctx, deps, seed, text } from '../conference/support.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';

describe.each(DB_KINDS)('case references (%s)', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
    await seed(store);
  });
  afterAll(() => store.close());

  it('finds the case whatever the case of the typed reference, and shows it as stored', async () => {
    const reply = await runCommand(deps(store), ctx('sw'), 'next cp-conf');
    expect(reply.error).toBeUndefined();
    expect(text(reply)).toContain('CP-CONF');
    expect(text(reply)).not.toContain('cp-conf');
  });

  it('updates the stored case when an import names it in another case, and adds no second case', async () => {
    const before = await count(store, 'cases');
    const result = await importCases(store, { cases: [{ ...bookingCase('Cp-Conf'), children: [{ ref: 'A', initials: 'K.L.' }] }] }, { actor: 'test', correlationId: 'refs' });
    expect(result.updated).toEqual(['Cp-Conf']);
    expect(await count(store, 'cases')).toBe(before);
  });

  it('refuses a file that names one case twice in different cases, writing nothing', async () => {
    const before = await count(store, 'cases');
    const file = { cases: [bookingCase('CP-NEW'), bookingCase('cp-new')] };
    const err = await importCases(store, file, { actor: 'test', correlationId: 'refs2' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as InstanceType<typeof ImportError>).problems.join('\n')).toContain('cases[1].ref: case cp-new appears twice in the file (as CP-NEW too: references match whatever their case)');
    expect(await count(store, 'cases')).toBe(before);
  });
});
