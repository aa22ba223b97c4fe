// Email end to end through a real SMTP server on 127.0.0.1: an invitee with only an email gets the
// invitation with a calendar REQUEST, a move sends the same UID with SEQUENCE + 1, a cancel sends a
// CANCEL; SMTP 421 is retried and the email still goes once.
import { and, eq } from 'drizzle-orm';
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { View } from '../../src/bot/core/types.js';
import { sweep } from '../../src/bot/scheduler/index.js';
import { nudges, people } from '../../src/store/schema.js';
import { DB_KINDS } from '../support/databases.js';
import { EMAILS } from '../scheduler/support/fixtures.js';
import { calendarPart, FROM, openMailHarness, respondLink, type MailHarness } from './support/harness.js';

const GP = 'gp@surgery.example';
const NOW = new Date('2026-01-07T09:00:00Z');

function onlyEvent(ics: string) {
  const parsed = ical.sync.parseICS(ics);
  const events = Object.values(parsed).filter((c) => c?.type === 'VEVENT');
  expect(events).toHaveLength(1);
  return { event: events[0] as ical.VEvent, method: (parsed.vcalendar as { method?: string } | undefined)?.method ?? /METHOD:(\w+)/.exec(ics)?.[1] };
}

const invitations = (h: MailHarness) => h.mail.filter((m) => m.text?.includes('You are invited to this conference'));

