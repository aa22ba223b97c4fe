#!/usr/bin/env node
// Builds manifests/teams/quorum-teams.zip for upload to Teams (Developer Portal or admin centre):
// manifest.json at the root with the two icons. MICROSOFT_APP_ID (the bot's Entra app id) replaces
// the placeholder botId; TEAMS_APP_ID, if set, the app's own id; QUORUM_PUBLIC_URL's host goes in
// validDomains (https only), and package.json's version is the app's version. Run: npm run package:teams
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publicBase } from './manifest-slack.mjs';
import { readPngHeader, writeZip } from './package-teams.lib.mjs';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'manifests', 'teams');
const PACKAGE_VERSION = JSON.parse(fs.readFileSync(path.join(dir, '..', '..', 'package.json'), 'utf8')).version;

export function buildManifest(template, env, version = PACKAGE_VERSION) {
  const manifest = structuredClone(template);
  // Teams wants a new version for every upload that changes the app: the release's is the one.
  manifest.version = version;
  for (const [key, value] of [['MICROSOFT_APP_ID', env.MICROSOFT_APP_ID], ['TEAMS_APP_ID', env.TEAMS_APP_ID]]) {
    if (value && !GUID.test(value)) throw new Error(`${key} must be a GUID, got "${value}"`);
  }
  if (env.MICROSOFT_APP_ID) manifest.bots[0].botId = env.MICROSOFT_APP_ID;
  if (env.TEAMS_APP_ID) manifest.id = env.TEAMS_APP_ID;
  if (env.QUORUM_PUBLIC_URL) manifest.validDomains = [new URL(publicBase(env)).host];
  return manifest;
}

export function packageTeams(env = process.env, outFile = env.QUORUM_TEAMS_ZIP || path.join(dir, 'quorum-teams.zip')) {
  const manifest = buildManifest(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')), env);
  const color = fs.readFileSync(path.join(dir, 'color.png'));
  const outline = fs.readFileSync(path.join(dir, 'outline.png'));
  for (const [name, png, size] of [['color.png', color, 192], ['outline.png', outline, 32]]) {
    const h = readPngHeader(png);
    if (h.width !== size || h.height !== size) throw new Error(`${name} must be ${size}×${size}, is ${h.width}×${h.height}: run node scripts/make-icons.mjs`);
  }
  const zip = writeZip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
    { name: 'color.png', data: color },
    { name: 'outline.png', data: outline },
  ]);
  fs.writeFileSync(outFile, zip);
  return { outFile, manifest, placeholderBotId: !env.MICROSOFT_APP_ID };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    const { outFile, placeholderBotId } = packageTeams();
    console.log(`wrote ${path.relative(process.cwd(), outFile)}`);
    if (placeholderBotId) console.log('NOTE: MICROSOFT_APP_ID is not set, so the bot id is a placeholder; set it to your bot registration\'s app id before uploading.');
  } catch (err) {
    console.error(`package:teams failed: ${err.message}`);
    process.exit(1);
  }
}
