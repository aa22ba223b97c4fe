// The answer page over HTTP: a GET (what a mail scanner's prefetch does) changes nothing; a
// tampered, an expired and a withdrawn link each get a page that says what to do and names no
// case; a POST without the page's CSRF value is refused.
import { sql } from 'drizzle-orm';
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkSigner } from '../../src/bot/email/tokens.js';
import { DB_KINDS } from '../support/databases.js';
import { EMAILS } from '../scheduler/support/fixtures.js';
import { openMailHarness, SECRET, type MailHarness } from './support/harness.js';

const GP = 'gp@surgery.example';
const NOW = new Date('2026-01-07T09:00:00Z');

async function snapshot(h: MailHarness) {
  const rows = await h.store.db.execute(sql`select (select json_agg(i order by id) from invitations i) as inv, (select count(*) from nudges) as n`);
  return JSON.stringify(rows);
}

describe.each(DB_KINDS)('answer page (%s)', (kind) => {
  let h: MailHarness;
  let link: string;
  let feed: string;
  // One store and one invitation for the file (the tests run in order; the withdrawal comes last).
  beforeAll(async () => {
    h = await openMailHarness(kind, NOW);
    await h.run(EMAILS.admin, `invite CP-0001 ${GP} Wroughton Surgery health`);
    // The links the invitation email carries (test/email/email-flow.test.ts reads them from a sent one).
    ({ respond: link, feed } = await h.linksFor(GP));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the invitation on GET and changes nothing when a scanner prefetches it', async () => {
    const before = await snapshot(h);
    const res = await fetch(link);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(html).toContain('CP-0001');
    expect(html).toContain('Your answer');
    expect(html).toMatch(/<input[^>]+name="csrf"/);
    expect(html).not.toMatch(/<script(?![^>]*>document\.body\.className)/);
    expect(await snapshot(h)).toBe(before);
  });

  it('refuses a POST without the CSRF value of the page, recording nothing', async () => {
    const before = await snapshot(h);
    const res = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'do=answer&answer=attending&csrf=forged' });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('CP-0001');
    expect(await snapshot(h)).toBe(before);
  });

  it('serves the calendar feed at its secret address and stops it when revoked from the page', async () => {
    const res = await fetch(feed);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const events = Object.values(ical.sync.parseICS(await res.text())).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
    const conferences = events.filter((e) => !String(e.summary).startsWith('Due: '));
    expect(conferences.map((e) => [e.summary, e.start.toISOString()])).toEqual([['Initial child protection conference: CP-0001 (A.B.)', '2026-01-14T10:00:00.000Z']]);
    // Their own deadline too: the GP owes a report, an all-day event on its due date, with its standard.
    const report = events.find((e) => String(e.summary).startsWith("Due: Professionals' reports: CP-0001"));
    expect(report, events.map((e) => e.summary).join('; ')).toBeDefined();
    expect(report!.datetype).toBe('date');
    expect(String(report!.description)).toMatch(/Swindon Multi-Agency Standards for Safeguarding Children/);

    const page = await fetch(link);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const revoke = await fetch(link, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: `do=revoke_feed&csrf=${encodeURIComponent(csrf)}` });
    expect(revoke.status).toBe(303);
    expect((await fetch(feed)).status).toBe(404);
  });

  it('answers a tampered, an expired and a withdrawn link each with its own page and no case details', async () => {
    const token = link.split('/respond/')[1]!;
    const [body, sig] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), i: 1 })).toString('base64url')}.${sig}`;
    const tampered = await fetch(`${h.web.url}/respond/${forged}`);
    expect(tampered.status).toBe(404);
    const tamperedHtml = await tampered.text();
    expect(tamperedHtml).toContain('This link does not work');
    expect(tamperedHtml).not.toContain('CP-0001');

    const signer = createLinkSigner(SECRET);
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString()) as { i: number; p: number };
    const old = signer.sign({ k: 'respond', i: payload.i, p: payload.p, e: NOW.getTime() - 1 });
    const expired = await fetch(`${h.web.url}/respond/${old}`);
    expect(expired.status).toBe(410);
    const expiredHtml = await expired.text();
    expect(expiredHtml).toContain('This link has expired');
    expect(expiredHtml).not.toContain('CP-0001');

    await h.run(EMAILS.admin, `uninvite CP-0001 ${GP} invited by mistake`);
    const withdrawn = await fetch(link);
    expect(withdrawn.status).toBe(410);
    const withdrawnHtml = await withdrawn.text();
    expect(withdrawnHtml).toContain('You are no longer invited');
    expect(withdrawnHtml).not.toContain('CP-0001');
  });
});
