// Checks every message, modal and home view Quorum sent to the fake Slack against the Block Kit
// limits, and that none of it names a child.
import { expect } from 'vitest';
import type { FakeSlack } from '../../support/fake-slack.js';
import { FIXTURE_CHILD_NAMES } from '../../support/fixtures.js';
import { checkMessage, checkSurface } from './block-kit.js';

export function expectValidTraffic(fake: FakeSlack): void {
  const problems: string[] = [];
  for (const c of fake.calls) {
    if (c.method === 'chat.postMessage' || c.method === 'chat.update') problems.push(...checkMessage(c.args.blocks, c.args.text).map((p) => `${c.method}: ${p}`));
    if (c.method === 'views.open' || c.method === 'views.publish') problems.push(...checkSurface(c.args.view).map((p) => `${c.method}: ${p}`));
  }
  for (const r of fake.responses) problems.push(...checkMessage(r.body.blocks, r.body.text).map((p) => `response_url ${r.id}: ${p}`));
  expect(problems).toEqual([]);
  const all = JSON.stringify({ calls: fake.calls, responses: fake.responses });
  for (const name of FIXTURE_CHILD_NAMES) expect(all).not.toContain(name);
}
