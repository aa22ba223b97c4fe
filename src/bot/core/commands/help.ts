// `help`: every command, with its usage and who may run it. The commands come from the registry
// as an argument: the registry imports this file, so this file must not import the registry.
import { PERMISSIONS, type Capability } from '../permissions.js';
import { ROLE_WORDS, type Role } from '../../../rules/roles.js';
import type { CoreReply } from '../types.js';

/** A capability from permissions.ts (checked on the case), or anyone Quorum knows (help, mine). */
export type WhoMayRun = Capability | 'anyone';

/** What help shows of a command. */
export interface HelpItem {
  readonly name: string;
  readonly usage: string;
  readonly help: string;
  readonly who: WhoMayRun;
}


/** Who may run it, in words, from the permissions table: `chair, social worker or conference admin`. */
export function whoMayRun(who: WhoMayRun): string {
  if (who === 'anyone') return 'anyone';
  const all = Object.keys(PERMISSIONS) as Role[];
  const roles = all.filter((r) => PERMISSIONS[r].includes(who));
  if (roles.length === all.length) return 'anyone on the case';
  const words = roles.map((r) => ROLE_WORDS[r]);
  if (words.length === 0) return 'no role';
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

export function helpLine(c: HelpItem): string {
  return `\`${c.usage}\`: ${c.help}. Who: ${whoMayRun(c.who)}.`;
}

export function renderHelp(commands: readonly HelpItem[]): CoreReply {
  return {
    view: {
      fallback: `Quorum commands: ${commands.map((c) => c.name).join(', ')}.`,
      blocks: [
        { type: 'header', text: 'Quorum: child protection conference deadlines' },
        { type: 'list', items: commands.map(helpLine) },
        { type: 'context', text: 'Cases appear by reference and initials only. Every deadline names the standard it comes from.' },
      ],
    },
  };
}
