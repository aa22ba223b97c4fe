// The `quorum` command. Each subcommand is a thin wrapper over the same functions the bot uses.
// Output discipline: data on stdout (text, or JSON alone with --json), logs (JSON) and refusals on
// stderr; exit 0 ok, 1 failure, 2 refusal or bad input (EXIT_CODES_HELP).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { UsageError } from './usage-error.js';
import { registerStoreCommands } from './store-commands.js';
import { registerCaseCommands } from './case-commands.js';
import { registerReport } from './report-command.js';
import { registerTick } from './tick-command.js';
import { registerTimeline } from './timeline-command.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  done
  1  failed (the database or a platform could not be reached, or an unexpected error)
  2  refused or bad input: a bad argument, file or variable, a permission, an unsafe database role;
     nothing was written
Data goes to standard output; logs and refusals to standard error.`;

/**
 * package.json sits two levels up from src/cli/ and from dist/cli/ alike. Read only when asked
 * for, so a tree without it (a copy of the sources) still runs every other command.
 */
function readVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown (no package.json beside the code)';
  }
}

export function buildProgram(): Command {
  const program = new Command('quorum')
    .description('Quorum: child protection conference deadlines, attendance and dissent, in Slack and Microsoft Teams.')
    .version(readVersion(), '-V, --version', 'print the version')
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerStoreCommands(program);
  registerTimeline(program);
  registerCaseCommands(program);
  registerTick(program, { senders: async (store) => (await import('./platform-senders.js')).createPlatformSenders(store) });
  registerReport(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    // Loaded only to tell a failure's kind: reading the command line needs none of them.
    const [{ ConfigError }, { ProfileValidationError }, { DbRoleError }] = await Promise.all([import('../config.js'), import('../rules/profiles.js'), import('../store/db-roles.js')]);
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    if (err instanceof UsageError || err instanceof DbRoleError) {
      process.stderr.write(`quorum: ${err.message} (${err.code})\n`);
      return 2;
    }
    if (err instanceof ProfileValidationError) {
      process.stderr.write(err.problems.map((p) => `quorum: ${p}\n`).join(''));
      return 2;
    }
    const code = (err as { code?: string }).code;
    process.stderr.write(`quorum: ${(err as Error).message}${code ? ` (${code})` : ''}\n`);
    return 1;
  }
}

/**
 * Runs the command and exits with its code; `serve` keeps the process alive and exits on its own
 * once it has shut down (src/cli/store-commands.ts). The bins call this.
 */
export async function runCli(argv: string[]): Promise<void> {
  const code = await main(argv);
  if (argv[0] !== 'serve' || code !== 0) process.exit(code);
}

// Run only when this file is the entry point (`node dist/cli/main.js`, `node --import tsx
// src/cli/main.ts`), not when a bin or a test imports it. Compared as real paths, because
// import.meta.url is one and argv[1] may be a symlink.
if (process.argv[1] && isEntryPoint(process.argv[1])) await runCli(process.argv.slice(2));

function isEntryPoint(argv1: string): boolean {
  try {
    return fs.realpathSync(argv1) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}
