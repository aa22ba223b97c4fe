// End to end in a browser: `npm run demo`'s parts (bot on the embedded database, demo cases, the
// Microsoft 365 Agents Playground), driven by headless Chromium. Only 127.0.0.1 is ever contacted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../demo/run.js';

const CHROMIUM = process.env.QUORUM_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.log(`[quorum tests] NOTE: ${CHROMIUM} is missing, so the Agents Playground end-to-end test is SKIPPED (apt-get install -y chromium).`);

describe.skipIf(!hasChromium)('teams in the Agents Playground (end to end)', () => {
  let demo: RunningDemo;
  let browser: BrowserContext;
  let page: Page;
  const blocked = new Set<string>();
  const steps: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-e2e-'));

  // Two real processes start here, the Agents Playground and Chromium (side by side: neither needs
  // the other until the page loads), plus the bot on a fresh on-disk database: seconds each, more
  // than the suite's 10 s on a busy 2-core machine. The tests themselves keep the 10 s.
  beforeAll(async () => {
    [demo, browser] = await Promise.all([
      startDemo({ dataDir: path.join(dir, 'demo'), port: 0, playgroundPort: 0, scheduler: 'off', onStep: (step, done) => void steps.push(done ? `${step}: done` : step) }),
      chromium.launchPersistentContext(path.join(dir, 'chromium-profile'), {
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        timeout: 30_000,
      }),
    ]);
    // The playground's page asks a CDN for fonts and telemetry: refuse everything not local.
    await browser.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === '127.0.0.1' || host === 'localhost') return route.continue();
      blocked.add(host);
      return route.abort();
    });
    page = await browser.newPage();
    // Under the test's 10 s, so a wait that fails names what it waited for.
    page.setDefaultTimeout(8_000);
    await page.goto(demo.playground.url);
  }, 30_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await demo?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function send(text: string): Promise<void> {
    const box = page.locator('[data-lexical-editor="true"][role="textbox"]');
    await box.click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }

  it('tells each start-up step as it starts and ends', () => {
    const names = ['Embedded database and the bot (Teams local mode)', 'Demo cases', 'Microsoft 365 Agents Playground'];
    expect(steps).toEqual(names.flatMap((n) => [n, `${n}: done`]));
  });

  it('shows a case\'s deadlines, each naming its standard', async () => {
    await send('next DEMO-2');
    const card = page.locator('.ac-adaptiveCard', { hasText: 'DEMO-2: coming deadlines' }).last();
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toMatch(/OVERDUE/);
    expect(text).toMatch(/standard|Working Together|Swindon/i);
  });

  it('updates the attendance card in place when "Attending" is clicked', async () => {
    await send('attend DEMO-2');
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Your answer' }).last();
    await card.getByText('No reply yet').waitFor();
    await card.getByRole('button', { name: 'Attending' }).click();
    await card.getByText('Thank you: your answer is recorded.').waitFor();
    expect(await card.innerText()).toMatch(/Your answer\s+Attending/);
  });
});
