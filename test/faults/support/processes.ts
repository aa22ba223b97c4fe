// Real Quorum processes for fault tests: `node bin/quorum-dev.js serve` (the sources) (with the test clock preloaded)
// and tick loops, on 127.0.0.1 only. Every process started here is killed by its own handle.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../support/free-port.js';

const CLOCK = new URL('./shift-clock.mjs', import.meta.url).pathname;

export const SIGNING_SECRET = 'fault-signing-secret-0123456789abcdef';

export interface QuorumProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}


export function slackEnv(apiUrl: string): Record<string, string> {
  return { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-fault-test', SLACK_API_URL: apiUrl };
}

function track(child: ChildProcess, url: string): QuorumProcess {
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return { url, child, output: () => output, kill9: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

/** `quorum serve` with its clock at `clock` (ISO), ready when /healthz answers 200. */
export async function startServe(env: Record<string, string>, clock?: string, timeoutMs = 45_000): Promise<QuorumProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', CLOCK, 'bin/quorum-dev.js', 'serve'], {
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), QUORUM_LOG_LEVEL: 'warn', QUORUM_TEST_CLOCK: clock ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = track(child, `http://127.0.0.1:${port}`);
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`quorum serve exited with ${child.exitCode}:\n${proc.output()}`);
    if (Date.now() > until) {
      await proc.kill9();
      throw new Error(`quorum serve not ready in ${timeoutMs} ms:\n${proc.output()}`);
    }
    if (await healthStatus(proc.url).then((s) => s === 200)) return proc;
    await sleep(50);
  }
}

export interface TickReplica extends QuorumProcess {
  /** Ticks at `at` and resolves with that tick's counts by status. */
  tick(at: string): Promise<Record<string, number>>;
}

/** A replica running ticks on demand (test/faults/support/tick-loop.ts) in a process of its own. */
export async function startTickReplica(env: Record<string, string>, timeoutMs = 45_000): Promise<TickReplica> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'test/faults/support/tick-loop.ts'], {
    env: { ...process.env, QUORUM_LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const proc = track(child, '');
  const lines: string[] = [];
  let buffer = '';
  child.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  const take = async (prefix: string) => {
    await waitUntil(`replica line "${prefix}"\n${proc.output()}`, () => lines.some((l) => l.startsWith(prefix)) || child.exitCode !== null, timeoutMs, 10);
    const i = lines.findIndex((l) => l.startsWith(prefix));
    if (i < 0) throw new Error(`replica exited:\n${proc.output()}`);
    return lines.splice(i, 1)[0]!;
  };
  await take('ready');
  return {
    ...proc,
    tick: async (at) => {
      child.stdin!.write(`${at}\n`);
      const line = await take(`done ${at}`);
      return JSON.parse(line.slice(`done ${at} `.length)) as Record<string, number>;
    },
    stop: async () => {
      child.stdin!.end();
      await proc.stop();
    },
  };
}

export async function healthStatus(url: string): Promise<number> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `check` until it is true, or throws after `timeoutMs` with `what`. */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 50): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}
