// The `quorum` command two ways: in a child process, as a user runs it (for what only the real
// process shows: its exit code, standard input), and in this process through `main()`, which
// parses, runs and maps errors to exit codes exactly as the binary does, without a Node start.
import { spawn } from 'node:child_process';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const BASE_ENV = { QUORUM_LOG_LEVEL: 'silent', DATABASE_URL: '' };

export function runCli(args: string[], env: Record<string, string | undefined> = {}, stdin?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/quorum-dev.js', ...args], {
      cwd: process.cwd(),
      env: { ...process.env, ...BASE_ENV, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}

/** `main(args)` with these variables set, capturing its output; the process is left as it was. */
export async function runMain(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const vars = { ...BASE_ENV, ...env };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const setEnv = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  // Commands report failure through process.exitCode, which would otherwise leak into the next
  // call and into the exit code of the test worker.
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  let stdout = '';
  let stderr = '';
  const capture = (append: (s: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture((s) => (stdout += s)));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture((s) => (stderr += s)));
  setEnv(vars);
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    setEnv(saved);
    process.exitCode = exitCode;
  }
}
