// Text commands, by name.
import { dissentForm } from '../forms/dissent.js';
import { outcomeForm } from '../forms/outcome.js';
import type { HandlerContext } from '../handler.js';
import { parseCommand, requireCaseRef } from '../parse.js';
import type { CoreReply } from '../types.js';
import { runAttend } from './attend.js';
import { runCase } from './case.js';
import { runHelp } from './help.js';
import { runInvite, runUninvite } from './invite.js';
import { runMine } from './mine.js';
import { runCancel, runMove } from './move-cancel.js';
import { runNext } from './next.js';
import { runRecord } from './record.js';
import { runSchedule } from './schedule.js';

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
    case 'schedule':
      return runSchedule(h, cmd);
    case 'move':
      return runMove(h, cmd);
    case 'cancel':
      return runCancel(h, cmd);
    case 'invite':
      return runInvite(h, cmd);
    case 'uninvite':
      return runUninvite(h, cmd);
    case 'record':
      return runRecord(h, cmd);
    case 'outcome':
      return { form: await outcomeForm(h, requireCaseRef(cmd, 'outcome CASE')) };
  }
}
