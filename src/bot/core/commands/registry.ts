// Every chat command, once. Adding a command is one handler file (commands/x.ts exporting
// `runX(h: HandlerContext, cmd: ParsedCommand): Promise<CoreReply>`) and one entry below; then
// `npm run sync:manifests` writes the Slack usage hint and the Teams command lists (the manifest
// tests fail until it has). From these entries come:
//   - the parser's known names and the commands it suggests for a word it does not know,
//   - `help` (every entry, in this order, with its usage and who may run it),
//   - dispatch (commands/index.ts looks the name up here),
//   - the replay decision (`isReadOnlyCommand`: a command that only reads needs no replay record),
//   - manifests/slack/manifest.json `usage_hint` and manifests/teams/manifest.json `commandLists`
//     (commands/manifest-entries.ts).
//
// Teams menus. The Teams schema (MicrosoftTeams.schema.json v1.22, bots[].commandLists) allows at
// most 10 commands in a command list and at most 3 lists, each for some of the scopes personal,
// team, groupChat (and copilot): so no scope can show every command. Each entry says where it is
// offered with `menu`:
//   - 'everyday': what anyone on a case uses, with at most a case reference to type. In the Teams
//     menu everywhere: the personal chat, and team channels and group chats (one list for both,
//     where whatever is typed is read by the whole channel); suggested for an unknown word.
//   - 'personal': what the people running a conference use (booking, inviting, recording, the
//     outcome), whose arguments (emails, dates) belong in the personal chat: its menu only. At
//     most 10 with the everyday ones.
//   - 'typed': in no Teams menu, for want of room. The corrections (move, cancel, uninvite): rarer,
//     and each needs a reason written out. Typed in full; listed by `help` and Slack's usage hint.
// Slack has one slash command, /cp, whose usage hint names every command.
//
// This file imports the handlers; the handlers must not import it (help.ts gets the entries as an
// argument, parse.ts its vocabulary).
import { dissentForm } from '../forms/dissent.js';
import { outcomeForm } from '../forms/outcome.js';
import type { HandlerContext } from '../handler.js';
import { commandWord, requireCaseRef, type CommandVocabulary, type ParsedCommand } from '../parse.js';
import type { CoreReply } from '../types.js';
import { runAttend } from './attend.js';
import { runCase } from './case.js';
import { renderHelp, type HelpItem, type WhoMayRun } from './help.js';
import { INVITE_USAGE, runInvite, runUninvite, UNINVITE_USAGE } from './invite.js';
import { runMine } from './mine.js';
import { CANCEL_USAGE, MOVE_USAGE, runCancel, runMove } from './move-cancel.js';
import { runNext } from './next.js';
import { runQa } from './qa.js';
import { RECORD_USAGE, runRecord } from './record.js';
import { runSchedule, SCHEDULE_USAGE } from './schedule.js';

export type { WhoMayRun } from './help.js';

/** Where a command is offered besides `help` and Slack's usage hint: see the top of this file. */
export type CommandMenu = 'everyday' | 'personal' | 'typed';

export interface CommandEntry extends HelpItem {
  /** What is typed first, lower case. */
  readonly name: string;
  /** The command as typed, e.g. `next CASE`: in help, the manifests, and the handler's usage errors. */
  readonly usage: string;
  /** One line, lower case, no full stop: help shows `usage`: help. Who: … */
  readonly help: string;
  /** The capability the handler checks on the case (permissions.ts), or 'anyone'. */
  readonly who: WhoMayRun;
  /** Only reads (and audits the read): a platform retry just runs it again, with no replay record. */
  readonly readOnly: boolean;
  readonly menu: CommandMenu;
  readonly run: (h: HandlerContext, cmd: ParsedCommand) => Promise<CoreReply>;
}

const DISSENT_USAGE = 'dissent CASE';
const OUTCOME_USAGE = 'outcome CASE';

