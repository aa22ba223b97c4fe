// The core's replies suggest chat commands (`outcome CP-1`). On the command line a suggestion must
// be something that runs there: a case command becomes `quorum … --as EMAIL`, and one that exists
// only in chat says so.
import { COMMAND_NAMES } from '../bot/core/commands/registry.js';

/** The chat commands `quorum` also has, with the same words. */
export const CLI_CASE_COMMANDS = ['schedule', 'move', 'cancel', 'invite', 'uninvite', 'record'] as const;

const CHAT_COMMANDS = new Set<string>(COMMAND_NAMES);

/** Rewrites each `command …` in the text for the command line, acting as `email`. */
export function forTheCommandLine(text: string, email: string): string {
  return text.replace(/`([^`\n]+)`/g, (whole, command: string) => {
    const verb = command.split(/\s+/)[0]!.toLowerCase();
    if ((CLI_CASE_COMMANDS as readonly string[]).includes(verb)) return `\`quorum ${command} --as ${email || 'EMAIL'}\``;
    if (CHAT_COMMANDS.has(verb)) return `${whole} (in Slack or Teams)`;
    return whole;
  });
}
