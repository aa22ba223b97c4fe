import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliDatabase, type CliDatabase } from '../support/cli-database.js';
import { runCli, runMain } from '../support/run-cli.js';

// A migrated database: what is tested here is the import, not initdb and migrations.
let db: CliDatabase;
let env: Record<string, string>;
let dir: string;
beforeAll(async () => {
  db = await openCliDatabase();
  ({ env, dir } = db);
});
afterAll(() => db.close());

describe('quorum import', () => {
  it('imports the documented example, then reports no changes the second time', async () => {
    const first = await runMain(['import', 'docs/examples/import.json'], env);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('Imported 2 case(s): 2 created, 0 updated, 0 unchanged.\n');
    const second = await runMain(['import', 'docs/examples/import.json'], env);
    expect(second.stdout).toBe('No changes: all 2 case(s) already up to date.\n');
    expect(second.code).toBe(0);
  });

  // Spawned: standard input and the exit code of the real binary are what these two check.
  it('reads standard input with -, and the binary exits 0', async () => {
    const res = await runCli(['import', '-'], env, fs.readFileSync('docs/examples/import.json', 'utf8'));
    expect(res.stdout).toBe('No changes: all 2 case(s) already up to date.\n');
    expect(res.code).toBe(0);
  });

  it('rejects a file that is not JSON, and the binary exits 2', async () => {
    const res = await runCli(['import', '-'], env, '{ not json');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('not valid JSON');
  });

  it('rejects a bad file with one line per problem, exit code 2, and writes nothing', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ cases: [{ ref: 'CP-9', profile: 'swindon', children: [], conferences: [{ id: 'x', type: 'initial', at: 'soon' }] }] }));
    const res = await runMain(['import', bad], env);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('nothing was written');
    expect(res.stderr).toContain('cases[0].children: a case needs at least one child');
    expect(res.stderr).toContain('cases[0].conferences[0].at: expected an ISO date-time');
    const audit = await runMain(['audit', 'CP-9'], env);
    expect(audit.stdout).toBe('No audit entries for CP-9.\n');
  });

  it("prints the case's audit trail with the import in it", async () => {
    const res = await runMain(['audit', 'CP-0001', '--json'], env);
    const lines = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ action: 'CASE_IMPORTED', subject: expect.stringMatching(/^case:/) });
  });
});

describe('quorum --help', () => {
  it.each(['serve', 'migrate', 'import', 'timeline', 'audit', 'purge', 'tick', 'schedule', 'move', 'cancel', 'invite', 'uninvite', 'record'])('prints help for %s', async (cmd) => {
    const res = await runMain([cmd, '--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Usage: quorum ${cmd}`);
  });

  it('names a bad configuration value and exits 2', async () => {
    const res = await runMain(['migrate'], { PORT: 'eighty' });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('PORT: Expected number');
  });
});

describe('quorum output discipline', () => {
  it('says "no such file" for a missing file, exits 2 and writes nothing', async () => {
    const res = await runMain(['import', path.join(dir, 'missing.json')], env);
    expect(res).toEqual({ code: 2, stdout: '', stderr: `quorum import: ${path.join(dir, 'missing.json')}: no such file: nothing was written\n` });
  });

  it('prints its version from package.json, and the exit codes in --help', async () => {
    const version = JSON.parse(fs.readFileSync('package.json', 'utf8')).version;
    expect(await runMain(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    const help = await runMain(['--help']);
    expect(help.stdout).toMatch(/Exit codes:\n {2}0 {2}done\n {2}1 {2}failed.*\n {2}2 {2}refused or bad input/);
  });

  it('refuses a bad --at with exit 2 on stderr, nothing on stdout', async () => {
    const res = await runMain(['tick', '--at', 'tomorrow', '--json'], env);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^quorum: --at: expected an ISO date-time .* \(USAGE\)\n$/);
  });
});
