// Turns the text of a command into a name and arguments, with a limit on every length.
import { z } from 'zod';
import { CoreError } from './errors.js';

export const COMMAND_NAMES = ['help', 'next', 'case', 'mine', 'attend', 'dissent', 'schedule', 'move', 'cancel', 'invite', 'uninvite', 'record', 'outcome'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const MAX_COMMAND_LENGTH = 1000;
export const caseRefSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$/);

export interface ParsedCommand {
  name: CommandName;
  args: string[];
  /** Everything after the first `n` args, as typed: reasons keep their spaces. */
  rest(n: number): string;
}

export function parseCommand(input: string): ParsedCommand {
  if (typeof input !== 'string') throw new CoreError('BAD_USAGE', 'Type a command, for example `next CP-0001`, or `help`.');
  // eslint-disable-next-line no-control-regex
  const text = input.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (text.length > MAX_COMMAND_LENGTH) throw new CoreError('TOO_LONG', `That command is too long (at most ${MAX_COMMAND_LENGTH} characters).`);
  const words = text.split(/\s+/).filter(Boolean);
  const first = (words[0] ?? 'help').toLowerCase();
  if (!(COMMAND_NAMES as readonly string[]).includes(first)) {
    throw new CoreError('UNKNOWN_COMMAND', `I don't know "${first.slice(0, 30)}". Try \`next CASE\`, \`case CASE\`, \`mine\`, \`attend CASE\`, \`dissent CASE\` or \`help\`.`);
  }
  const args = words.slice(1);
  return {
    name: first as CommandName,
    args,
    rest: (n) => {
      let remaining = text.slice(text.indexOf(words[0]!) + words[0]!.length);
      for (let i = 0; i < n; i++) {
        remaining = remaining.trimStart();
        remaining = remaining.slice((args[i] ?? '').length);
      }
      return remaining.trim();
    },
  };
}

/** The CASE argument, validated, or a usage message naming what was wrong. */
export function requireCaseRef(cmd: ParsedCommand, usageText: string): string {
  const ref = cmd.args[0];
  if (!ref) throw new CoreError('BAD_USAGE', `Which case? Usage: \`${usageText}\``);
  if (!caseRefSchema.safeParse(ref).success) throw new CoreError('BAD_CASE_REF', `"${ref.slice(0, 40)}" is not a case reference (like CP-0001). Usage: \`${usageText}\``);
  return ref;
}
