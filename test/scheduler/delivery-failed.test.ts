// A nudge that finally fails is never dropped silently: its case's conference admin (else its chair,
// else its team manager) gets a notice of its own kind, written once, naming no child.
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { viewToText } from '../../src/bot/core/nudges/index.js';
import { DeliveryError, type ChannelSender } from '../../src/bot/core/types.js';
import { claimDue, dispatch, markSendStarted } from '../../src/bot/scheduler/dispatch.js';
import { pickReportRole, reportDeliveryFailure } from '../../src/bot/scheduler/delivery-failed.js';
import { sweep } from '../../src/bot/scheduler/index.js';
import { setLogDestination } from '../../src/log.js';
import { caseMembers, nudges } from '../../src/store/schema.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { EMAILS } from './support/fixtures.js';
import { createRecordingSender } from './support/recording-sender.js';
import { allNudges, at9, seed } from './support/seed.js';

const NOW = at9('2026-01-07');

/** A Slack sender that refuses, permanently, everything for these people. */
function refusingSender(refuse: Set<number>) {
  const inner = createRecordingSender();
  const sender: ChannelSender & { sent: typeof inner.sent } = {
    channel: 'slack',
    sent: inner.sent,
    send: async (recipient, view) => {
      if (refuse.has(recipient.personId)) throw new DeliveryError('SLACK_USER_NOT_FOUND', { permanent: true });
      return inner.send(recipient, view);
    },
  };
  return sender;
}

