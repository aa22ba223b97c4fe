// The `quorum` command. Each subcommand is a thin wrapper over the same functions the bot uses.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { ProfileValidationError } from '../rules/profiles.js';
import { registerStoreCommands } from './store-commands.js';
import { registerCaseCommands } from './case-commands.js';
import { createPlatformSenders } from './platform-senders.js';
import { registerTick } from './tick-command.js';
import { registerTimeline } from './timeline-command.js';

export function buildProgram(): Command {
  const program = new Command('quorum')
    .description('Quorum: child protection conference deadlines, attendance and dissent, in Slack and Microsoft Teams.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerStoreCommands(program);
  registerTimeline(program);
  registerCaseCommands(program);
  registerTick(program, { senders: createPlatformSenders });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
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

// Run only when executed, not when imported by tests.
if (process.argv[1] && /(quorum(\.js)?|main\.ts)$/.test(process.argv[1])) {
  const code = await main(process.argv.slice(2));
  // `serve` keeps running; everything else exits with its code.
  if (process.argv[2] !== 'serve') process.exit(code);
  else if (code !== 0) process.exit(code);
}
