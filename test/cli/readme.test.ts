// The README's command-line section runs as written, against the documented example data, and a
// refusal on the command line suggests only what runs there.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, londonDate } from '../../src/rules/calendar.js';
import { CLI_CASE_COMMANDS } from '../../src/cli/suggestions.js';
import { openCliDatabase, type CliDatabase } from '../support/cli-database.js';
import { runMain } from '../support/run-cli.js';

let db: CliDatabase;
// The README writes DATE for "a future working day": ten working days from today.
const DATE = addWorkingDays(londonDate(new Date()), 10);

/** The `npx quorum …` lines of the README's "Command line" section, as argument lists. */
function readmeCommands(): string[][] {
  const readme = fs.readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Command line'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split('\n')
    .filter((l) => l.startsWith('npx quorum '))
    .map((l) => l.replace(/\s+#.*$/, '').replace(/^npx quorum /, '').split(/\s+/).map((w) => (w === 'DATE' ? DATE : w)));
}

beforeAll(async () => {
  db = await openCliDatabase('quorum-readme-');
});
afterAll(() => db.close());

describe('the README', () => {
  it('runs every command-line example as written, in order, each exiting 0', async () => {
    const commands = readmeCommands();
    expect(commands.length).toBeGreaterThanOrEqual(8);
    for (const args of commands) {
      const res = await runMain(args, db.env);
      expect({ args: args.join(' '), code: res.code, stderr: res.stderr }).toEqual({ args: args.join(' '), code: 0, stderr: '' });
    }
    // A dozen commands in one process, `tick` among them: over the default 10 s on a loaded machine.
  }, 30_000);

  it('names only case commands quorum has, each with --help', async () => {
    for (const name of CLI_CASE_COMMANDS) {
      const res = await runMain([name, '--help'], db.env);
      expect(res.code, name).toBe(0);
    }
  });

  it('suggests on the command line only commands that run there, or says they are for chat', async () => {
    // CP-0001's review is past and has no outcome: the refusal points at outcome (chat) and cancel (both).
    const res = await runMain(['schedule', 'CP-0001', 'review', DATE, '10:00', '--as', 'a.admin@example.org'], db.env);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('`outcome CP-0001` (in Slack or Teams)');
    expect(res.stderr).toContain('`quorum cancel CP-0001 reason --as a.admin@example.org`');
    for (const [, command, after] of res.stderr.matchAll(/`([^`]+)`(.{0,20})/g)) {
      const ok = command!.startsWith('quorum ') ? CLI_CASE_COMMANDS.some((c) => command!.startsWith(`quorum ${c} `)) : after!.startsWith(' (in Slack or Teams)');
      expect(ok, command).toBe(true);
    }
  });
});