describe.each(DB_KINDS)('delivery failures are reported on the case (%s)', (kind) => {
  let store: TestStore;
  let ids: Map<string, number>;
  beforeEach(async () => {
    store = await openTestStore(kind);
    ids = await seed(store);
    await sweep(store.db, NOW);
  });
  afterEach(() => store.close());

  const failureNotices = async () => (await allNudges(store.db)).filter((r) => r.kind === 'delivery_failed');

  it('tells the conference admin when a platform refuses a reminder, once, naming the professional and no child', async () => {
    const health = ids.get(EMAILS.health)!;
    const sender = refusingSender(new Set([health]));
    const out = await dispatch(store.db, NOW, { senders: [sender] });
    const failed = out.filter((o) => o.status === 'failed');
    expect(failed.map((o) => o.recipientId)).toEqual([health, health]);
    expect(failed.every((o) => o.code === 'DELIVERY_FAILED' && o.reportedTo?.join() === String(ids.get(EMAILS.admin)))).toBe(true);
    const notices = await failureNotices();
    expect(notices.map((n) => [n.recipientId, n.status, n.key])).toEqual(failed.map((f) => [ids.get(EMAILS.admin), 'sent', `delivery_failed:n${f.id}:p${ids.get(EMAILS.admin)}`]));
    const text = viewToText(sender.sent.find((s) => s.personId === ids.get(EMAILS.admin) && JSON.stringify(s.view).includes('not delivered'))!.view);
    expect(text).toContain('CP-0001: a message was not delivered');
    expect(text).toContain('Hana Health (Health Visiting)');
    expect(text).toContain('SLACK_USER_NOT_FOUND');
    expect(text).toMatch(/\(nudge \d+\)/);
    expect(text).not.toContain('A.B.');
    // Recording the same failure again writes nothing more.
    const [first] = failed;
    const again = await reportDeliveryFailure(store.db, { id: first!.id, kind: first!.kind, step: 'x', caseId: first!.caseId, conferenceId: null, recipientId: health, attempts: 1, code: 'X', permanent: true }, NOW, pino({ level: 'silent' }));
    expect(again.to).toEqual([ids.get(EMAILS.admin)]);
    expect(await failureNotices()).toHaveLength(2);
  });

  it('tells the chair instead when the admin is the person it could not reach', async () => {
    const admin = ids.get(EMAILS.admin)!;
    const out = await dispatch(store.db, NOW, { senders: [refusingSender(new Set([admin]))] });
    expect(out.filter((o) => o.status === 'failed').map((o) => [o.recipientId, o.reportedTo])).toEqual([[admin, [ids.get(EMAILS.chair)]]]);
    const [notice] = await failureNotices();
    expect(notice!.recipientId).toBe(ids.get(EMAILS.chair));
    expect(JSON.stringify(notice!.payload)).toContain("as the case's chair: the conference admin is the person it could not reach");
  });

  it('fails and reports a row interrupted mid-send until its attempts ran out, and sends it no more', async () => {
    const sender = createRecordingSender();
    let at = NOW;
    let target: number | undefined;
    for (let i = 0; i < 2; i++) {
      const { rows, lease } = await claimDue(store.db, at, 1, 1000, 2);
      target ??= rows[0]!.id;
      expect(rows[0]!.id).toBe(target);
      expect(await markSendStarted(store.db, target, lease, at)).toBe(i + 1);
      at = new Date(at.getTime() + 2000);
    }
    const out = await dispatch(store.db, at, { senders: [sender], maxAttempts: 2 });
    expect(out.find((o) => o.id === target)).toMatchObject({ status: 'failed', code: 'SEND_INTERRUPTED', possiblySent: true });
    const [row] = await store.db.select().from(nudges).where(eq(nudges.id, target!));
    expect(row).toMatchObject({ status: 'failed', lastError: 'SEND_INTERRUPTED', attempts: 2, sentAt: null, platformMessageId: null });
    const [notice] = await failureNotices();
    expect(notice).toMatchObject({ status: 'sent' });
    expect(JSON.stringify(notice!.payload)).toContain('Sending it was interrupted 2 times.');
    expect(await dispatch(store.db, new Date(at.getTime() + 600_000), { senders: [sender], maxAttempts: 2 })).toEqual([]);
  });

  it('fails and reports a row whose last attempt failed', async () => {
    const sender = createRecordingSender();
    sender.failWith.push(new DeliveryError('SLACK_HTTP_503'));
    const [out] = await dispatch(store.db, NOW, { senders: [sender], maxAttempts: 1 });
    expect(out).toMatchObject({ status: 'failed', code: 'DELIVERY_FAILED' });
    const [notice] = await failureNotices();
    expect(JSON.stringify(notice!.payload)).toContain('It failed 1 time (SLACK_HTTP_503).');
  });

  it('reports every refused row; a notice refused in turn is logged, not reported again', async () => {
    const lines: string[] = [];
    setLogDestination({ write: (s: string) => void lines.push(s) });
    process.env.QUORUM_LOG_LEVEL = 'info';
    try {
      // Everyone is refused: the quorum alerts, chases and report reminders, then the admin's notices.
      const everyone = new Set(ids.values());
      const out = await dispatch(store.db, NOW, { senders: [refusingSender(everyone)] });
      expect(out.every((o) => o.status === 'failed')).toBe(true);
      const notices = await failureNotices();
      // The admin's own alert goes to the chair; the other six to the admin.
      expect(notices.map((n) => n.recipientId).sort()).toEqual([...Array(6).fill(ids.get(EMAILS.admin)), ids.get(EMAILS.chair)].sort());
      expect(notices.every((n) => n.status === 'failed')).toBe(true);
      expect(out.filter((o) => o.kind === 'delivery_failed').every((o) => o.reportedTo?.length === 0)).toBe(true);
    } finally {
      setLogDestination(undefined);
      process.env.QUORUM_LOG_LEVEL = 'silent';
    }
    const unreported = lines.map((l) => JSON.parse(l) as { code?: string; reason?: string }).filter((l) => l.code === 'DELIVERY_FAILURE_UNREPORTED');
    expect(unreported).toHaveLength(7);
    expect(unreported.every((l) => l.reason === 'NOTICE_FAILED')).toBe(true);
    for (const forbidden of ['Hana', 'Ada Admin', '@example.org', 'CP-0001']) expect(lines.join('')).not.toContain(forbidden);
  });

  it('logs a failure at error level when the case has nobody else to tell', async () => {
    await store.db.delete(caseMembers).where(eq(caseMembers.role, 'conference_admin'));
    await store.db.delete(caseMembers).where(eq(caseMembers.role, 'chair'));
    await store.db.delete(caseMembers).where(eq(caseMembers.role, 'team_manager'));
    const lines: string[] = [];
    setLogDestination({ write: (s: string) => void lines.push(s) });
    process.env.QUORUM_LOG_LEVEL = 'info';
    try {
      const out = await dispatch(store.db, NOW, { senders: [refusingSender(new Set([ids.get(EMAILS.health)!]))] });
      expect(out.filter((o) => o.status === 'failed').map((o) => o.reportedTo)).toEqual([[], []]);
    } finally {
      setLogDestination(undefined);
      process.env.QUORUM_LOG_LEVEL = 'silent';
    }
    expect(await failureNotices()).toEqual([]);
    const errors = lines.map((l) => JSON.parse(l) as { level: number; code?: string; reason?: string }).filter((l) => l.code === 'DELIVERY_FAILURE_UNREPORTED');
    expect(errors.map((l) => [l.level, l.reason])).toEqual([
      [50, 'NO_ONE_TO_TELL'],
      [50, 'NO_ONE_TO_TELL'],
    ]);
  });
});

describe('pickReportRole', () => {
  it('prefers the conference admin, then the chair, then the team manager, never the failed recipient', () => {
    const m = (personId: number, role: 'conference_admin' | 'chair' | 'team_manager') => ({ personId, role });
    expect(pickReportRole([m(1, 'chair'), m(2, 'conference_admin'), m(3, 'conference_admin')], 9)).toEqual({ role: 'conference_admin', people: [2, 3] });
    expect(pickReportRole([m(1, 'chair'), m(2, 'conference_admin')], 2)).toEqual({ role: 'chair', people: [1] });
    expect(pickReportRole([m(2, 'conference_admin'), m(2, 'chair'), m(4, 'team_manager')], 2)).toEqual({ role: 'team_manager', people: [4] });
    expect(pickReportRole([m(2, 'conference_admin')], 2)).toBeUndefined();
  });
});
