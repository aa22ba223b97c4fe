// Text commands, by name: the registry says which exist and which handler runs each.
import type { HandlerContext } from '../handler.js';
import { parseCommand } from '../parse.js';
import type { CoreReply } from '../types.js';
import { COMMAND_VOCABULARY, findCommand } from './registry.js';

export async function runCommandFor(h: HandlerContext, text: string): Promise<CoreReply> {
  const cmd = parseCommand(text, COMMAND_VOCABULARY);
  // parseCommand accepts only the registry's names.
  return findCommand(cmd.name)!.run(h, cmd);
}
