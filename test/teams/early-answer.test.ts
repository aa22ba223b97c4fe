// A message activity is answered as soon as it is authenticated; its turn (and reply) follows, and
// shutdown waits for turns still running. Invokes keep answering with their result (card-actions).
import { afterEach, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases.js';
import { cardOf, cardText, messageActivity, startTeamsHarness, type TeamsHarness } from './harness.js';

const TIMED_OUT = 'still waiting';

describe.each(DB_KINDS)('teams early answer (%s)', (kind) => {
  let h: TeamsHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  function postRaw(harness: TeamsHarness, text: string) {
    return fetch(`${harness.server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(messageActivity(text, { serviceUrl: harness.connector.url })) });
  }

  it('answers 200 while the reply is still on its way, then delivers the reply once', async () => {
    h = await startTeamsHarness(kind);
    const release = h.connector.hold();
    const answer = await Promise.race([postRaw(h, 'next DEMO-2').then((r) => r.status), new Promise((r) => setTimeout(() => r(TIMED_OUT), 5_000))]);
    expect(answer).toBe(200);
    release();
    const replies = await h.connector.waitFor((c) => c.kind === 'reply');
    expect(replies).toHaveLength(1);
    expect(cardText(cardOf(replies[0]!.body))).toContain('DEMO-2: coming deadlines');
  });

  it('waits on shutdown for a turn that is still running, so its reply is sent', async () => {
    h = await startTeamsHarness(kind);
    const release = h.connector.hold();
    expect((await postRaw(h, 'next DEMO-2')).status).toBe(200);
    const stopping = h.stop();
    setTimeout(release, 300);
    await stopping;
    const replies = h.connector.calls.filter((c) => c.kind === 'reply');
    expect(replies).toHaveLength(1);
    expect(cardText(cardOf(replies[0]!.body))).toContain('DEMO-2: coming deadlines');
    h = undefined;
  });
});
