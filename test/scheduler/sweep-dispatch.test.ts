// Sweep and dispatch against a real database, on both drivers.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../src/bot/core/index.js';
import { DeliveryError, type ActionPayload } from '../../src/bot/core/types.js';
import { claimDue, dispatch, runTick, sweep, sweepCases } from '../../src/bot/scheduler/index.js';
import { markSendStarted } from '../../src/bot/scheduler/dispatch.js';
import { setLogDestination } from '../../src/log.js';
import { chatIdentities, conferences, invitations, nudges, people } from '../../src/store/schema.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { EMAILS, silentInviteesCase } from './support/fixtures.js';
import { createRecordingSender } from './support/recording-sender.js';
import { allNudges, at9, nudgesWithStatus, seed } from './support/seed.js';

const RESENT = 'Sent again after an interruption';

describe.each(DB_KINDS)('scheduler sweep and dispatch (%s)', (kind) => {
  let store: TestStore;
  let ids: Map<string, number>;
  beforeEach(async () => {
    store = await openTestStore(kind);
    ids = await seed(store);
  });
  afterEach(async () => {
    await store.close();
  });

  it('enqueues what is due once, however often it sweeps', async () => {
    expect((await sweep(store.db, at9('2026-01-06'))).enqueued).toEqual([]);
    const first = await sweep(store.db, at9('2026-01-07'));
    expect(first.enqueued).toHaveLength(2 + 2 + 3);
    expect((await sweep(store.db, at9('2026-01-07'))).enqueued).toEqual([]);
    expect(await allNudges(store.db)).toHaveLength(7);
  });

  it('plans the same rows whatever the batch sizes', async () => {
    const more = await openTestStore(kind);
    try {
      const refs = Array.from({ length: 7 }, (_, i) => `CP-10${i}`);
      await seed(more, refs.map((ref) => silentInviteesCase(ref)));
      const batched = await sweep(more.db, at9('2026-01-07'), { batchSize: 3, firstBatchSize: 2, dryRun: true });
      const whole = await sweep(more.db, at9('2026-01-07'), { dryRun: true });
      expect(batched.cases).toBe(7);
      expect(whole.cases).toBe(7);
      // Seven of the case the first test plans 2 + 2 + 3 nudges for.
      expect(batched.enqueued).toHaveLength(7 * 7);
      expect([...batched.enqueued].sort()).toEqual([...whole.enqueued].sort());
    } finally {
      await more.close();
    }
  });

  it('sends through the first sender that reaches the person, records the message id and adds the nudge id to buttons', async () => {
    const slack = createRecordingSender('slack');
    const teams = createRecordingSender('teams');
    // Only the health visitor is on Slack; everyone else has a Teams chat with the bot.
    await store.db.update(people).set({ slackUserId: null });
    await store.db.insert(chatIdentities).values({ platform: 'slack', platformUserId: 'U0HEALTH', personId: ids.get(EMAILS.health)! });
    const conversation = { serviceUrl: 'http://127.0.0.1:9/teams', conversation: { id: 'a:1' } };
    for (const [email, personId] of ids) if (email !== EMAILS.health) await store.db.insert(chatIdentities).values({ platform: 'teams', platformUserId: `29:${personId}`, personId, conversationRef: conversation });
    await sweep(store.db, at9('2026-01-07'));
    const out = await dispatch(store.db, at9('2026-01-07'), { senders: [slack, teams] });
    expect(out.every((o) => o.status === 'sent')).toBe(true);
    expect(slack.sent.map((s) => s.personId)).toEqual([ids.get(EMAILS.health), ids.get(EMAILS.health)]);
    expect(teams.sent).toHaveLength(5);
    const rows = await allNudges(store.db);
    expect(rows.every((r) => r.status === 'sent' && r.platformMessageId && r.sentAt)).toBe(true);
    const row = rows.find((r) => r.recipientId === ids.get(EMAILS.health) && r.kind === 'reply_chase')!;
    expect(row.channel).toBe('slack');
    const sent = slack.sent.find((s) => s.messageId === row.platformMessageId)!;
    const payloads = sent.view.blocks.flatMap((b) => (b.type === 'actions' ? b.actions.map((a) => a.payload) : [])) as ActionPayload[];
    expect(payloads.length).toBe(5);
    expect(payloads.every((p) => p.n === row.id)).toBe(true);
    expect(await dispatch(store.db, at9('2026-01-07'), { senders: [slack, teams] })).toEqual([]);
  });

  it('stops a chain when its person acts, and cancels what was waiting', async () => {
    const tuesday = new Date('2026-01-06T22:00:00Z');
    await sweep(store.db, at9('2026-01-07'));
    const health = ids.get(EMAILS.health)!;
    const [conf] = await store.db.select().from(conferences);
    await store.db.update(invitations).set({ reportSubmittedAt: tuesday }).where(eq(invitations.personId, health));
    const result = await sweepCases(store.db, [conf!.caseId], at9('2026-01-07'));
    expect(result.cancelled.map((c) => c.key)).toEqual([`report_due:c${conf!.caseId}/icpc-1:2026-01-09:p${health}:wd2`]);
    const friday = await sweep(store.db, at9('2026-01-09'));
    expect(friday.enqueued.filter((k) => k.startsWith('report_due')).map((k) => k.split(':')[3])).toEqual([`p${ids.get(EMAILS.school)}`]);
  });

  it('says "now quorate" at once when a reply turns quorum, and ends the alerts', async () => {
    await sweep(store.db, at9('2026-01-07'));
    const [conf] = await store.db.select().from(conferences);
    await store.db.update(invitations).set({ response: 'attending' }).where(eq(invitations.personId, ids.get(EMAILS.school)!));
    const now = new Date('2026-01-07T10:30:00Z');
    const result = await sweepCases(store.db, [conf!.caseId], now);
    expect(result.enqueued.filter((k) => k.startsWith('quorum_change')).map((k) => k.split(':').pop())).toEqual(['quorate-1', 'quorate-1', 'quorate-1']);
    expect(result.cancelled.filter((c) => c.key.startsWith('quorum:'))).toHaveLength(3);
    const sender = createRecordingSender();
    const out = await dispatch(store.db, now, { senders: [sender] });
    expect(out.filter((o) => o.kind === 'quorum_change').map((o) => o.recipientId).sort()).toEqual([ids.get(EMAILS.chair), ids.get(EMAILS.socialWorker), ids.get(EMAILS.admin)].sort());
    expect((await sweep(store.db, at9('2026-01-08'))).enqueued.filter((k) => k.startsWith('quorum'))).toEqual([]);
  });

  it('cancels the old date’s unsent nudges when the conference moves', async () => {
    await sweep(store.db, at9('2026-01-07'));
    await store.db.update(conferences).set({ scheduledAt: new Date('2026-01-28T10:00:00Z') });
    const moved = await sweep(store.db, new Date('2026-01-07T09:15:00Z'));
    expect(moved.cancelled).toHaveLength(7);
    // The new date is past the 15-working-day deadline: the admin and chair hear so at once.
    expect(moved.enqueued.map((k) => k.split(':').slice(0, 3).join(':') + ':' + k.split(':').pop())).toEqual([
      `timescale:c1/icpc/icpc-1:2026-01-14>2026-01-28:booked_late`,
      `timescale:c1/icpc/icpc-1:2026-01-14>2026-01-28:booked_late`,
    ]);
    expect((await nudgesWithStatus(store.db, 'pending')).map((r) => r.kind)).toEqual(['timescale', 'timescale']);
  });

  it('holds nudges outside working hours and on bank holidays, and sends them in the morning', async () => {
    const sender = createRecordingSender();
    await sweep(store.db, at9('2026-01-07'));
    const evening = await runTick(store.db, new Date('2026-01-07T18:30:00Z'), { senders: [sender] });
    expect(new Set(evening.map((l) => l.status))).toEqual(new Set(['deferred']));
    expect(evening).toHaveLength(7);
    expect(sender.sent).toEqual([]);
    const early = await runTick(store.db, new Date('2026-01-08T07:59:00Z'), { senders: [sender] });
    expect(early.every((l) => l.status === 'deferred')).toBe(true);
    const morning = await runTick(store.db, new Date('2026-01-08T08:00:00Z'), { senders: [sender] });
    expect(morning.filter((l) => l.status === 'sent')).toHaveLength(7);
    expect(await dispatch(store.db, new Date('2026-01-01T10:00:00Z'), { senders: [sender] })).toEqual([]);
  });

  it('retries a platform error with backoff, honours retry-after, and gives up on a permanent one', async () => {
    const sender = createRecordingSender();
    await sweep(store.db, at9('2026-01-07'));
    const now = at9('2026-01-07');
    sender.failWith.push(new DeliveryError('rate limited', { retryAfterMs: 600_000 }), new DeliveryError('no such user', { permanent: true }));
    const out = await dispatch(store.db, now, { senders: [sender], batchSize: 50 });
    expect(out.map((o) => o.status).slice(0, 2)).toEqual(['retry', 'failed']);
    const [retry] = await store.db.select().from(nudges).where(eq(nudges.id, out[0]!.id));
    expect(retry!.status).toBe('pending');
    expect(retry!.nextAttemptAt!.getTime()).toBe(now.getTime() + 600_000);
    expect(retry!.lastError).toBe('DELIVERY_FAILED');
    expect(await dispatch(store.db, new Date(now.getTime() + 300_000), { senders: [sender] })).toEqual([]);
    const later = await dispatch(store.db, new Date(now.getTime() + 600_000), { senders: [sender] });
    expect(later.map((o) => [o.id, o.status])).toEqual([[out[0]!.id, 'sent']]);
    const [failed] = await store.db.select().from(nudges).where(eq(nudges.id, out[1]!.id));
    expect(failed!.status).toBe('failed');
  });

  it('retakes rows a dead process claimed but never began to send, without the "sent again" note', async () => {
    const sender = createRecordingSender();
    await sweep(store.db, at9('2026-01-07'));
    const now = at9('2026-01-07');
    // A process claims a batch and dies before its first platform call.
    const { rows } = await claimDue(store.db, now, 100, 60_000);
    expect(rows).toHaveLength(7);
    expect(await dispatch(store.db, new Date(now.getTime() + 30_000), { senders: [sender] })).toEqual([]);
    const retaken = await dispatch(store.db, new Date(now.getTime() + 61_000), { senders: [sender] });
    expect(retaken.map((o) => [o.status, o.possiblySent])).toEqual(Array(7).fill(['sent', false]));
    expect(sender.sent.filter((s) => JSON.stringify(s.view).includes(RESENT))).toEqual([]);
    expect((await allNudges(store.db)).every((r) => r.status === 'sent' && !r.possiblySent && r.attempts === 1)).toBe(true);
  });

  it('sends again, flagged as possibly sent, only the row whose platform call was interrupted', async () => {
    const sender = createRecordingSender();
    await sweep(store.db, at9('2026-01-07'));
    const now = at9('2026-01-07');
    const { rows, lease } = await claimDue(store.db, now, 100, 60_000);
    expect(await markSendStarted(store.db, rows[0]!.id, lease, now)).toBe(1);
    const retaken = await dispatch(store.db, new Date(now.getTime() + 61_000), { senders: [sender] });
    expect(retaken.filter((o) => o.possiblySent).map((o) => o.id)).toEqual([rows[0]!.id]);
    expect(sender.sent.filter((s) => JSON.stringify(s.view).includes(RESENT)).map((s) => s.personId)).toEqual([rows[0]!.recipient_id]);
    const after = await allNudges(store.db);
    expect(after.find((r) => r.id === rows[0]!.id)).toMatchObject({ status: 'sent', possiblySent: true, attempts: 2, lastError: null });
    expect(after.filter((r) => r.id !== rows[0]!.id).every((r) => r.status === 'sent' && !r.possiblySent && r.attempts === 1)).toBe(true);
  });

  it('sends once more, flagged as possibly repeated, a row whose sender died twice mid-send', async () => {
    const sender = createRecordingSender();
    await sweep(store.db, at9('2026-01-07'));
    const now = at9('2026-01-07');
    const first = await claimDue(store.db, now, 1, 1000);
    await markSendStarted(store.db, first.rows[0]!.id, first.lease, now);
    const later = new Date(now.getTime() + 2000);
    const second = await claimDue(store.db, later, 1, 1000);
    expect(second.rows.map((r) => [r.id, r.possibly_sent, r.exhausted])).toEqual([[first.rows[0]!.id, true, false]]);
    await markSendStarted(store.db, second.rows[0]!.id, second.lease, later);
    const out = await dispatch(store.db, new Date(now.getTime() + 4000), { senders: [sender] });
    expect(out.map((o) => o.status)).toEqual(Array(7).fill('sent'));
    expect(out.find((o) => o.id === first.rows[0]!.id)).toMatchObject({ status: 'sent', possiblySent: true });
    expect(sender.sent.filter((s) => JSON.stringify(s.view).includes(RESENT))).toHaveLength(1);
    const row = (await allNudges(store.db)).find((r) => r.id === first.rows[0]!.id)!;
    expect(row).toMatchObject({ status: 'sent', possiblySent: true, attempts: 3 });
  });

  it('snoozes a chain to the next working morning, only for its recipient', async () => {
    const sender = createRecordingSender();
    await sweep(store.db, at9('2026-01-09'));
    await dispatch(store.db, at9('2026-01-09'), { senders: [sender] });
    const rows = await allNudges(store.db);
    const chase = rows.find((r) => r.kind === 'reply_chase' && r.recipientId === ids.get(EMAILS.health))!;
    // The click goes through the core, as a Slack button would: the nudge must be the clicker's, on that case.
    const click = (email: string, n: number, c = 'CP-0001') =>
      runAction({ store }, { user: { platform: 'slack', workspaceId: 'T0TEST', userId: `U0P${ids.get(email)}` }, correlationId: `snooze-${email}`, now: new Date('2026-01-09T10:00:00Z') }, { a: 'snooze', c, n });
    expect((await click(EMAILS.school, chase.id)).error?.code).toBe('NUDGE_NOT_YOURS');
    expect((await click(EMAILS.school, 999_999)).error?.code).toBe('NUDGE_NOT_YOURS');
    expect((await click(EMAILS.health, chase.id, 'CP-OTHER')).error?.code).toBe('NUDGE_NOT_YOURS');
    const snoozedReply = await click(EMAILS.health, chase.id);
    expect(JSON.stringify(snoozedReply.view)).toContain('Mon 12 Jan 2026 at 09:00');
    sender.sent.length = 0;
    // Monday: the snooze comes back instead of (not as well as) the 2-day chase it covers.
    await runTick(store.db, at9('2026-01-12'), { senders: [sender] });
    const toHealth = sender.sent.filter((s) => s.personId === ids.get(EMAILS.health) && JSON.stringify(s.view).includes('reply needed'));
    expect(toHealth).toHaveLength(1);
    const snoozed = (await allNudges(store.db)).find((r) => r.step === 'snooze-2026-01-12')!;
    expect(snoozed.status).toBe('sent');
  });

  it('logs ids and codes only: no names, emails or text', async () => {
    const lines: string[] = [];
    setLogDestination({ write: (s: string) => void lines.push(s) });
    process.env.QUORUM_LOG_LEVEL = 'info';
    try {
      await runTick(store.db, at9('2026-01-07'), { senders: [] });
    } finally {
      setLogDestination(undefined);
      process.env.QUORUM_LOG_LEVEL = 'silent';
    }
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    for (const forbidden of ['Hana', 'Eli School', '@example.org', 'reply needed', 'CP-0001', 'A.B.']) expect(log).not.toContain(forbidden);
  });
});