const ENTRIES = [
  {
    name: 'next',
    usage: 'next CASE',
    help: 'the coming deadlines on a case, soonest first, with the standard each comes from',
    who: 'view_deadlines',
    readOnly: true,
    menu: 'everyday',
    run: runNext,
  },
  {
    name: 'case',
    usage: 'case CASE',
    help: 'conferences, quorum now, reports received and missing',
    who: 'view_case_summary',
    readOnly: true,
    menu: 'everyday',
    run: runCase,
  },
  {
    name: 'mine',
    usage: 'mine',
    help: 'everything due for you in the next 10 working days',
    who: 'anyone',
    readOnly: true,
    menu: 'everyday',
    run: (h) => runMine(h),
  },
  {
    name: 'attend',
    usage: 'attend CASE',
    help: 'your attendance card for the next conference',
    who: 'respond_invitation',
    readOnly: true,
    menu: 'everyday',
    run: runAttend,
  },
  {
    name: 'dissent',
    usage: DISSENT_USAGE,
    help: 'record professional dissent about the last conference decision',
    who: 'lodge_dissent',
    // Opens the form only; submitting it is a form submission, with its own replay record.
    readOnly: true,
    menu: 'everyday',
    run: async (h, cmd) => ({ form: await dissentForm(h, requireCaseRef(cmd, DISSENT_USAGE)) }),
  },
  {
    name: 'schedule',
    usage: SCHEDULE_USAGE,
    help: 'book the next conference (warns if past its deadline)',
    who: 'manage_conference',
    readOnly: false,
    menu: 'personal',
    run: runSchedule,
  },
  {
    name: 'move',
    usage: MOVE_USAGE,
    help: 'move the booked conference; every invitee is told the reason',
    who: 'manage_conference',
    readOnly: false,
    menu: 'typed',
    run: runMove,
  },
  {
    name: 'cancel',
    usage: CANCEL_USAGE,
    help: 'cancel the booked conference; every invitee is told the reason',
    who: 'manage_conference',
    readOnly: false,
    menu: 'typed',
    run: runCancel,
  },
  {
    name: 'invite',
    usage: INVITE_USAGE,
    help: 'invite someone (a mention, or an email for someone new) to the next conference',
    who: 'manage_invitations',
    readOnly: false,
    menu: 'personal',
    run: runInvite,
  },
  {
    name: 'uninvite',
    usage: UNINVITE_USAGE,
    help: 'withdraw an invitation',
    who: 'manage_invitations',
    readOnly: false,
    menu: 'typed',
    run: runUninvite,
  },
  {
    name: 'record',
    usage: RECORD_USAGE,
    help: 'record what happened (today by default)',
    who: 'record_event',
    readOnly: false,
    menu: 'personal',
    run: runRecord,
  },
  {
    name: 'outcome',
    usage: OUTCOME_USAGE,
    help: 'the chair records the conference outcome',
    who: 'record_outcome',
    // Opens the form only, as dissent does.
    readOnly: true,
    menu: 'personal',
    run: async (h, cmd) => ({ form: await outcomeForm(h, requireCaseRef(cmd, OUTCOME_USAGE)) }),
  },
  {
    name: 'qa',
    usage: 'qa',
    help: "your partnership's timeliness figures for the last three complete months, each with its standard",
    who: 'view_timeliness',
    readOnly: true,
    // Typed in full: the Teams menus are full, and only QA managers use it.
    menu: 'typed',
    run: (h) => runQa(h),
  },
  {
    name: 'help',
    usage: 'help',
    help: 'what I can do',
    who: 'anyone',
    readOnly: true,
    menu: 'everyday',
    run: async () => runHelp(),
  },
] as const satisfies readonly CommandEntry[];

export type CommandName = (typeof ENTRIES)[number]['name'];

/** Every command, in the order help lists them. */
export const COMMANDS: readonly CommandEntry[] = ENTRIES;
export const COMMAND_NAMES: readonly CommandName[] = ENTRIES.map((c) => c.name);

const BY_NAME = new Map<string, CommandEntry>(COMMANDS.map((c) => [c.name, c]));
if (BY_NAME.size !== COMMANDS.length) throw new Error('Two commands in the registry have the same name.');

/** What the parser knows: every name, and the everyday commands to suggest for an unknown word. */
export const COMMAND_VOCABULARY: CommandVocabulary = {
  names: new Set(BY_NAME.keys()),
  suggestions: COMMANDS.filter((c) => c.menu === 'everyday').map((c) => c.usage),
};

export function findCommand(name: string): CommandEntry | undefined {
  return BY_NAME.get(name);
}

/**
 * True when the command in `text` only reads, so a platform retry needs no replay record. Reads
 * the command word as the parser does (empty text is help); an unknown word is not read-only
 * (it is refused, and writes nothing either way).
 */
export function isReadOnlyCommand(text: string): boolean {
  return findCommand(commandWord(text))?.readOnly ?? false;
}

/** The help reply: every command above. */
export function runHelp(): CoreReply {
  return renderHelp(COMMANDS);
}
