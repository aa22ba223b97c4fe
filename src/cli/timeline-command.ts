// `quorum timeline`: needs no database.
import type { Command } from 'commander';

export function registerTimeline(program: Command): void {
  program
    .command('timeline')
    .description('Print every deadline of one case (case-facts JSON) and its quorum, without a database.')
    .argument('<file>', 'case-facts JSON file, or - for standard input')
    .option('--profile <name>', "use this partnership profile instead of the file's")
    .option('--at <iso>', 'evaluate as of this instant (default: now)')
    .option('--json', 'print JSON instead of a table')
    .action(async (file: string, opts: { profile?: string; at?: string; json?: boolean }) => {
      // The rules load when the command runs, not for `quorum --help`.
      const { runTimeline } = await import('./timeline.js');
      process.exitCode = await runTimeline(
        { file, profile: opts.profile, at: opts.at, json: opts.json },
        { stdin: process.stdin, stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) },
      );
    });
}
