// The Teams app package: manifest valid against the schema @microsoft/app-manifest ships, icons of
// the required sizes, and `npm run package:teams` producing an uploadable zip.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { buildManifest, packageTeams } from '../../scripts/package-teams.mjs';
import { readPngHeader, readZip } from '../../scripts/package-teams.lib.mjs';
import { COMMAND_NAMES } from '../../src/bot/core/parse.js';

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

  it('has the bot in personal, team and groupChat scopes with every command', () => {
    const bot = manifest.bots[0];
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    const titles = bot.commandLists.flatMap((l: any) => l.commands.map((c: any) => c.title));
    // Teams allows 10 commands a list: the everyday six, each one the core knows.
    expect(titles.sort()).toEqual(['attend', 'case', 'dissent', 'help', 'mine', 'next']);
    for (const t of titles) expect(COMMAND_NAMES).toContain(t);
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
