// Across the process boundary: a copy of the sources with one mistyped key in devon.json, run as the
// `quorum` command runs (node with tsx, src/cli/main.ts), must refuse to start and say where.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let copy = '';

// Inside the worktree, so the copy resolves node_modules (zod, tsx, …) as the real sources do.
beforeAll(() => {
  copy = mkdtempSync(path.join(ROOT, 'test', '.tmp-'));
  cpSync(path.join(ROOT, 'src'), path.join(copy, 'src'), { recursive: true });
  const devon = path.join(copy, 'src', 'rules', 'profiles', 'devon.json');
  const text = readFileSync(devon, 'utf8');
  const broken = text.replace('{"id": "devon.icpc", "key": "icpc"', '{"id": "devon.icpc", "key": "reprots_icpc"');
  expect(broken).not.toBe(text);
  writeFileSync(devon, broken);
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // As bin/quorum.js does: tsx registered, then src/cli/main.ts, which runs when it is the entry point.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(copy, 'src', 'cli', 'main.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, QUORUM_LOG_LEVEL: 'silent', DATABASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end();
  });
}

describe('quorum timeline with a bad profile', () => {
  it('exits 2 before anything else, naming devon.json, the rule and the unknown key', async () => {
    const r = await run(['timeline', 'docs/examples/case-facts.json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^quorum timeline: src\/rules\/profiles\/devon\.json: rules\[2\] \(devon\.icpc\)\.key: unknown milestone key "reprots_icpc" \(nearest: /)]);
  }, 20_000); // a spawned tsx process: the boundary is what is tested

  it('stops quorum serve before it opens a database, naming the file and the key', async () => {
    const dataDir = path.join(copy, 'data');
    const r = await run(['serve'], { PORT: '0', HOST: '127.0.0.1', QUORUM_DATA_DIR: dataDir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^quorum: src\/rules\/profiles\/devon\.json: rules\[2\] \(devon\.icpc\)\.key: unknown milestone key "reprots_icpc"/m);
    expect(existsSync(dataDir)).toBe(false);
  }, 20_000); // a spawned tsx process: the boundary is what is tested
});
