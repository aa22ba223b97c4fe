// A proxy in front of the fake Slack that can hold a chat.postMessage: the message reaches Slack
// (the fake records it, as a delivery) but its answer never comes back, so the sending process can
// be killed after Slack took the message and before Quorum recorded it as sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeSlack, SlackCall } from '../../support/fake-slack.js';

export interface HoldingSlack {
  /** Base URL for SLACK_API_URL. */
  apiUrl: string;
  /** Hold the answers of the next `n` chat.postMessage calls. */
  holdNext(n: number): void;
  /** The calls held so far, in order. */
  held: SlackCall[];
  close(): Promise<void>;
}

export async function startHoldingSlack(fake: FakeSlack): Promise<HoldingSlack> {
  const held: SlackCall[] = [];
  let toHold = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const hold = req.url?.endsWith('/chat.postMessage') && toHold > 0;
        if (hold) toHold--;
        const headers: Record<string, string> = {};
        for (const h of ['content-type', 'authorization']) if (req.headers[h]) headers[h] = String(req.headers[h]);
        const answer = await fetch(`${fake.url}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
        const body = Buffer.from(await answer.arrayBuffer());
        if (hold) {
          held.push(fake.callsTo('chat.postMessage').at(-1)!);
          return; // no answer: the sender waits until it is killed
        }
        res.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([k]) => k === 'content-type' || k === 'retry-after')));
        res.end(body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    held,
    holdNext: (n) => {
      toHold = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
