// Free text (a note on a move or a cancel) might name a child: it is shown only to the chair,
// children's social care and the QA manager, never put in a nudge, and never kept for replays.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/bot/core/index.js';
import { queryRows } from '../../src/store/db.js';
import { importCases } from '../../src/store/import.js';
import { findReplay, purgeOldReplays } from '../../src/store/repository/index.js';
import { processedRequests } from '../../src/store/schema.js';
import { caseFactsSchema } from '../../src/rules/case-facts.js';
import { ctxFor, roleCase } from '../support/core-case.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';

const NAME = 'Zoe Quillfeather';
const NOW = new Date('2026-02-02T10:00:00Z');

describe.each(DB_KINDS)('free text on a case (%s)', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
    await importCases(store, { cases: [roleCase('CP-NOTE', 'devon')] }, { actor: 'test', correlationId: 'seed' });
  });
  afterAll(() => store.close());
  const deps = () => ({ store });
  const as = (who: Parameters<typeof ctxFor>[0], text: string, key?: string) => runCommand(deps(), ctxFor(who, NOW, key ? { idempotencyKey: key } : {}), text);

  it('tells invitees the reason code only, and keeps the note out of every nudge and the replay record', async () => {
    const reply = await as('conference_admin', `move CP-NOTE 2026-04-20 10:00 other ${NAME}'s father is in hospital`, 'retry-key-1');
    expect(reply.error).toBeUndefined();
    expect(JSON.stringify(reply)).toContain(NAME); // the admin sees what they typed
    const payloads = await queryRows<{ p: string }>(store.db, sql`select payload::text as p from nudges`);
    expect(payloads.length).toBeGreaterThan(0);
    expect(payloads.filter((r) => r.p.includes('Quillfeather'))).toEqual([]);
    expect(payloads.some((r) => r.p.includes('another reason, recorded for the chair'))).toBe(true);
    const [stored] = await store.db.select().from(processedRequests);
    expect(JSON.stringify(stored!.result)).not.toContain('Quillfeather');
    // A platform retry gets the stored reply and writes nothing more.
    const before = await queryRows<{ n: number }>(store.db, sql`select count(*)::int as n from audit_log`);
    const again = await as('conference_admin', `move CP-NOTE 2026-04-20 10:00 other ${NAME}'s father is in hospital`, 'retry-key-1');
    expect(JSON.stringify(again)).not.toContain('Quillfeather');
    expect(JSON.stringify(again)).toContain('Moved from');
    expect(await queryRows<{ n: number }>(store.db, sql`select count(*)::int as n from audit_log`)).toEqual(before);
  });

  it('shows the note to the chair, children’s social care and QA, and not to the police invitee', async () => {
    for (const who of ['chair', 'social_worker', 'team_manager', 'conference_admin', 'qa_manager'] as const) {
      expect(JSON.stringify(await as(who, 'case CP-NOTE')), who).toContain(NAME);
    }
    const police = JSON.stringify(await as('invitee', 'case CP-NOTE'));
    expect(police).not.toContain('Quillfeather');
    expect(police).toContain('another reason, recorded for the chair');
  });

  it('forgets stored replies after a day', async () => {
    const old = new Date(NOW.getTime() - 25 * 3600_000);
    await store.db.insert(processedRequests).values({ key: 'old-key', result: { view: { fallback: 'x', blocks: [] } }, createdAt: old });
    expect(await findReplay(store, 'old-key', NOW)).toBeUndefined();
    expect(await findReplay(store, 'retry-key-1', NOW)).toBeDefined();
    expect(await purgeOldReplays(store.db, NOW)).toBe(1);
    expect((await store.db.select().from(processedRequests)).map((r) => r.key)).toEqual(['retry-key-1']);
  });
});

describe('child initials', () => {
  it.each([['J.S.'], ['A.'], ['J. S.'], ['A.B.C.D.']])('accepts %s', (initials) => {
    expect(caseFactsSchema.shape.children.element.safeParse({ ref: 'c1', initials }).success).toBe(true);
  });
  it.each([['Zoe'], ['JS'], ['Jasmine Smith'], ['A.B.C.D.E.'], ['J.S']])('refuses %s: only letters each followed by a dot', (initials) => {
    const parsed = caseFactsSchema.shape.children.element.safeParse({ ref: 'c1', initials });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('each followed by a dot');
  });
});
