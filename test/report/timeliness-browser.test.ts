// The HTML report in headless Chromium, opened from a file as a QA manager would open it: it makes
// no request at all (the stylesheet is inline, the charts are inline SVG), logs no console error,
// and the figures on the page are the hand-computed ones (test/fixtures/timeliness/README.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTimelinessHtml } from '../../src/report/html.js';
import { share } from '../../src/report/words.js';
import { loadProfile } from '../../src/rules/profiles.js';
import { computeTimeliness, type PartnershipTimeliness } from '../../src/rules/timeliness/index.js';
import { FIXTURE_NOW, FIXTURE_PERIOD, fixtureByPartnership } from '../fixtures/timeliness/load.js';

const CHROMIUM = process.env.QUORUM_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.log(`[quorum tests] NOTE: ${CHROMIUM} is missing, so the timeliness report browser test is SKIPPED.`);

describe.skipIf(!hasChromium)('timeliness report in a browser', () => {
  let browser: Browser;
  let file: string;
  let reports: PartnershipTimeliness[];
  beforeAll(async () => {
    reports = [...fixtureByPartnership()].map(([name, cases]) => computeTimeliness(cases, { partnership: name, profile: loadProfile(cases[0]!.profile), period: FIXTURE_PERIOD, now: FIXTURE_NOW, profileOf: loadProfile }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-report-'));
    file = path.join(dir, 'timeliness.html');
    const [html, b] = await Promise.all([
      renderTimelinessHtml(reports, FIXTURE_NOW),
      chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], timeout: 30_000 }),
    ]);
    fs.writeFileSync(file, html);
    browser = b;
  }, 40_000);
  afterAll(async () => {
    await browser?.close();
    if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('renders from a file with no request and no console error, and shows the hand-computed figures', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const requests: string[] = [];
    const url = pathToFileURL(file).href;
    await context.route('**/*', (route) => {
      if (route.request().url() !== url) requests.push(route.request().url());
      return route.request().url() === url ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => void errors.push(e.message));
    await page.goto(url);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);

    await expect(page.locator('h1').textContent()).resolves.toBe('Timeliness of child protection conferences');
    // GOV.UK Frontend's styles apply (the heading is bold, the tables have their rule lines).
    expect(await page.locator('h1').evaluate((el: any) => el.ownerDocument.defaultView.getComputedStyle(el).fontWeight as string)).toBe('700');

    const cell = (partnership: string, measure: string, group = '') =>
      page.locator(`[data-partnership="${partnership}"] td[data-measure="${measure}"][data-group="${group}"]`).first().textContent();
    // Hand-computed (README.md), then every figure against its own numbers.
    await expect(cell('Swindon Test Partnership', 'icpc_within_15_working_days')).resolves.toBe('1 of 2 (50.0%)');
    await expect(cell('Swindon Test Partnership', 'reports_on_time')).resolves.toBe('5 of 9 (55.6%), median on the due day');
    await expect(cell('Swindon Test Partnership', 'reports_on_time', 'agency:Wiltshire Police')).resolves.toBe('3 of 4 (75.0%), median 0.5 working days early');
    await expect(cell('Gloucestershire Test Partnership', 'service_manager_alert_on_time')).resolves.toBe('0 of 1 (0.0%)');
    for (const r of reports) {
      for (const f of r.figures) {
        const text = await cell(r.partnership, f.measure, f.group === null ? '' : `${f.groupKind}:${f.group}`);
        expect(text, `${r.partnership} ${f.measure} ${f.group ?? ''}`).toMatch(new RegExp(`^${share(f).replace(/[()]/g, '\\$&')}`));
      }
    }
    await expect(page.locator('[data-partnership="Swindon Test Partnership"] [data-exceptions="icpc_within_15_working_days"]').textContent()).resolves.toBe('SW-002 (icpc-1)');
    await expect(page.locator('[data-partnership="Swindon Test Partnership"] tr[data-month="2026-02"]').textContent()).resolves.toContain('February 2026');

    // Two charts per partnership, each with its numbers as a table beside it.
    expect(await page.locator('figure.q-chart svg').count()).toBe(4);
    expect(await page.locator('figure.q-chart svg text', { hasText: '1 late' }).count()).toBeGreaterThan(0);
    // Printed, each partnership starts a new page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.q-partnership').nth(1).evaluate((el: any) => el.ownerDocument.defaultView.getComputedStyle(el).breakBefore as string)).toBe('page');
    await page.screenshot({ path: path.join(path.dirname(file), 'print.png'), fullPage: false });
    await context.close();
  });
});
