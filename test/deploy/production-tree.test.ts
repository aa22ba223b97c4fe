// The production tree as the image holds it (scripts/production-tree.sh, the Dockerfile's recipe):
// package.json, the lock file, dist/, migrations/ and `npm ci --omit=dev`, run with plain `node`
// and none of the build tools. It migrates as the owner, serves as the runtime role in production
// mode, and shuts down in order on SIGTERM with a chat turn in flight. Postgres only: this is
// about the process and the install, which the PGlite half of the suite would only repeat.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestRole } from '../support/databases.js';
import { freePort } from '../support/free-port.js';
import { SIGNING_SECRET } from '../faults/support/processes.js';
import { sendCommand } from '../faults/support/slack-requests.js';

const enabled = Boolean(process.env.TEST_DATABASE_URL);
if (!enabled) console.log('[quorum tests] NOTE: TEST_DATABASE_URL is unset, so the production-tree test (npm ci --omit=dev, then quorum migrate and serve on plain node) is SKIPPED.');

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Slack's Web API and response_urls on one origin; replies to response_urls are held until released. */
async function startHoldingSlack() {
  const replies: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let replyArrived!: () => void;
  const arrived = new Promise<void>((r) => (replyArrived = r));
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      const url = req.url ?? '';
      if (url.startsWith('/response/')) {
        replyArrived();
        await released;
        replies.push(body);
      }
      const answer = url.endsWith('auth.test') ? { ok: true, team_id: 'T0TEST', user_id: 'UQUORUMBOT', bot_id: 'BQUORUM' } : url.endsWith('users.info') ? { ok: false, error: 'user_not_found' } : { ok: true };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, replies, arrived, release, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

function run(cmd: string, args: string[], opts: { cwd: string; env: Record<string, string> }): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.runIf(enabled)('production tree', () => {
  let tree = '';
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let role: Awaited<ReturnType<typeof createTestRole>>;
  let slack: Awaited<ReturnType<typeof startHoldingSlack>>;
  let serve: ChildProcess | undefined;
  // Only what a container has: no NODE_OPTIONS, no tsx loader, no developer's variables.
  const bare = () => ({ PATH: process.env.PATH ?? '', HOME: tree, TZ: 'UTC' });

  // `npm run build` when dist/ is missing or stale (as prestart does), then `npm ci --omit=dev`
  // from the npm cache: tens of seconds of real work that the boundary under test consists of.
  beforeAll(async () => {
    tree = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-prod-'));
    const built = run(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT, env: { ...bare(), HOME: os.homedir() } });
    expect(built.code, built.stderr).toBe(0);
    const assembled = run('sh', ['scripts/production-tree.sh', tree], { cwd: ROOT, env: { ...bare(), HOME: os.homedir(), npm_config_prefer_offline: 'true' } });
    expect(assembled.code, assembled.stderr).toBe(0);
    db = await createTestDatabase({ empty: true });
    role = await createTestRole(db.url);
    slack = await startHoldingSlack();
  }, 150_000);

  afterAll(async () => {
    if (serve && serve.exitCode === null) serve.kill('SIGKILL');
    await slack?.close();
    await db?.drop();
    await role?.drop();
    // The tree holds a production node_modules: removing it takes seconds on a busy disk.
    if (tree) await fs.promises.rm(tree, { recursive: true, force: true });
  }, 60_000);

  it('holds no build-time package', () => {
    for (const dev of ['tsx', 'esbuild', 'typescript', 'vitest', 'drizzle-kit', 'src']) expect(fs.existsSync(path.join(tree, 'node_modules', dev)), dev).toBe(false);
    expect(fs.existsSync(path.join(tree, 'src'))).toBe(false);
  });

  it('migrates as the owner and serves /healthz as the runtime role, then drains on SIGTERM with a turn in flight and exits 0', async () => {
    const migrated = run(process.execPath, ['bin/quorum.js', 'migrate'], { cwd: tree, env: { ...bare(), DATABASE_OWNER_URL: db.url, DATABASE_URL: role.url, QUORUM_DB_RUNTIME_ROLE: role.name } });
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/^Applied \d+ migration\(s\)\.\nRuntime role /);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { ...bare(), NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: role.url, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-prod-tree', SLACK_API_URL: `${slack.url}/api/`, QUORUM_SCHEDULER: 'on' };
    const child = spawn(process.execPath, ['bin/quorum.js', 'serve'], { cwd: tree, env, stdio: ['ignore', 'pipe', 'pipe'] });
    serve = child;
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await until(async () => (await health(base)) === 200, () => `serve not ready:\n${stderr}`, child);

    // A chat turn in flight: Slack got its ack, and the reply to the response_url is held.
    expect(await sendCommand(base, 'U0PRODTREE', 'help', `${slack.url}/response/r1`)).toBe(200);
    await slack.arrived;
    const signalled = Date.now();
    child.kill('SIGTERM');
    await until(async () => (await health(base)) === 503, () => `no 503 while draining:\n${stderr}`, child);
    slack.release();

    const code = await exited;
    const tookMs = Date.now() - signalled;
    expect(code, stderr).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    expect(slack.replies).toHaveLength(1);
    // Logs on stderr, as JSON; nothing on stdout; one line says it stopped.
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n').map((l) => JSON.parse(l) as { code?: string });
    expect(lines.filter((l) => l.code?.startsWith('SHUTDOWN'))).toEqual([expect.objectContaining({ code: 'SHUTDOWN' })]);
  }, 40_000); // two real Node processes on the production tree, and a drain that waits on purpose
});

async function health(base: string): Promise<number> {
  try {
    const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

async function until(check: () => Promise<boolean>, why: () => string, child: ChildProcess): Promise<void> {
  const end = Date.now() + 30_000;
  while (!(await check())) {
    if (child.exitCode !== null || Date.now() > end) throw new Error(why());
    await new Promise((r) => setTimeout(r, 25));
  }
}
