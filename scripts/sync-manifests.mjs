#!/usr/bin/env node
// Writes what the command registry says into the app manifests: Slack's /cp usage_hint and the
// Teams bot's commandLists (src/bot/core/commands/manifest-entries.ts works them out). Only those
// two values change; the rest of each file is kept byte for byte.
// Run: npm run sync:manifests            (writes the manifests)
//      npm run sync:manifests -- --check (exits 1 when a manifest is out of date, writes nothing)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SLACK_MANIFEST = path.join(root, 'manifests', 'slack', 'manifest.json');
export const TEAMS_MANIFEST = path.join(root, 'manifests', 'teams', 'manifest.json');

/** Each manifest's text now and as the registry would have it. */
export function syncManifests(entries, files = { slack: SLACK_MANIFEST, teams: TEAMS_MANIFEST }) {
  const slack = fs.readFileSync(files.slack, 'utf8');
  const teams = fs.readFileSync(files.teams, 'utf8');
  return [
    { file: files.slack, before: slack, after: syncSlack(slack, entries.slackUsageHint) },
    { file: files.teams, before: teams, after: syncTeams(teams, entries.teamsCommandLists) },
  ];
}

export function syncSlack(text, usageHint) {
  const want = JSON.parse(text);
  if (want.features?.slash_commands?.length !== 1) throw new Error('The Slack manifest should have exactly one slash command.');
  want.features.slash_commands[0].usage_hint = usageHint;
  return checked(replaceMember(text, 'usage_hint', () => JSON.stringify(usageHint)), want);
}

export function syncTeams(text, commandLists) {
  const want = JSON.parse(text);
  if (want.bots?.length !== 1) throw new Error('The Teams manifest should have exactly one bot.');
  want.bots[0].commandLists = commandLists;
  return checked(replaceMember(text, 'commandLists', (indent) => renderCommandLists(commandLists, indent)), want);
}

/** The command lists in the manifest's style: one command a line. */
export function renderCommandLists(lists, indent) {
  const pad = (n) => ' '.repeat(indent + n);
  const list = (l) =>
    [
      `${pad(2)}{`,
      `${pad(4)}"scopes": [${l.scopes.map((s) => JSON.stringify(s)).join(', ')}],`,
      `${pad(4)}"commands": [`,
      l.commands.map((c) => `${pad(6)}{ "title": ${JSON.stringify(c.title)}, "description": ${JSON.stringify(c.description)} }`).join(',\n'),
      `${pad(4)}]`,
      `${pad(2)}}`,
    ].join('\n');
  return `[\n${lists.map(list).join(',\n')}\n${pad(0)}]`;
}

/** Replaces the value of the one member called `key` with `render(indent of its line)`. */
function replaceMember(text, key, render) {
  const needle = `${JSON.stringify(key)}:`;
  const at = text.indexOf(needle);
  if (at < 0 || text.indexOf(needle, at + 1) >= 0) throw new Error(`Expected exactly one "${key}" in the manifest.`);
  let start = at + needle.length;
  while (/\s/.test(text[start])) start++;
  const end = valueEnd(text, start);
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = /^ */.exec(text.slice(lineStart))[0].length;
  return text.slice(0, start) + render(indent) + text.slice(end);
}

/** The index just past the JSON value starting at `i` (a string, array or object). */
function valueEnd(text, i) {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const ch = text[j];
    if (ch === '"') {
      for (j++; text[j] !== '"'; j++) if (text[j] === '\\') j++;
      if (depth === 0) return j + 1;
    } else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  throw new Error('Unterminated value in the manifest.');
}

function checked(out, want) {
  if (!isDeepStrictEqual(JSON.parse(out), want)) throw new Error('sync-manifests produced a manifest that differs from the intended one.');
  return out;
}

async function main() {
  const check = process.argv.includes('--check');
  const { register } = await import('tsx/esm/api');
  register();
  const { slackUsageHint, teamsCommandLists } = await import(pathToFileURL(path.join(root, 'src', 'bot', 'core', 'commands', 'manifest-entries.ts')).href);
  const results = syncManifests({ slackUsageHint: slackUsageHint(), teamsCommandLists: teamsCommandLists() });
  const stale = results.filter((r) => r.before !== r.after);
  for (const r of stale) {
    if (!check) fs.writeFileSync(r.file, r.after);
    console.log(`${check ? 'out of date' : 'updated'}: ${path.relative(process.cwd(), r.file)}`);
  }
  if (stale.length === 0) console.log('manifests match the command registry');
  if (check && stale.length > 0) {
    console.error('Run npm run sync:manifests to write them.');
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((err) => {
    console.error(`sync:manifests failed: ${err.message}`);
    process.exit(1);
  });
}
