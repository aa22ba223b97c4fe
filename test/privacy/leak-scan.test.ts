// Data minimisation: nothing the bot renders names a child, and no log line carries a name, an
// email or message text. Child names are planted in the only free-text places a case system could
// put them (event notes); they must never come back out.
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHome, runAction, runCommand, submitForm } from '../../src/bot/core/index.js';
import { ACTION_IDS, type CoreDeps } from '../../src/bot/core/types.js';
import { setLogDestination } from '../../src/log.js';
import { queryRows } from '../../src/store/db.js';
import { importCases } from '../../src/store/import.js';
import { ctxFor, ROLE_PEOPLE, roleCase } from '../support/core-case.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { FIXTURE_CHILD_NAMES } from '../support/fixtures.js';

const logLines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, cb) {
    logLines.push(String(chunk));
    cb();
  },
});

describe.each(DB_KINDS)('leak scan (%s)', (kind) => {
  let store: TestStore;
  let deps: CoreDeps;
  const rendered: string[] = [];
  beforeAll(async () => {
    process.env.QUORUM_LOG_LEVEL = 'trace';
    setLogDestination(sink);
    store = await openTestStore(kind);
    deps = { store };
    const file = roleCase();
    file.events.push({ kind: 'strategy_discussion', at: '2026-01-06T10:00:00Z', note: `Concerns about ${FIXTURE_CHILD_NAMES[0]} raised by school` } as never);
    await importCases(store, { cases: [file] }, { actor: 'test', correlationId: 'c' });
  });
  afterAll(async () => {
    setLogDestination(undefined);
    process.env.QUORUM_LOG_LEVEL = 'silent';
    await store.close();
  });

  it('renders every command, button and form for every role without a child name', async () => {
    const now = new Date('2026-04-08T10:00:00Z');
    for (const who of Object.keys(ROLE_PEOPLE) as (keyof typeof ROLE_PEOPLE)[]) {
      for (const command of ['help', 'mine', 'next CP-ROLE', 'case CP-ROLE', 'attend CP-ROLE', 'dissent CP-ROLE', 'next CP-NOPE', 'bogus']) {
        rendered.push(JSON.stringify(await runCommand(deps, ctxFor(who, now), command)));
      }
      for (const a of ACTION_IDS) rendered.push(JSON.stringify(await runAction(deps, ctxFor(who, now), { a, c: 'CP-ROLE', f: 'rcpc-1', n: 1 })));
      rendered.push(JSON.stringify(await submitForm(deps, ctxFor(who, now), 'dissent', { a: 'dissent_open', c: 'CP-ROLE', f: 'icpc-1' }, { decision: 'plan', view: 'A considered professional view.', formal: 'formal' })));
      rendered.push(JSON.stringify(await renderHome(deps, ctxFor(who, now))));
    }
    const outbox = await queryRows<{ payload: unknown }>(store.db, sql`select payload from nudges`);
    rendered.push(...outbox.map((r) => JSON.stringify(r.payload)));
    expect(rendered.length).toBeGreaterThan(100);
    for (const name of FIXTURE_CHILD_NAMES) {
      for (const text of rendered) expect(text).not.toContain(name);
    }
    expect(rendered.some((t) => t.includes('K.L.'))).toBe(true);
  });

  it('writes log lines with ids and codes only: no names, no emails, no message text', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const forbidden = [...FIXTURE_CHILD_NAMES, ...Object.values(ROLE_PEOPLE).flatMap((p) => [p.name, p.email]), 'K.L.', 'A considered professional view'];
    for (const line of logLines) {
      for (const word of forbidden) expect(line).not.toContain(word);
      expect(line).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/);
    }
  });
});