describe.each(DB_KINDS)('email (%s)', (kind) => {
  let h: MailHarness;
  // One store for the file: each test invites someone of its own; the move and cancel come last.
  beforeAll(async () => {
    h = await openMailHarness(kind, NOW);
  });
  afterAll(async () => {
    await h?.close();
  });
  const to = (address: string) => invitations(h).filter((m) => m.to && 'value' in m.to && m.to.value[0]?.address === address);

  it('emails an imported invitee only email reaches their invitation on the first sweep, once', async () => {
    await h.store.db.update(people).set({ slackUserId: null }).where(eq(people.email, EMAILS.health));
    await sweep(h.store.db, NOW);
    await sweep(h.store.db, NOW);
    await h.dispatch();
    const mine = to(EMAILS.health);
    expect(mine).toHaveLength(1);
    expect(onlyEvent(calendarPart(mine[0]!)!).method).toBe('REQUEST');

    // Every kind she was sent (invitation, reply chase, report due…): both bodies carry each line of the chat message, its standard and the footer.
    const rows = await h.store.db.select().from(nudges).where(and(eq(nudges.channel, 'email'), eq(nudges.status, 'sent')));
    const kinds = new Set<string>();
    for (const row of rows) {
      const mail = h.mail.find((m) => m.messageId === `<nudge-${row.id}@127.0.0.1>`)!;
      kinds.add(row.kind);
      const view = (row.payload as { view: View }).view;
      for (const b of view.blocks) {
        if (b.type !== 'text' && b.type !== 'context' && b.type !== 'header') continue;
        const plain = b.text.replace(/\*([^*\n]+)\*/g, '$1');
        expect(mail.text).toContain(plain);
        expect(String(mail.html).replace(/<\/?strong>/g, '').replace(/&#39;/g, "'").replace(/&amp;/g, '&')).toContain(plain);
      }
      expect(mail.text).toContain('You are getting this email because');
      expect(String(mail.html)).toContain('You are getting this email because');
    }
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['invitation', 'reply_chase', 'report_due']));
  });

  it('retries an SMTP 421 with backoff and sends the email once', async () => {
    const gp2 = 'gp2@surgery.example';
    h.refuseNext.push({ to: gp2, code: 421 });
    await h.run(EMAILS.admin, `invite CP-0001 ${gp2} Wroughton Surgery health`);
    const retried = (await h.dispatch()).filter((o) => o.status === 'retry');
    expect(retried.map((o) => o.channel)).toEqual(['email']);
    const id = retried[0]!.id;
    const mailsOf = () => h.mail.filter((m) => m.messageId === `<nudge-${id}@127.0.0.1>`);
    expect(mailsOf()).toHaveLength(0);
    h.clock.now = new Date(NOW.getTime() + 30_000);
    expect((await h.dispatch()).filter((o) => o.id === id)).toEqual([]);
    h.clock.now = new Date(NOW.getTime() + 61_000);
    expect((await h.dispatch()).filter((o) => o.id === id).map((o) => o.status)).toEqual(['sent']);
    h.clock.now = new Date(NOW.getTime() + 3600_000);
    await h.dispatch();
    expect(mailsOf()).toHaveLength(1);
    expect(to(gp2)).toHaveLength(1);
    h.clock.now = NOW;
  });

  it('gives up on SMTP 550 and reports it, sending nothing', async () => {
    h.refuseNext.push({ to: 'gp3@surgery.example', code: 550 });
    await h.run(EMAILS.admin, 'invite CP-0001 gp3@surgery.example Wroughton Surgery health');
    const out = await h.dispatch();
    expect(out.find((o) => o.kind === 'invitation')).toMatchObject({ status: 'failed', channel: 'email' });
    expect(to('gp3@surgery.example')).toHaveLength(0);
  });
  it('emails an invitee with only an email the invitation and its calendar, then the move and the cancel', async () => {
    await h.run(EMAILS.admin, `invite CP-0001 ${GP} Wroughton Surgery health`);
    await h.dispatch();
    const invitation = to(GP)[0]!;
    expect(invitation).toBeDefined();
    expect(invitation.from?.value[0]?.address).toBe(FROM);
    expect(invitation.to && 'value' in invitation.to ? invitation.to.value[0]?.address : '').toBe(GP);
    expect(invitation.text).toContain('CP-0001');
    expect(invitation.text).toContain('You are getting this email because you are invited');
    expect(invitation.html).toContain('Answer or update your report');
    expect(respondLink(invitation)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/respond\//);
    expect(invitation.text).toMatch(/\/calendar\/[A-Za-z0-9_.-]+\.ics/);
    for (const body of [invitation.text!, String(invitation.html)]) expect(body).not.toMatch(/Hana|Pat Police|A\.B\./);

    const booked = onlyEvent(calendarPart(invitation)!);
    expect(booked.method).toBe('REQUEST');
    const raw = calendarPart(invitation)!;
    expect(raw).toContain('DTSTART;TZID=Europe/London:20260114T100000');
    expect(raw).toContain('BEGIN:VTIMEZONE');
    expect(raw).toContain(`ORGANIZER;CN="Quorum":mailto:${FROM}`);
    expect(booked.event.start.toISOString()).toBe('2026-01-14T10:00:00.000Z');
    expect(booked.event.summary).toBe('Initial child protection conference: CP-0001 (A.B.)');
    const uid = booked.event.uid;
    expect(booked.event.sequence).toBe(0);

    h.mail.length = 0;
    await h.run(EMAILS.admin, 'move CP-0001 2026-01-15 14:00 family-request');
    await h.dispatch();
    const moved = onlyEvent(calendarPart(h.mail.find((m) => m.text?.includes('Moved from') && m.to && 'value' in m.to && m.to.value[0]?.address === GP)!)!);
    expect(moved).toMatchObject({ method: 'REQUEST', event: { uid, sequence: 1 } });
    expect(moved.event.start.toISOString()).toBe('2026-01-15T14:00:00.000Z');

    h.mail.length = 0;
    await h.run(EMAILS.admin, 'cancel CP-0001 family-request');
    await h.dispatch();
    const cancelMail = h.mail.find((m) => m.text?.includes('cancelled') && m.to && 'value' in m.to && m.to.value[0]?.address === GP)!;
    const cancelled = onlyEvent(calendarPart(cancelMail)!);
    expect(cancelled).toMatchObject({ method: 'CANCEL', event: { uid, sequence: 2, status: 'CANCELLED' } });
    // A cancelled conference's email has no answer link.
    expect(cancelMail.text).not.toContain('/respond/');

    // Every email row is recorded sent exactly once, on the email channel.
    const gpId = (await h.store.db.select({ id: people.id }).from(people).where(eq(people.email, GP)))[0]!.id;
    const rows = await h.store.db.select().from(nudges).where(eq(nudges.recipientId, gpId));
    const sent = rows.filter((r) => r.status === 'sent');
    expect(sent.filter((r) => ['invitation', 'conference_moved', 'conference_cancelled'].includes(r.kind))).toHaveLength(3);
    expect(sent.every((r) => r.channel === 'email')).toBe(true);
  });
  it('sends a withdrawn invitee a CANCEL, and a later invitation a REQUEST newer than it', async () => {
    const gp4 = 'gp4@surgery.example';
    const mailTo = () => h.mail.filter((m) => m.to && 'value' in m.to && m.to.value[0]?.address === gp4);
    // The SMTP server parses a message after it has acknowledged it: wait (briefly) for the parse.
    const nextMail = async () => {
      for (let i = 0; i < 100 && mailTo().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      return mailTo()[0]!;
    };
    h.mail.length = 0;
    // After the flow above cancelled CP-0001's conference: a new one.
    await h.run(EMAILS.admin, 'schedule CP-0001 initial 2026-01-16 10:00');
    await h.run(EMAILS.admin, `invite CP-0001 ${gp4} Wroughton Surgery health`);
    await h.dispatch();
    const first = onlyEvent(calendarPart(await nextMail())!);
    h.mail.length = 0;
    await h.run(EMAILS.admin, `uninvite CP-0001 ${gp4} invited by mistake, wrong surgery`);
    await h.dispatch();
    const cancel = onlyEvent(calendarPart(await nextMail())!);
    expect(cancel).toMatchObject({ method: 'CANCEL', event: { uid: first.event.uid } });
    expect(cancel.event.sequence).toBeGreaterThan(first.event.sequence!);
    h.mail.length = 0;
    // Invited again a minute later (the outbox key of an invitation names its time).
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    await h.run(EMAILS.admin, `invite CP-0001 ${gp4}`);
    await h.dispatch();
    const again = onlyEvent(calendarPart(await nextMail())!);
    expect(again).toMatchObject({ method: 'REQUEST', event: { uid: first.event.uid } });
    expect(again.event.sequence).toBeGreaterThan(cancel.event.sequence!);
    h.clock.now = NOW;
  });
});
