// `quorum schedule|move|cancel|invite|uninvite|record …`: the chat commands of the same names, for
// scripts and case systems. Each builds the command text and runs it through the same core entry
// point the Slack and Teams adapters call, acting as the person given by --as EMAIL (a member of
// the case: the same permissions apply). Prints the reply as plain text; a refusal or bad input goes
// to standard error with exit code 2, and nothing is written.
// The core, the store and the config load when a command runs, not for `quorum --help`.
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { RECORD_KINDS } from '../bot/core/commands/record-kinds.js';
import { CHANGE_REASONS } from '../rules/reasons.js';
import type { Store } from '../store/db.js';

export interface CaseCommandDeps {
  /** Opens the store (tests pass their own). */
  withStore?: <T>(fn: (store: Store) => Promise<T>) => Promise<T>;
  /** The clock: only adapters read it, and the CLI is one. */
  now?: () => Date;
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
}

const CONFIRM = ['--confirm', 'book even though the date is unusual (not a working day, outside 08:00 to 18:00, over a year ahead, or a review with nothing to review); recorded in the audit'] as const;
const AS = ['--as <email>', "act as this person (their email in Quorum; must be a member of the case), or set QUORUM_AS"] as const;

/** Runs one command text as the person with that email; returns the exit code. */
export async function runCaseCommand(deps: CaseCommandDeps, email: string, text: string): Promise<number> {
  const [{ createCoreDeps, runCommand }, { loadConfig }, { withStore }, { renderText }, { forTheCommandLine }] = await Promise.all([
    import('../bot/core/index.js'),
    import('../config.js'),
    import('./io.js'),
    import('./render-text.js'),
    import('./suggestions.js'),
  ]);
  const open = deps.withStore ?? withStore;
  const out = deps.stdout ?? ((s: string) => void process.stdout.write(s));
  const err = deps.stderr ?? ((s: string) => void process.stderr.write(s));
  return open(async (store) => {
    const reply = await runCommand(createCoreDeps(loadConfig(), store), { user: { platform: 'cli', workspaceId: 'cli', userId: 'cli', email }, correlationId: randomUUID(), now: (deps.now ?? (() => new Date()))() }, text);
    if (reply.error) {
      err(`${forTheCommandLine(reply.error.message, email)}${reply.error.field ? ` (${reply.error.field})` : ''}\n`);
      return reply.error.code === 'INTERNAL' || reply.error.code === 'UNAVAILABLE' ? 1 : 2;
    }
    if (reply.view) out(forTheCommandLine(renderText(reply.view), email));
    return 0;
  });
}

const words = (...parts: (string | string[] | undefined | false)[]) => parts.flat().filter((p): p is string => typeof p === 'string' && p.length > 0).join(' ');

export function registerCaseCommands(program: Command, deps: CaseCommandDeps = {}): void {
  const as = (opts: { as?: string }) => opts.as ?? '';
  const run = async (opts: { as?: string }, text: string) => {
    process.exitCode = await runCaseCommand(deps, as(opts), text);
  };

  program
    .command('schedule')
    .description('Book the next conference of a case (London date and time). Warns when the date is past its deadline.')
    .argument('<case>', 'case reference')
    .argument('<type>', 'initial or review')
    .argument('<date>', 'YYYY-MM-DD')
    .argument('<time>', 'HH:MM, London time')
    .argument('[flags...]', 'pre-birth, transfer-in')
    .option('--pre-birth', 'a pre-birth initial conference')
    .option('--transfer-in', 'a transfer-in initial conference')
    .option(...CONFIRM)
    .requiredOption(...AS, process.env.QUORUM_AS)
    .action((ref: string, type: string, date: string, time: string, flags: string[], opts: { as?: string; preBirth?: boolean; transferIn?: boolean; confirm?: boolean }) =>
      run(opts, words('schedule', ref, type, date, time, flags, opts.preBirth && 'pre-birth', opts.transferIn && 'transfer-in', opts.confirm && '--confirm')),
    );

  program
    .command('move')
    .description('Move the booked conference. The reason code is recorded and every invitee is told it; a note stays with the chair and children\'s social care.')
    .argument('<case>', 'case reference')
    .argument('<date>', 'YYYY-MM-DD')
    .argument('<time>', 'HH:MM, London time')
    .argument('<reason...>', `REASON_CODE [note…]: one of ${CHANGE_REASONS.join(', ')} (Swindon: family-request), then a note if needed (never a child's name)`)
    .option('--confirmed', 'Swindon: the conference admin confirms the family asked')
    .option(...CONFIRM)
    .requiredOption(...AS, process.env.QUORUM_AS)
    .action((ref: string, date: string, time: string, reason: string[], opts: { as?: string; confirmed?: boolean; confirm?: boolean }) =>
      run(opts, words('move', ref, date, time, reason, opts.confirmed && '--confirmed', opts.confirm && '--confirm')),
    );

  program
    .command('cancel')
    .description('Cancel the booked conference. The reason code is recorded and every invitee is told it; a note stays with the chair and children\'s social care.')
    .argument('<case>', 'case reference')
    .argument('<reason...>', `REASON_CODE [note…]: one of ${CHANGE_REASONS.join(', ')}, then a note if needed (never a child's name)`)
    .requiredOption(...AS, process.env.QUORUM_AS)
    .action((ref: string, reason: string[], opts: { as?: string }) => run(opts, words('cancel', ref, reason)));

  program
    .command('invite')
    .description("Invite someone to the next conference by email; they get the attendance card at once. Someone new needs an agency and sector.")
    .argument('<case>', 'case reference')
    .argument('<email>', "the person's email")
    .argument('[agency...]', 'their agency, then optionally the sector as the last word')
    .option('--agency <name>', 'their agency')
    .option('--sector <sector>', 'their sector (police, health, education, …)')
    .requiredOption(...AS, process.env.QUORUM_AS)
    .action((ref: string, email: string, agency: string[], opts: { as?: string; agency?: string; sector?: string }) =>
      run(opts, words('invite', ref, email, agency, opts.agency, opts.sector)),
    );

  program
    .command('uninvite')
    .description('Withdraw an invitation to the next conference, with the reason.')
    .argument('<case>', 'case reference')
    .argument('<email>', "the person's email")
    .argument('<reason...>', 'why')
    .requiredOption(...AS, process.env.QUORUM_AS)
    .action((ref: string, email: string, reason: string[], opts: { as?: string }) => run(opts, words('uninvite', ref, email, reason)));

  program
    .command('record')
    .description(`Record what happened (today by default): ${Object.keys(RECORD_KINDS).join(', ')}.`)
    .argument('<case>', 'case reference')
    .argument('<what>', Object.keys(RECORD_KINDS).join('|'))
    .argument('[date]', 'YYYY-MM-DD, not in the future (default: today in London)')
    .option('--corrects [date]', 'replace the last entry of this kind (or the one on that date)')
    .requiredOption(...AS, process.env.QUORUM_AS)
    .action((ref: string, what: string, date: string | undefined, opts: { as?: string; corrects?: boolean | string }) =>
      run(opts, words('record', ref, what, date, opts.corrects !== undefined && opts.corrects !== false && '--corrects', typeof opts.corrects === 'string' && opts.corrects)),
    );
}
