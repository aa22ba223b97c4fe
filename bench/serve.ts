// A real `quorum serve` for the bench (and its start-to-ready time), plus the local stand-ins it
// talks to: a Slack Web API / response_url endpoint that timestamps what arrives. Loopback only.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../test/support/free-port.js';

export interface SlackSink {
  url: string;
  /** performance.now() when each response_url post arrived, by its id, and whether it carried an error. */
  arrivals: Map<string, { at: number; ok: boolean; text: string }>;
  /** Resolves when the reply for `id` has arrived (false after `timeoutMs`). */
  waitFor(id: string, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export async function startSlackSink(): Promise<SlackSink> {
  const arrivals: SlackSink['arrivals'] = new Map();
  const waiters = new Map<string, (ok: boolean) => void>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path.startsWith('/response/')) {
        const text = Buffer.concat(chunks).toString('utf8');
        const id = decodeURIComponent(path.slice('/response/'.length));
        arrivals.set(id, { at: performance.now(), ok: !/Nothing was recorded|don't know you|cannot/.test(text), text });
        waiters.get(id)?.(true);
      }
      // auth.test names the workspace the bench's requests come from (chat-bench.ts): Quorum lets in no other.
      const ok = path === '/api/auth.test' ? { ok: true, team_id: 'T0BENCH', user_id: 'UQUORUMBOT' } : { ok: true };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ok));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    waitFor: (id, timeoutMs) =>
      new Promise<boolean>((resolve) => {
        if (arrivals.has(id)) return resolve(true);
        const timer = setTimeout(() => {
          waiters.delete(id);
          resolve(false);
        }, timeoutMs);
        waiters.set(id, (ok) => {
          clearTimeout(timer);
          waiters.delete(id);
          resolve(ok);
        });
      }),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}


export interface Served {
  url: string;
  child: ChildProcess;
  readyMs: number;
  stop(): Promise<void>;
}

/** Spawns `node bin/quorum-dev.js serve` and polls /healthz until it answers 200. */
export async function startServe(env: Record<string, string>, timeoutMs = 60_000): Promise<Served> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVE_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'bin/quorum-dev.js', 'serve'], {
    env: { ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), QUORUM_LOG_LEVEL: 'warn', QUORUM_TEAMS_LOCAL: 'true', ...env },
    stdio: ['ignore', process.env.BENCH_SERVE_LOGS ? 'inherit' : 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`quorum serve exited with ${child.exitCode}`);
    if (performance.now() - started > timeoutMs) throw new Error('quorum serve did not become ready');
    const ok = await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const readyMs = performance.now() - started;
  return {
    url,
    child,
    readyMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
