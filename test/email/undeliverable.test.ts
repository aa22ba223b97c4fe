// Nobody silently dropped: a nudge no channel reaches is `undeliverable`, never `sent`, and the
// conference admin and chair get one report a working day per conference naming who and why.
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, sweep } from '../../src/bot/scheduler/index.js';
import { createCoreDeps } from '../../src/bot/core/deps.js';
import { runCommand } from '../../src/bot/core/index.js';
import { people } from '../../src/store/schema.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { EMAILS } from '../scheduler/support/fixtures.js';
import { createRecordingSender } from '../scheduler/support/recording-sender.js';
import { allNudges, at9, seed } from '../scheduler/support/seed.js';

describe.each(DB_KINDS)('undeliverable nudges (%s)', (kind) => {
  let store: TestStore;
  let ids: Map<string, number>;
  beforeEach(async () => {
    store = await openTestStore(kind);
    ids = await seed(store);
    // Hana Health is on no chat platform and has no email; Eli School has only an email.
    await store.db.update(people).set({ slackUserId: null, email: null }).where(eq(people.id, ids.get(EMAILS.health)!));
    await store.db.update(people).set({ slackUserId: null }).where(eq(people.id, ids.get(EMAILS.school)!));
  });
  afterEach(async () => {
    await store.close();
  });

  it('stores undeliverable, never sent, and reports once a day to the admin and the chair when no channel reaches the invitee', async () => {
    const slack = createRecordingSender('slack');
    const now = at9('2026-01-07');
    await sweep(store.db, now);
    const out = await dispatch(store.db, now, { senders: [slack] });
    const rows = await allNudges(store.db);
    const health = rows.filter((r) => r.recipientId === ids.get(EMAILS.health));
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((r) => r.status === 'undeliverable' && r.lastError === 'NO_CHAT_NO_EMAIL' && !r.sentAt)).toBe(true);
    const school = rows.filter((r) => r.recipientId === ids.get(EMAILS.school) && r.kind !== 'unreachable_report');
    expect(school.every((r) => r.status === 'undeliverable' && r.lastError === 'EMAIL_NOT_CONFIGURED')).toBe(true);
    expect(slack.sent.some((s) => [ids.get(EMAILS.health), ids.get(EMAILS.school)].includes(s.personId))).toBe(false);

    const reports = rows.filter((r) => r.kind === 'unreachable_report');
    expect(reports.map((r) => r.recipientId).sort()).toEqual([ids.get(EMAILS.admin), ids.get(EMAILS.chair)].sort());
    expect(reports.every((r) => r.status === 'sent')).toBe(true);
    const text = JSON.stringify(slack.sent.find((s) => s.personId === ids.get(EMAILS.admin) && s.view.fallback.includes('cannot reach'))!.view);
    expect(text).toContain('Hana Health, Health Visiting: no chat account and no email');
    expect(text).toContain('Eli School, Oak Primary: no chat account, and email is not turned on in Quorum');
    expect(text).not.toContain('A.B.');
    expect(out.filter((o) => o.status === 'undeliverable').length).toBe(health.length + school.length);

    // `case` tells the chair the same, with why.
    const core = { ...createCoreDeps({ QUORUM_NUDGE_START_HOUR: 8 }, store), channels: ['slack' as const] };
    const view = await runCommand(core, { user: { platform: 'cli', workspaceId: 'cli', userId: EMAILS.chair, email: EMAILS.chair }, correlationId: 't', now }, 'case CP-0001');
    expect(JSON.stringify(view.view)).toContain('Hana Health, Health Visiting: no chat account and no email');

    // Later the same day: more undeliverable nudges, no second report.
    await store.db.execute(sql`update nudges set status = 'pending', last_error = null where recipient_id = ${ids.get(EMAILS.health)!}`);
    await dispatch(store.db, new Date(now.getTime() + 3600_000), { senders: [slack] });
    expect((await allNudges(store.db)).filter((r) => r.kind === 'unreachable_report')).toHaveLength(2);
  });
});
