// Text commands, by name.
import { dissentForm } from '../forms/dissent.js';
import type { HandlerContext } from '../handler.js';
import { parseCommand, requireCaseRef } from '../parse.js';
import type { CoreReply } from '../types.js';
import { runAttend } from './attend.js';
import { runCase } from './case.js';
import { runHelp } from './help.js';
import { runMine } from './mine.js';
import { runNext } from './next.js';

export async function runCommandFor(h: HandlerContext, text: string): Promise<CoreReply> {
  const cmd = parseCommand(text);
  switch (cmd.name) {
    case 'help':
      return runHelp();
    case 'next':
      return runNext(h, cmd);
    case 'case':
      return runCase(h, cmd);
    case 'mine':
      return runMine(h);
    case 'attend':
      return runAttend(h, cmd);
    case 'dissent':
      return { form: await dissentForm(h, requireCaseRef(cmd, 'dissent CASE')) };
  }
}
