// Starting Quorum: the configuration is checked completely before any database work (a refused
// one opens and migrates nothing), `npm start` with nothing set runs with Slack and Teams off and
// says how to turn each on, and Teams local mode says so before anything else.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { setLogDestination } from '../../src/log.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Something listening where Postgres would be, counting who connects: it must stay at zero. */
async function startFakePostgres(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: `postgres://quorum:x@127.0.0.1:${port}/quorum`, connections: () => connections, close: () => new Promise((r) => server.close(() => r())) };
}

interface Run {
  code: number | null;
  out: string;
}

/** `quorum serve` as `npm start` runs it, in an empty directory with only the given variables. */
function serve(env: Record<string, string>, untilLine?: RegExp): Promise<Run & { stop: () => void }> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-start-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/quorum-dev.js'), 'serve'], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, TZ: 'UTC', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const stop = () => child.kill('SIGTERM');
    const timer = setTimeout(() => (stop(), reject(new Error(`quorum serve: no answer in time:\n${out}`))), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (untilLine?.test(out)) {
        clearTimeout(timer);
        resolve({ code: null, out, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, stop });
    });
  });
}

describe('startApp', () => {
  let pg: Awaited<ReturnType<typeof startFakePostgres>>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-refused-'));
  beforeAll(async () => {
    pg = await startFakePostgres();
  });
  afterAll(async () => {
    await pg.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses Teams local mode in production before opening or migrating any database', async () => {
    const dataDir = path.join(dir, 'pglite');
    const base = loadConfig({ NODE_ENV: 'test', QUORUM_TEAMS_LOCAL: 'true', QUORUM_DATA_DIR: dataDir, PORT: '0' });
    for (const config of [{ ...base, NODE_ENV: 'production' as const, DATABASE_URL: pg.url }, { ...base, NODE_ENV: 'production' as const }]) {
      const err = await startApp(config).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems).toContainEqual(expect.stringMatching(/^QUORUM_TEAMS_LOCAL: refused in production/));
    }
    expect(pg.connections()).toBe(0);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('`quorum serve` refuses the same with one line per problem, and never connects to the database', async () => {
    const run = await serve({ NODE_ENV: 'production', QUORUM_TEAMS_LOCAL: 'true', DATABASE_URL: pg.url });
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/^Invalid configuration:\n {2}- QUORUM_TEAMS_LOCAL: refused in production: Teams local mode has no authentication\. .*\n$/);
    expect(pg.connections()).toBe(0);
  }, 90_000);

  it('`npm start` with nothing set runs with Slack and Teams off, naming the variables that turn each on', async () => {
    const run = await serve({ PORT: '0', QUORUM_SCHEDULER: 'off' }, /"quorum is listening"/);
    try {
      const lines = run.out.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; port?: number });
      const slack = lines.find((l) => l.msg.startsWith('Slack:'))!;
      const teams = lines.find((l) => l.msg.startsWith('Teams:'))!;
      expect(slack.msg).toMatch(/^Slack: off\. Set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN/);
      expect(teams.msg).toMatch(/^Teams: off\. Set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID to turn it on .*QUORUM_TEAMS_LOCAL=true/);
      // Said before any database work.
      expect(lines.indexOf(teams)).toBeLessThan(lines.findIndex((l) => l.msg === 'database ready'));
      const port = lines.find((l) => l.msg === 'quorum is listening')!.port!;
      expect((await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', body: '{}' })).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      run.stop();
    }
  }, 90_000);

  it('says Teams local mode in its first Teams log line, before the database, and listens on loopback only', async () => {
    const lines: { level: number; msg: string; host?: string }[] = [];
    const level = process.env.QUORUM_LOG_LEVEL;
    process.env.QUORUM_LOG_LEVEL = 'warn';
    setLogDestination(new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
    try {
      const app = await startApp(loadConfig({ NODE_ENV: 'test', QUORUM_TEAMS_LOCAL: 'true', PORT: '0', QUORUM_DATA_DIR: 'memory://', QUORUM_SCHEDULER: 'off' }));
      await app.stop();
    } finally {
      setLogDestination(undefined);
      process.env.QUORUM_LOG_LEVEL = level;
    }
    // At the quietest level a developer might pick, it is the line that shows.
    expect(lines[0]).toMatchObject({ level: 40, host: '127.0.0.1' });
    expect(lines[0]!.msg).toMatch(/^Teams: LOCAL MODE \(QUORUM_TEAMS_LOCAL=true\): no authentication, POST \/api\/messages on 127\.0\.0\.1 only/);
    // startApp loads the Teams SDK when Teams is configured (src/app.ts), then migrates a PGlite
    // database from nothing: both inside this test's time now, seconds each on two cores.
  }, 30_000);
});
