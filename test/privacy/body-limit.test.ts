// A body over the limit is cut off while it streams: a 100 MB upload to the Slack endpoint gets its
// 413 after about the limit, long before it could have been sent, and the server keeps serving.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseFixture, importFile } from '../support/fixtures.js';
import { startHarness, type Harness } from '../slack/support/harness.js';

const HUNDRED_MB = 100 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

interface Upload {
  status: string;
  /** Body bytes written when the answer arrived. */
  sentWhenAnswered: number;
  ms: number;
}

/** Sends a request with a 100 MB body over a raw socket, and stops as soon as an answer arrives. */
async function upload(port: number, framing: 'chunked' | 'declared'): Promise<Upload> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const started = Date.now();
  let sent = 0;
  let answer = '';
  let sentWhenAnswered = -1;
  socket.on('data', (d) => {
    answer += d.toString('latin1');
    if (sentWhenAnswered < 0) sentWhenAnswered = sent;
  });
  socket.on('error', () => {}); // the server closes on us: expected
  const closed = new Promise((resolve) => socket.once('close', resolve));
  const length = framing === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${HUNDRED_MB}`;
  socket.write(`POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n${length}\r\n\r\n`);
  const frame = framing === 'chunked' ? Buffer.concat([Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from('\r\n')]) : CHUNK;
  while (sent < HUNDRED_MB && sentWhenAnswered < 0 && !socket.destroyed) {
    const flushed = socket.write(frame);
    sent += CHUNK.length;
    // Wait for the socket to drain, or for the answer: a server that stopped reading never drains.
    if (!flushed) await Promise.race([new Promise((r) => socket.once('drain', r)), closed, new Promise((r) => setTimeout(r, 100))]);
  }
  const ms = Date.now() - started;
  await Promise.race([closed, new Promise((r) => setTimeout(r, 3_000))]);
  socket.destroy();
  return { status: answer.split('\r\n', 1)[0] ?? '', sentWhenAnswered, ms };
}

describe('request bodies over the limit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('pglite', importFile(caseFixture()), new Date('2026-01-16T10:00:00Z'));
  });
  afterAll(() => h.close());

  it('answers a streamed 100 MB body with 413 before a tenth of it is sent', async () => {
    const result = await upload(h.server.port, 'chunked');
    expect(result.status).toBe('HTTP/1.1 413 Payload Too Large');
    expect(result.sentWhenAnswered).toBeGreaterThan(0);
    expect(result.sentWhenAnswered).toBeLessThan(HUNDRED_MB / 10);
    expect(result.ms).toBeLessThan(5_000);
  });

  it('answers a declared 100 MB body with 413 without reading any of it', async () => {
    const result = await upload(h.server.port, 'declared');
    expect(result.status).toBe('HTTP/1.1 413 Payload Too Large');
    expect(result.sentWhenAnswered).toBeLessThan(HUNDRED_MB / 10);
  });

  it('keeps serving afterwards', async () => {
    const res = await h.post(JSON.stringify({ type: 'url_verification', challenge: 'still-here' }), { contentType: 'application/json' });
    expect(await res.json()).toEqual({ challenge: 'still-here' });
  });
});
