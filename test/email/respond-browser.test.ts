// End to end in a browser with JavaScript off: headless Chromium follows the link in the email the
// SMTP server received, reads the page, picks Attending and saves; the chair's `case` view shows
// the new agency present and "now quorate" is on its way to the chair. Only 127.0.0.1 is contacted.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { DB_KINDS } from '../support/databases.js';
import { EMAILS } from '../scheduler/support/fixtures.js';
import { allNudges } from '../scheduler/support/seed.js';
import { openMailHarness, respondLink, type MailHarness } from './support/harness.js';

const CHROMIUM = process.env.QUORUM_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.log(`[quorum tests] NOTE: ${CHROMIUM} is missing, so the answer page browser test is SKIPPED.`);
const NOW = new Date('2026-01-07T09:00:00Z');

describe.skipIf(!hasChromium)('answer page in a browser', () => {
  let h: MailHarness;
  let browser: Browser;
  // Chromium is a real process: starting it (alongside the store) can take seconds on a busy machine.
  beforeAll(async () => {
    [h, browser] = await Promise.all([
      openMailHarness(DB_KINDS[0]!, NOW),
      chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], timeout: 30_000 }),
    ]);
  }, 40_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('answers Attending from the emailed link without JavaScript, and the chair sees the agency present', async () => {
    await h.run(EMAILS.admin, 'invite CP-0001 gp@surgery.example Wroughton Surgery health');
    await h.dispatch();
    const link = respondLink(h.mail.find((m) => m.text?.includes('You are invited to this conference'))!);
    expect(await h.run(EMAILS.chair, 'case CP-0001')).toContain('NOT quorate');

    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto(link);
    await expect(page.locator('h1').textContent()).resolves.toContain('CP-0001');
    // The stylesheet is served (the GOV.UK Frontend look), and every choice is a labelled control.
    // Runs in the page, where the DOM types are not compiled in.
    const buttonColour = await page.locator('.govuk-button').first().evaluate((el: any) => el.ownerDocument.defaultView.getComputedStyle(el).backgroundColor as string);
    expect(buttonColour).not.toBe('rgba(0, 0, 0, 0)');
    await page.getByLabel('Attending').check();
    await page.getByRole('button', { name: 'Save my answer' }).click();
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('your answer is recorded');
    expect(await page.getByLabel('Attending').isChecked()).toBe(true);
    await context.close();

    const chairView = await h.run(EMAILS.chair, 'case CP-0001');
    expect(chairView).toContain('Wroughton Surgery');
    expect(chairView).not.toContain('NOT quorate');
    const chairId = h.ids.get(EMAILS.chair);
    expect((await allNudges(h.store.db)).some((n) => n.kind === 'quorum_change' && n.recipientId === chairId)).toBe(true);
  });
});
