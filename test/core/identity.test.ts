// Linking a chat user to a person: the link and its conversation reference are written when new or
// changed, and not on every request (jsonb reorders keys, so equality must ignore key order). A link
// is (platform, workspace, user id): an id from another workspace is someone unknown, an id given by
// import counts in the home workspace only, and an unconfirmed email links nobody.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { runCommand } from '../../src/bot/core/index.js';
import type { ChatUser, CoreDeps } from '../../src/bot/core/types.js';
import { importCases } from '../../src/store/import.js';
import { auditLog, chatIdentities } from '../../src/store/schema.js';
import { snapshot } from '../conference/support.js';
import { ctxFor, ROLE_PEOPLE, roleCase } from '../support/core-case.js';
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

describe.each(DB_KINDS)('resolvePerson across workspaces (%s)', (kind) => {
  let store: TestStore;
  let deps: CoreDeps;
  beforeAll(async () => {
    store = await openTestStore(kind);
    deps = { store };
    const withImportedId = roleCase();
    withImportedId.members = withImportedId.members.map((m) => (m.role === 'chair' ? { ...m, slackUserId: 'UCARA0001' } : m));
    await importCases(store, { cases: [withImportedId] }, { actor: 'test', correlationId: 'c' });
  });
  afterAll(async () => {
    await store?.close();
  });

  const ask = (user: Partial<ChatUser>) => {
    const ctx = ctxFor('outsider');
    return runCommand(deps, { ...ctx, user: { platform: 'slack', workspaceId: 'T0HOME', userId: 'UNOBODY1', ...user } }, 'next CP-ROLE');
  };
  const linkAudits = () => store.db.select().from(auditLog).where(eq(auditLog.action, 'CHAT_USER_LINKED'));

  it('does not take an id given by import from a workspace other than the home one', async () => {
    const before = await snapshot(store);
    expect((await ask({ workspaceId: 'T0AWAY', homeWorkspace: false, userId: 'UCARA0001' })).error?.code).toBe('NOT_LINKED');
    expect(await snapshot(store)).toBe(before);
  });

  it('takes an id given by import in the home workspace, and the audit entry names the workspace', async () => {
    expect((await ask({ workspaceId: 'T0HOME', homeWorkspace: true, userId: 'UCARA0001' })).error).toBeUndefined();
    const [entry] = await linkAudits();
    expect(entry?.detail).toEqual({ platform: 'slack', workspaceId: 'T0HOME', platformUserId: 'UCARA0001', by: 'platform_id' });
    const rows = await store.db.select().from(chatIdentities).where(eq(chatIdentities.platformUserId, 'UCARA0001'));
    expect(rows.map((r) => r.workspaceId)).toEqual(['T0HOME']);
  });

  it('treats a linked user id arriving from another workspace as someone unknown', async () => {
    const before = await snapshot(store);
    expect((await ask({ workspaceId: 'T0AWAY', homeWorkspace: false, userId: 'UCARA0001' })).error?.code).toBe('NOT_LINKED');
    expect(await snapshot(store)).toBe(before);
  });

  it('links nobody by an email the platform says is not confirmed, and asks no lookup', async () => {
    const before = await snapshot(store);
    let looked = 0;
    const email = ROLE_PEOPLE.social_worker.email;
    expect((await ask({ userId: 'UNEWSOL1', email, emailConfirmed: false })).error?.code).toBe('NOT_LINKED');
    expect((await ask({ userId: 'UNEWSOL1', emailConfirmed: false, lookupEmail: async () => (++looked, email) })).error?.code).toBe('NOT_LINKED');
    expect(looked).toBe(0);
    expect(await snapshot(store)).toBe(before);
    expect((await ask({ userId: 'UNEWSOL1', email, emailConfirmed: true })).error).toBeUndefined();
    expect((await linkAudits()).at(-1)?.detail).toEqual({ platform: 'slack', workspaceId: 'T0HOME', platformUserId: 'UNEWSOL1', by: 'email' });
  });

  it('links nobody without a workspace', async () => {
    const before = await snapshot(store);
    expect((await ask({ workspaceId: '', userId: 'UNEWSOL2', email: ROLE_PEOPLE.social_worker.email })).error?.code).toBe('NOT_LINKED');
    expect(await snapshot(store)).toBe(before);
  });
});
