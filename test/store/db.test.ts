import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, reconnectDelaySeconds, StoreLockedError } from '../../src/store/db.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-lock-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function runChild(script: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: process.cwd(), env: { ...process.env, QUORUM_LOG_LEVEL: 'silent' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
}

// Each test creates a PGlite database from nothing (initdb and migrations, and a second process with
// tsx): seconds alone, and more than the default 10 s beside the rest of the suite on two cores.
describe('openStore (pglite data directory)', { timeout: 30_000 }, () => {
  it('refuses a data directory another process holds, with a clear message', async () => {
    const dir = path.join(tmp, 'held');
    const opening = openStore({ dataDir: dir });
    // The lock is taken before PGlite starts, so the child (seconds to boot) can start while this
    // process is still initialising its database, instead of after.
    await until(() => fs.existsSync(path.join(dir, 'quorum.lock')));
    const child = runChild(`
        import { openStore } from './src/store/db.ts';
        try { await openStore({ dataDir: ${JSON.stringify(dir)} }); console.log('OPENED'); process.exit(0); }
        catch (e) { console.log(e.code + ': ' + e.message); process.exit(3); }`);
    const store = await opening;
    try {
      const { code, out } = await child;
      expect(code).toBe(3);
      expect(out).toContain('STORE_LOCKED');
      expect(out).toContain(`in use by another Quorum process (pid ${process.pid})`);
    } finally {
      await store.close();
    }
  });

  it('opens a data directory whose lock was left by a process that died', async () => {
    const dir = path.join(tmp, 'stale');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'quorum.lock'), '999999');
    const store = await openStore({ dataDir: dir });
    expect(await store.ping()).toBe(true);
    await store.close();
    expect(fs.existsSync(path.join(dir, 'quorum.lock'))).toBe(false);
  });

  it('names the error type for callers', () => {
    expect(new StoreLockedError('/x', 1).code).toBe('STORE_LOCKED');
  });
});

describe('reconnectDelaySeconds', () => {
  it('grows with failed connects but never past a second, however long the outage', () => {
    const delays = Array.from({ length: 60 }, (_, i) => reconnectDelaySeconds(i));
    expect(delays[0]).toBeLessThan(0.1);
    expect(delays.every((d, i) => i === 0 || d >= delays[i - 1]!)).toBe(true);
    expect(Math.max(...delays)).toBe(1);
  });
});
