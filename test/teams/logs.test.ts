// Logs carry ids and codes only: drive every Teams surface with logging on and scan each line.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLogDestination } from '../../src/log.js';
import { PLAYGROUND_USER } from '../../demo/cases.js';
import { channelMessageActivity, installActivity, invokeActivity, messageActivity, startTeamsHarness, USER, type TeamsHarness } from './harness.js';

describe('teams logging', () => {
  const lines: string[] = [];
  let h: TeamsHarness;
  const level = process.env.QUORUM_LOG_LEVEL;
  beforeAll(async () => {
    process.env.QUORUM_LOG_LEVEL = 'debug';
    setLogDestination(new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    h = await startTeamsHarness('pglite');
  });
  afterAll(async () => {
    await h?.stop();
    setLogDestination(undefined);
    process.env.QUORUM_LOG_LEVEL = level;
  });

  it('never logs message text, names or emails', async () => {
    const url = h.connector.url;
    await h.post(installActivity({ serviceUrl: url }));
    for (const text of ['next DEMO-2', 'attend DEMO-2', 'case DEMO-1', 'dissent DEMO-3', 'gibberish A.B.']) await h.post(messageActivity(text, { serviceUrl: url }));
    await h.post(channelMessageActivity('next DEMO-1', { serviceUrl: url }));
    await h.post(invokeActivity('attend', { a: 'attend', c: 'DEMO-2', f: 'rcpc-1' }, { serviceUrl: url }));
    await h.post(invokeActivity('form_submit', { form: 'dissent', state: { a: 'dissent_open', c: 'DEMO-3' }, decision: 'plan', view: 'Secret professional view text.', formal: 'formal' }, { serviceUrl: url }));
    expect(lines.length).toBeGreaterThan(5);
    const all = lines.join('');
    for (const secret of [PLAYGROUND_USER.name, PLAYGROUND_USER.email, USER.name, 'Sam Okafor', 'A.B.', 'C.D.', 'Secret professional view', 'coming deadlines', 'gibberish']) {
      expect(all, `log mentions ${secret}`).not.toContain(secret);
    }
  });
});
