// Turns the text of a command into a name and arguments, with a limit on every length. Which names
// exist comes from the command registry (commands/registry.ts) as a CommandVocabulary: the
// registry imports the handlers, and the handlers import this file, so it cannot import the registry.
import { z } from 'zod';
import { CoreError } from './errors.js';

export const MAX_COMMAND_LENGTH = 1000;
export const caseRefSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$/);

/** The command names the parser accepts, and the usages it suggests for a word it does not know. */
export interface CommandVocabulary {
  readonly names: ReadonlySet<string>;
  /** e.g. `next CASE`, `help`: a few, not all. */
  readonly suggestions: readonly string[];
}

export interface ParsedCommand {
  /** One of the vocabulary's names, in lower case. */
  name: string;
  args: string[];
  /** Everything after the first `n` args, as typed: reasons keep their spaces. */
  rest(n: number): string;
}

/** Control characters become spaces, then the ends are trimmed: the text every reading of a command starts from. */
function clean(input: string): string {
  // eslint-disable-next-line no-control-regex
  return input.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
}

/** The command word as the parser reads it, lower case; empty text is `help`. No check that it exists. */
export function commandWord(input: unknown): string {
  if (typeof input !== 'string') return 'help';
  return (clean(input).split(/\s+/, 1)[0] || 'help').toLowerCase();
}

export function parseCommand(input: string, vocabulary: CommandVocabulary): ParsedCommand {
  if (typeof input !== 'string') throw new CoreError('BAD_USAGE', 'Type a command, for example `next CP-0001`, or `help`.');
  const text = clean(input);
  if (text.length > MAX_COMMAND_LENGTH) throw new CoreError('TOO_LONG', `That command is too long (at most ${MAX_COMMAND_LENGTH} characters).`);
  const words = text.split(/\s+/).filter(Boolean);
  const first = (words[0] ?? 'help').toLowerCase();
  if (!vocabulary.names.has(first)) {
    throw new CoreError('UNKNOWN_COMMAND', `I don't know "${first.slice(0, 30)}". Try ${orList(vocabulary.suggestions.map((s) => `\`${s}\``))}.`);
  }
  const args = words.slice(1);
  return {
    name: first,
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

/** `a`, `a or b`, `a, b or c`. */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '`help`') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** The CASE argument, validated, or a usage message naming what was wrong. */
export function requireCaseRef(cmd: ParsedCommand, usageText: string): string {
  const ref = cmd.args[0];
  if (!ref) throw new CoreError('BAD_USAGE', `Which case? Usage: \`${usageText}\``);
  if (!caseRefSchema.safeParse(ref).success) throw new CoreError('BAD_CASE_REF', `"${ref.slice(0, 40)}" is not a case reference (like CP-0001). Usage: \`${usageText}\``);
  return ref;
}
