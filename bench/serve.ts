// A real `quorum serve` for the bench (and its start-to-ready time), plus the local stand-in it
// talks to for Slack: a Web API / response_url endpoint that timestamps what arrives. Loopback only.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../test/support/free-port.js';

export interface SlackSink {
  url: string;
  /** performance.now() when each response_url post arrived, by its id, and whether it carried an error. */
  arrivals: Map<string, { at: number; ok: boolean; text: string; bytes: number }>;
  /** Called with each response_url post's id as it arrives (the capture step marks its log with it). */
  onArrival?: (id: string) => void;
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
        arrivals.set(id, { at: performance.now(), ok: isGoodReply(text), text, bytes: Buffer.byteLength(text) });
        sink.onArrival?.(id);
        waiters.get(id)?.(true);
      }
      // auth.test names the workspace the bench's requests come from (chat-bench.ts): Quorum lets in no other.
      const ok = path === '/api/auth.test' ? { ok: true, team_id: 'T0BENCH', user_id: 'UQUORUMBOT' } : { ok: true };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ok));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sink: SlackSink = {
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
  return sink;
}

const FLOOR_REPLY = /"text":"x{8,}"/;

/**
 * A reply that says something went wrong, or that the asker is not known or not allowed, is an
 * error; so is a click that changed nothing (`kind` a write: attend, decline, report). The chat
 * floor's fixed reply (bench/chat-floor.ts) is good if it arrives.
 */
export function isGoodReply(text: string, kind?: string): boolean {
  if (FLOOR_REPLY.test(text)) return true;
  if (kind === 'attend' || kind === 'decline' || kind === 'report') return /Thank you/.test(text);
  return !/Nothing was recorded|don't know you|not invited|not one I recognise|went wrong|not allowed|no longer|answers are closed/i.test(text);
}


export interface Served {
  url: string;
  child: ChildProcess;
  readyMs: number;
  stop(): Promise<void>;
}

/** The bench's own stand-ins, loaded into `quorum serve` with --import (bench/preload/serve-preload.mjs). */
export const SERVE_PRELOAD = ['--import', './bench/preload/serve-preload.mjs'];

/**
 * Spawns `node [nodeArgs] bin/quorum.js serve` (the build, as users run it) and polls /healthz
 * until it answers 200. `args` replaces the command, for the floor and the bare Node server.
 */
export async function startServe(env: Record<string, string>, opts: { nodeArgs?: string[]; args?: string[]; timeoutMs?: number; pollMs?: number } = {}): Promise<Served> {
  try {
    return await startOnce(env, opts);
  } catch (err) {
    // On a busy shared machine a start can miss the database's 5 s connect timeout: one more try, said aloud.
    process.stderr.write(`[bench] ${(err as Error).message}: starting once more\n`);
    return startOnce(env, opts);
  }
}

async function startOnce(env: Record<string, string>, opts: { nodeArgs?: string[]; args?: string[]; timeoutMs?: number; pollMs?: number }): Promise<Served> {
  const port = await freePort();
  const started = performance.now();
  const args = opts.args ?? ['bin/quorum.js', 'serve'];
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVE_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...(opts.nodeArgs ?? []), ...args], {
    env: { ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), QUORUM_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', process.env.BENCH_SERVE_LOGS ? 'inherit' : 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    if (performance.now() - started > (opts.timeoutMs ?? 60_000)) throw new Error(`${args.join(' ')} did not become ready`);
    const ok = await fetch(`${url}/healthz`).then(async (r) => (await r.arrayBuffer(), r.status === 200), () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 20));
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
