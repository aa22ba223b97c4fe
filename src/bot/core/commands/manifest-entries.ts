// What the Slack and Teams app manifests say about the commands, worked out from the registry.
// `npm run sync:manifests` (scripts/sync-manifests.mjs) writes these into manifests/slack and
// manifests/teams; test/slack/manifest.test.ts and test/teams/manifest.test.ts fail when a
// checked-in manifest and the registry disagree. Why some commands are in no Teams menu: see the
// top of registry.ts.
import { isDeepStrictEqual } from 'node:util';
import { COMMANDS, type CommandEntry } from './registry.js';

/** MicrosoftTeams.schema.json (v1.22): bots[].commandLists[].commands has maxItems 10. */
export const TEAMS_COMMANDS_PER_LIST = 10;
/** slackapi/manifest-schema: features.slash_commands[].usage_hint has maxLength 1000. */
export const SLACK_USAGE_HINT_MAX = 1000;

export type TeamsScope = 'personal' | 'team' | 'groupChat';

export interface TeamsCommand {
  title: string;
  description: string;
}

export interface TeamsCommandList {
  scopes: TeamsScope[];
  commands: TeamsCommand[];
}

/** The Teams menu's description of a command: `usage: help`, the words `help` shows. */
export function teamsDescription(c: Pick<CommandEntry, 'usage' | 'help'>): string {
  return `${c.usage}: ${c.help}`;
}

/** A command in the Slack hint: its name, then CASE when it takes one, then … when it takes more. */
export function shortUsage(c: Pick<CommandEntry, 'name' | 'usage'>): string {
  const [, second, ...more] = c.usage.split(/\s+/);
  const head = second === 'CASE' ? `${c.name} CASE` : c.name;
  return more.length > 0 || (second !== undefined && second !== 'CASE') ? `${head} …` : head;
}

/** `/cp`'s usage hint: every command, in registry order. */
export function slackUsageHint(commands: readonly CommandEntry[] = COMMANDS): string {
  const hint = commands.map(shortUsage).join(' | ');
  if (hint.length > SLACK_USAGE_HINT_MAX) throw new Error(`The Slack usage hint is ${hint.length} characters; Slack allows ${SLACK_USAGE_HINT_MAX}.`);
  return hint;
}

/**
 * The bot's command lists: the personal chat offers the everyday and personal commands; team
 * channels and group chats (one list for both) the everyday ones. Throws when a list would be
 * longer than Teams allows: mark a command 'typed' in the registry.
 */
export function teamsCommandLists(commands: readonly CommandEntry[] = COMMANDS): TeamsCommandList[] {
  const lists: TeamsCommandList[] = [
    { scopes: ['personal'], commands: menuOf(commands, ['everyday', 'personal']) },
    { scopes: ['team', 'groupChat'], commands: menuOf(commands, ['everyday']) },
  ];
  for (const list of lists) {
    if (list.commands.length > TEAMS_COMMANDS_PER_LIST) {
      throw new Error(`The Teams ${list.scopes.join('/')} menu would have ${list.commands.length} commands; Teams allows ${TEAMS_COMMANDS_PER_LIST}. Mark one 'typed' in registry.ts.`);
    }
  }
  return lists;
}

function menuOf(commands: readonly CommandEntry[], menus: readonly CommandEntry['menu'][]): TeamsCommand[] {
  return commands.filter((c) => menus.includes(c.menu)).map((c) => ({ title: c.name, description: teamsDescription(c) }));
}

/** Where a Slack manifest and the registry disagree, in words; empty when they agree. */
export function slackManifestProblems(manifest: any, commands: readonly CommandEntry[] = COMMANDS): string[] {
  const hint = manifest?.features?.slash_commands?.[0]?.usage_hint;
  if (typeof hint !== 'string') return ['the slash command has no usage_hint'];
  const problems: string[] = [];
  const hinted = hint.split(' | ').map((part) => part.split(' ')[0]!);
  const names = new Set(commands.map((c) => c.name));
  for (const word of hinted) if (!names.has(word)) problems.push(`"${word}" is in the Slack usage_hint but is not a command in the registry`);
  for (const c of commands) if (!hinted.includes(c.name)) problems.push(`${c.name} is missing from the Slack usage_hint`);
  if (hint.length > SLACK_USAGE_HINT_MAX) problems.push(`the Slack usage_hint is longer than ${SLACK_USAGE_HINT_MAX} characters`);
  if (problems.length === 0 && hint !== slackUsageHint(commands)) problems.push('the Slack usage_hint is not the one the registry gives (npm run sync:manifests)');
  return problems;
}

/** Where a Teams manifest and the registry disagree, in words; empty when they agree. */
export function teamsManifestProblems(manifest: any, commands: readonly CommandEntry[] = COMMANDS): string[] {
  const lists = manifest?.bots?.[0]?.commandLists;
  if (!Array.isArray(lists)) return ['the bot has no commandLists'];
  const problems: string[] = [];
  const byName = new Map(commands.map((c) => [c.name, c]));
  for (const list of lists) {
    const where = (list?.scopes ?? []).join('/');
    const listed: any[] = Array.isArray(list?.commands) ? list.commands : [];
    if (listed.length > TEAMS_COMMANDS_PER_LIST) problems.push(`the Teams ${where} list has ${listed.length} commands; Teams allows ${TEAMS_COMMANDS_PER_LIST}`);
    for (const c of listed) {
      const entry = byName.get(c?.title);
      if (!entry) problems.push(`"${c?.title}" is in the Teams ${where} list but is not a command in the registry`);
      else if (c.description !== teamsDescription(entry)) problems.push(`the Teams description of ${entry.name} is not its help: "${teamsDescription(entry)}"`);
    }
  }
  if (!isDeepStrictEqual(lists, teamsCommandLists(commands))) problems.push("the Teams command lists are not the registry's menus (npm run sync:manifests)");
  return problems;
}
