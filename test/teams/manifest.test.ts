// The Teams app package: manifest valid against the schema @microsoft/app-manifest ships, its
// command menus as the command registry has them, icons of the required sizes, and
// `npm run package:teams` producing an uploadable zip.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { buildManifest, packageTeams } from '../../scripts/package-teams.mjs';
import { readPngHeader, readZip } from '../../scripts/package-teams.lib.mjs';
import { syncTeams } from '../../scripts/sync-manifests.mjs';
import { TEAMS_COMMANDS_PER_LIST, teamsCommandLists, teamsDescription, teamsManifestProblems } from '../../src/bot/core/commands/manifest-entries.js';
import { COMMANDS, findCommand } from '../../src/bot/core/commands/registry.js';

const dir = path.resolve('manifests/teams');
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const require = createRequire(import.meta.url);

function localSchema(version: string): object {
  const file = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('teams manifest', () => {
  it('is valid against the local copy of its schema version (1.22 or later)', async () => {
    const version = manifest.manifestVersion as string;
    expect(Number(version.split('.')[1])).toBeGreaterThanOrEqual(22);
    expect(manifest.$schema).toContain(`/v${version}/`);
    const failures = await AppManifestUtils.validateAgainstSchema(manifest, localSchema(version) as never);
    expect(failures).toEqual([]);
  });

  it('has the bot in personal, team and groupChat scopes, each in exactly one command list', () => {
    const bot = manifest.bots[0];
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    const listed = bot.commandLists.flatMap((l: any) => l.scopes);
    expect([...listed].sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it('lists only registry commands, each described as help describes it', () => {
    for (const list of manifest.bots[0].commandLists) {
      for (const c of list.commands) {
        const entry = findCommand(c.title);
        expect(entry, `${c.title} is in the Teams manifest but not in the command registry`).toBeDefined();
        expect(c.description).toBe(teamsDescription(entry!));
        expect(c.description).toContain(entry!.help);
      }
    }
  });

  it('has the registry\'s menus: personal chat the everyday and personal commands, channels and group chats the everyday ones', () => {
    const lists = manifest.bots[0].commandLists as { scopes: string[]; commands: { title: string }[] }[];
    const titles = (scope: string) => lists.find((l) => l.scopes.includes(scope))!.commands.map((c) => c.title);
    const names = (...menus: string[]) => COMMANDS.filter((c) => menus.includes(c.menu)).map((c) => c.name);
    expect(titles('personal')).toEqual(names('everyday', 'personal'));
    expect(titles('team')).toEqual(names('everyday'));
    expect(titles('groupChat')).toEqual(names('everyday'));
    // The typed ones are in no menu: Teams has no room (help lists them).
    const anywhere = new Set(lists.flatMap((l) => l.commands.map((c) => c.title)));
    expect(COMMANDS.filter((c) => !anywhere.has(c.name)).map((c) => c.name)).toEqual(names('typed'));
    expect(manifest.bots[0].commandLists).toEqual(teamsCommandLists());
  });

  it('keeps each menu within what the schema allows (and the limit the registry is checked against is the schema\'s)', () => {
    const schema = localSchema(manifest.manifestVersion) as any;
    const commandLists = schema.properties.bots.items.properties.commandLists;
    expect(commandLists.items.properties.commands.maxItems).toBe(TEAMS_COMMANDS_PER_LIST);
    expect(manifest.bots[0].commandLists.length).toBeLessThanOrEqual(commandLists.maxItems);
    for (const list of manifest.bots[0].commandLists) expect(list.commands.length).toBeLessThanOrEqual(TEAMS_COMMANDS_PER_LIST);
    // With every command offered in the personal chat, the registry refuses to make the lists.
    expect(() => teamsCommandLists(COMMANDS.map((c) => ({ ...c, menu: 'personal' as const })))).toThrow(/Teams allows 10/);
  });

  it('agrees with the registry, and each kind of disagreement is caught', () => {
    expect(teamsManifestProblems(manifest)).toEqual([]);
    const tampered = (edit: (lists: any[]) => void) => {
      const copy = structuredClone(manifest);
      edit(copy.bots[0].commandLists);
      return teamsManifestProblems(copy).join('\n');
    };
    expect(tampered((l) => l[0].commands.push({ title: 'frobnicate', description: 'frobnicate CASE: no such thing' }))).toMatch(/"frobnicate" is in the Teams personal list but is not a command in the registry/);
    expect(tampered((l) => (l[1].commands[0].description = 'next CASE: deadlines'))).toMatch(/Teams description of next is not its help/);
    expect(tampered((l) => l[1].commands.pop())).toMatch(/not the registry's menus/);
    expect(tampered((l) => l[0].commands.reverse())).toMatch(/not the registry's menus/);
    expect(tampered((l) => l.reverse())).toMatch(/not the registry's menus/);
    expect(tampered((l) => l[0].commands.push({ title: 'move', description: teamsDescription(findCommand('move')!) }))).toMatch(/has 11 commands; Teams allows 10/);
  });

  it('is what npm run sync:manifests writes', () => {
    const text = fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    expect(syncTeams(text, teamsCommandLists())).toBe(text);
  });

  it('ships a 192×192 colour icon and a 32×32 transparent outline icon', () => {
    const color = fs.readFileSync(path.join(dir, 'color.png'));
    const outline = fs.readFileSync(path.join(dir, 'outline.png'));
    expect(readPngHeader(color)).toMatchObject({ width: 192, height: 192 });
    expect(readPngHeader(outline)).toMatchObject({ width: 32, height: 32, colourType: 6 });
  });

  it('packages manifest and icons into a zip, with the bot id from MICROSOFT_APP_ID', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-teams-')), 'app.zip');
    const appId = '11111111-2222-4333-8444-555555555555';
    packageTeams({ MICROSOFT_APP_ID: appId, QUORUM_PUBLIC_URL: 'https://quorum.example.gov.uk' }, out);
    const entries = readZip(fs.readFileSync(out));
    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const packed = JSON.parse(entries[0]!.data.toString('utf8'));
    expect(packed.bots[0].botId).toBe(appId);
    expect(packed.validDomains).toEqual(['quorum.example.gov.uk']);
    expect(await AppManifestUtils.validateAgainstSchema(packed, localSchema(packed.manifestVersion) as never)).toEqual([]);
    expect(entries[1]!.data.equals(fs.readFileSync(path.join(dir, 'color.png')))).toBe(true);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => buildManifest(manifest, { MICROSOFT_APP_ID: 'not-a-guid' })).toThrow(/must be a GUID/);
  });
});
