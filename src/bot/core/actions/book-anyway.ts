// The "Book anyway" button under a booking or move that was refused as unusual (a weekend, 03:00):
// it carries the command, ending in --confirm, and runs it as if typed.
import { takeConfirmFlag } from '../commands/booking-checks.js';
import { runCommandFor } from '../commands/index.js';
import { COMMAND_VOCABULARY } from '../commands/registry.js';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import { parseCommand } from '../parse.js';
import type { ActionPayload, CoreReply } from '../types.js';

/** The "Book anyway" button: runs the command it carries, which must be a confirmed schedule or move of that case. */
export async function bookAnyway(h: HandlerContext, p: ActionPayload): Promise<CoreReply> {
  const text = p.t ?? '';
  const cmd = parseCommand(text, COMMAND_VOCABULARY);
  const ok = (cmd.name === 'schedule' || cmd.name === 'move') && cmd.args[0]?.toLowerCase() === p.c.toLowerCase() && takeConfirmFlag(text).confirmed;
  if (!ok) throw new CoreError('BAD_ACTION', 'That button is not one I recognise. Run `help` for what I can do.');
  return runCommandFor(h, text);
}

