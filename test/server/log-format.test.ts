// Logs on a terminal are readable lines; anywhere else (and with QUORUM_LOG_FORMAT=json) JSON.
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { readableLines } from '../../src/log.js';

describe('readableLines', () => {
  it('writes one readable line per entry, with its level, message and codes', async () => {
    const sink = new PassThrough();
    let out = '';
    sink.on('data', (d) => (out += d));
    const log = pino({ base: { service: 'quorum' } }, readableLines(sink)!);
    log.info({ code: 'SWEEP_DONE', cases: 3 }, 'sweep done');
    await new Promise((r) => setTimeout(r, 20));
    expect(out).toMatch(/INFO.*sweep done/);
    expect(out).toContain('"code":"SWEEP_DONE"');
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(() => JSON.parse(out)).toThrow();
  });
});
