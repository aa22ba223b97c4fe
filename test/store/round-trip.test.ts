import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/milestones.js';
import { evaluateAllQuorum } from '../../src/rules/quorum.js';
import { loadProfile } from '../../src/rules/profiles.js';
import { findCaseByRef, loadCase } from '../../src/store/cases.js';
import { importCases } from '../../src/store/import.js';
import { parseCaseFacts } from '../../src/rules/case-facts.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';

const example = JSON.parse(fs.readFileSync('docs/examples/import.json', 'utf8'));

describe.each(DB_KINDS)('the store round trip (%s)', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
    await importCases(store, example, { actor: 'cli:test', correlationId: 'c' });
  });
  afterAll(() => store.close());

  it.each(['2026-01-10T09:00:00Z', '2026-03-20T09:00:00Z', '2026-04-20T09:00:00Z'])(
    'gives the rules engine the same deadlines from the store as from the file, at %s',
    async (at) => {
      const { partnership: _p, members: _m, ...facts } = example.cases[0];
      const parsed = parseCaseFacts(facts);
      expect(parsed.ok).toBe(true);
      const fromFile = parsed.ok ? parsed.facts : undefined;
      const row = (await findCaseByRef(store.db, example.cases[0].ref))!;
      const fromStore = (await loadCase(store.db, row.id))!.facts;
      const profile = loadProfile('swindon');
      const now = new Date(at);
      expect(evaluate(fromStore, profile, now)).toEqual(evaluate(fromFile!, profile, now));
      expect(evaluateAllQuorum(fromStore, profile)).toEqual(evaluateAllQuorum(fromFile!, profile));
    },
  );
});
