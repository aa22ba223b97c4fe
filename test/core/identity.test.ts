// Linking a chat user to a person: the link and its conversation reference are written when new or
// changed, and not on every request (jsonb reorders keys, so equality must ignore key order).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { runCommand } from '../../src/bot/core/index.js';
import type { CoreDeps } from '../../src/bot/core/types.js';
import { importCases } from '../../src/store/import.js';
import { auditLog, chatIdentities } from '../../src/store/schema.js';
import { ctxFor, roleCase } from '../support/core-case.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';

// Keys deliberately not in jsonb's order (it sorts by length, then bytes).
const REF = { user: { id: '29:sol', name: 'S. Worker' }, conversation: { id: 'a:sol-personal', conversationType: 'personal' }, serviceUrl: 'https://smba.example/uk/', channelId: 'msteams' };

describe.each(DB_KINDS)('resolvePerson (%s)', (kind) => {
  let store: TestStore;
  let deps: CoreDeps;
  beforeAll(async () => {
    store = await openTestStore(kind);
    deps = { store };
    await importCases(store, { cases: [roleCase()] }, { actor: 'test', correlationId: 'c' });
  });
  afterAll(async () => {
    await store?.close();
  });

  const ask = (conversationRef: Record<string, unknown>) => {
    const ctx = ctxFor('social_worker');
    return runCommand(deps, { ...ctx, user: { ...ctx.user, platform: 'teams', userId: 'aad-sol', conversationRef } }, 'next CP-ROLE');
  };
  const link = async () => (await store.db.select().from(chatIdentities).where(eq(chatIdentities.platformUserId, 'aad-sol')))[0];

  it('links by email on first contact, audited once, and stores the conversation reference', async () => {
    expect((await ask(REF)).error).toBeUndefined();
    const row = await link();
    expect(row?.conversationRef).toEqual(REF);
    const linked = await store.db.select().from(auditLog).where(eq(auditLog.action, 'CHAT_USER_LINKED'));
    expect(linked).toHaveLength(1);
  });

  it('writes nothing to the link when the same reference comes back in another key order', async () => {
    const before = await link();
    const reordered = { channelId: REF.channelId, serviceUrl: REF.serviceUrl, conversation: { conversationType: 'personal', id: REF.conversation.id }, user: { name: REF.user.name, id: REF.user.id }, locale: undefined };
    expect((await ask(reordered)).error).toBeUndefined();
    expect((await link())?.updatedAt.getTime()).toBe(before!.updatedAt.getTime());
  });

  it('updates the reference when the conversation changes, without a second link audit', async () => {
    const moved = { ...REF, serviceUrl: 'https://smba.example/emea/' };
    expect((await ask(moved)).error).toBeUndefined();
    expect((await link())?.conversationRef).toEqual(moved);
    expect(await store.db.select().from(auditLog).where(eq(auditLog.action, 'CHAT_USER_LINKED'))).toHaveLength(1);
  });
});
