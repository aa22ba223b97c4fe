import type { TeamsCommandList } from '../src/bot/core/commands/manifest-entries.js';

export interface ManifestEntries {
  slackUsageHint: string;
  teamsCommandLists: TeamsCommandList[];
}
export const SLACK_MANIFEST: string;
export const TEAMS_MANIFEST: string;
export function syncManifests(entries: ManifestEntries, files?: { slack: string; teams: string }): { file: string; before: string; after: string }[];
export function syncSlack(text: string, usageHint: string): string;
export function syncTeams(text: string, commandLists: TeamsCommandList[]): string;
export function renderCommandLists(lists: TeamsCommandList[], indent: number): string;
